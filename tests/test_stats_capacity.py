"""`stats` says what the rhythms ask for against the daily budget, and Dunbar's layers."""

from __future__ import annotations

from pathlib import Path

import pytest

TODAY = "2026-11-22"


def ok(r):
    assert r.exit_code == 0, r
    return r


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NETWORK_CONFIG", str(path))
    return lambda text: path.write_text(text, encoding="utf-8")


def test_stats_counts_what_the_rhythms_ask_for_against_the_budget(cli) -> None:
    ok(cli("add", "Alice Chen", "--tie", "close", today=TODAY))  # 7/30 a week
    ok(cli("add", "Bob Li", "--tie", "casual", today=TODAY))  # 7/90
    ok(cli("add", "Carol Díaz", "--tie", "roster", today=TODAY))  # no rhythm
    ok(cli("add", "Dan Wu", "--tie", "roster", "--every", "1w", today=TODAY))  # 1 a week
    ok(cli("add", "Eve Ng", "--tie", "close", today=TODAY))
    ok(cli("archive", "Eve Ng", today=TODAY))  # archived: asks for nothing

    r = ok(cli("stats", "--json", today=TODAY))

    s = r.json()
    assert (s["close_ties"], s["on_rhythm"]) == (1, 3)
    assert s["contacts_per_week"] == round(7 / 30 + 7 / 90 + 1, 1) == 1.3
    assert s["budget_per_week"] == 35
    assert s["capacity"] == []
    text = ok(cli("stats", today=TODAY))
    assert "Capacity         1 close, 3 on a rhythm; they ask 1.3 contacts a week, budget 35\n" in (
        text.stdout
    )
    assert "Warning" not in text.stderr


def test_rhythms_asking_more_than_the_budget_allows_are_a_warning(cli, settings) -> None:
    settings("budget = 1\n")
    for n in range(8):
        ok(cli("add", f"Weekly {n}", "--every", "1w", today=TODAY))

    s = ok(cli("stats", "--json", today=TODAY)).json()

    assert (s["contacts_per_week"], s["budget_per_week"]) == (8.0, 7)
    assert s["capacity"] == [
        "your rhythms ask for about 8 contacts a week, more than your daily budget of 1 allows "
        "(7 a week): raise budget in the settings (network config) or give some people a "
        "slower rhythm (network edit PERSON --every 3m)"
    ]
    r = ok(cli("stats", today=TODAY))
    assert r.stderr.startswith("Warning: your rhythms ask for about 8 contacts a week")
    settings("budget = 2\n")
    assert ok(cli("stats", "--json", today=TODAY)).json()["capacity"] == []


def test_more_close_ties_than_can_be_kept_up_show_on_stats_too(cli) -> None:
    for n in range(16):
        ok(cli("add", f"Close {n:02d}", "--tie", "close", "--last", f"2026-11-{n + 1:02d}",
               today=TODAY))  # fmt: skip

    s = ok(cli("stats", "--json", today=TODAY)).json()

    assert s["close_ties"] == 16
    assert s["capacity"] == [
        "16 close ties is more than about 15 can be kept up: consider moving Close 00 to "
        "casual (network edit PERSON --tie casual)"
    ]
    r = ok(cli("stats", today=TODAY))
    assert "Warning: 16 close ties is more than about 15 can be kept up" in r.stderr
    assert r.stdout.startswith("Roster           16 people")  # the warning stays off stdout


def test_a_budget_of_zero_is_never_over(cli, settings) -> None:
    from network.domain import capacity

    assert capacity.budget_warning(50.0, 0) is None
    assert capacity.budget_warning(7.0, 1) is None
    assert capacity.budget_warning(7.01, 1) is not None
    settings("budget = 0\n")
    ok(cli("add", "Weekly", "--every", "1w", today=TODAY))
    s = ok(cli("stats", "--json", today=TODAY)).json()
    assert (s["budget_per_week"], s["capacity"]) == (0, [])
