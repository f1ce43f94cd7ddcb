"""drift and stats: pure computations, then the figures through the CLI, computed by hand."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from network.domain import insights
from network.domain.insights import Rhythm


def rhythm(**kw):
    base = {
        "id": 1,
        "name": "A",
        "tie": "close",
        "cadence": 30,
        "contacts": 4,
        "last_contact": date(2026, 1, 1),
        "avg_gap": 20.0,
        "gaps": [20, 20, 20],
    }
    return Rhythm(**{**base, **kw})


def test_drift_past_twice_the_cadence():
    today = date(2026, 1, 1)
    assert insights.assess_drift(rhythm(), today + timedelta(days=60)) is None
    d = insights.assess_drift(rhythm(), today + timedelta(days=61))
    assert d.ratio == round(61 / 30, 2) and "61 days silent" in d.reasons[0]


def test_not_regular_is_not_drift_by_silence():
    d = insights.assess_drift(rhythm(avg_gap=45.0, gaps=[45, 45, 45]), date(2026, 4, 1))
    assert d is None


def test_growing_gaps_count_the_silence_so_far():
    today = date(2026, 1, 11)
    d = insights.assess_drift(rhythm(gaps=[5, 8], avg_gap=6.5, contacts=3), today)
    assert d is not None and d.reasons == ["gaps keep growing: 5 → 8 → 10 days"]
    assert (
        insights.assess_drift(rhythm(gaps=[5, 8], avg_gap=6.5, contacts=3), date(2026, 1, 5))
        is None
    )
    # a few days' wobble is not a trend: each gap must be at least 20% longer
    assert (
        insights.assess_drift(rhythm(gaps=[9, 10], avg_gap=9.5, contacts=3), date(2026, 1, 12))
        is None
    )


def test_too_little_history_is_not_drift():
    assert insights.assess_drift(rhythm(contacts=2, gaps=[20]), date(2027, 1, 1)) is None


def test_streak():
    today = date(2026, 6, 30)
    days = {today, today - timedelta(days=1), today - timedelta(days=3)}
    assert insights.streak(days, today) == 2
    assert insights.streak(days - {today}, today) == 1  # today not yet: counts to yesterday
    assert insights.streak(set(), today) == 0


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_heatmap_shape(today):
    lines = insights.heatmap({today: 5}, today)
    assert len(lines) == 9 and lines[1].startswith("Mon ")
    assert all(len(line) <= 4 + insights.HEATMAP_WEEKS for line in lines[1:8])
    assert sum(line.count("█") for line in lines[1:8]) == 1
    assert insights.heatmap_start(today).weekday() == 0


def test_sparkline_and_months():
    assert insights.sparkline([0, 1, 8]) == "·▁█"
    assert insights.sparkline([0, 0]) == "··"
    assert insights.last_months(date(2026, 2, 10), 3) == ["2025-12", "2026-01", "2026-02"]


# --- through the CLI --------------------------------------------------------------------


def add_all(cli):
    for name, tie in (
        ("Alice Chen", "close"),
        ("Bob Li", "casual"),
        ("Carol Diaz", "casual"),
        ("Dana Ng", "casual"),
        ("Eve Park", "roster"),
    ):
        assert cli("add", name, "--tie", tie, today="2025-01-01").exit_code == 0


def test_stats_figures(cli):
    add_all(cli)
    cli("give", "alice", "coffee", today="2026-06-29")
    cli("ask", "alice", "advice", today="2026-06-30")
    cli("give", "bob", "article", today="2026-06-28")
    cli("log", "bob", "sent me a lead", "--received", today="2026-05-01")
    cli("give", "carol", "coffee", today="2025-06-01")  # before the 12 months
    cli("ask", "carol", "a favour", today="2026-06-01")
    cli("give", "dana", "congrats", today="2026-06-30")
    r = cli("stats", "--json", today="2026-06-30")
    assert r.exit_code == 0, r
    s = r.json()
    assert (s["roster"], s["real_network"]) == (5, 2)  # Alice and Bob: both ways
    assert (s["deposits_12m"], s["asks_12m"], s["received_12m"], s["give_ask_ratio"]) == (
        3,
        2,
        1,
        1.5,
    )
    assert (s["deposits_last_quarter"], s["deposits_per_week"]) == (3, round(3 / 13, 2))
    assert s["streak_days"] == 3
    assert s["networking_days_52w"] == 5
    assert s["calendar"]["2026-06-30"] == 2
    text = cli("stats", today="2026-06-30").stdout
    assert "Real network     2" in text and "1.5 gives per ask" in text and "Mon " in text


def test_stats_on_an_empty_network(cli, empty_db):
    s = cli("stats", "--json", today="2026-06-30").json()
    assert (s["roster"], s["real_network"], s["give_ask_ratio"], s["streak_days"]) == (
        0,
        0,
        None,
        0,
    )
    assert "no asks yet" in cli("stats", today="2026-06-30").stdout


def test_drift_orders_largest_first(cli):
    add_all(cli)
    for day in ("2026-01-01", "2026-01-20", "2026-02-10"):
        cli("give", "alice", "coffee", "--when", day, today="2026-05-01")
    for day in ("2026-01-01", "2026-01-11", "2026-01-31", "2026-03-31"):
        cli("give", "carol", "note", "--when", day, today="2026-05-01")
    for day in ("2026-04-01", "2026-04-10", "2026-04-20"):
        cli("give", "dana", "note", "--when", day, today="2026-05-01")
    rows = cli("drift", "--json", today="2026-05-01").rows()
    assert [(r["name"], r["drift"]) for r in rows] == [
        ("Alice Chen", round(80 / 30, 2)),
        ("Carol Diaz", round(31 / 90, 2)),
    ]
    assert rows[1]["reasons"] == ["gaps keep growing: 10 → 20 → 59 days"]
    assert "Alice Chen" in cli("drift", today="2026-05-01").stdout


def test_show_has_a_monthly_chart(cli):
    add_all(cli)
    cli("give", "alice", "coffee", today="2026-01-05")
    cli("give", "alice", "call", today="2026-01-06")
    cli("give", "alice", "article", today="2026-03-05")
    data = cli("show", "alice", "--json", today="2026-03-20").json()
    months = data["monthly"]
    assert len(months) == 12 and months[-1] == {"month": "2026-03", "count": 1}
    assert months[-3] == {"month": "2026-01", "count": 2}
    text = cli("show", "alice", today="2026-03-20").stdout
    assert "12 months" in text and "3 interactions" in text
