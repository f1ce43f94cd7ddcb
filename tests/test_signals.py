"""Reciprocity signals and who-knows reach: pure rules, then through the CLI."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from network.domain import loops as rules
from network.domain import ranking, signals
from network.domain.signals import Facts


def names(found):
    return [s.name for s in found]


# --- pure rules -------------------------------------------------------------------------


def test_overdrawn_only_below_zero():
    assert names(signals.evaluate(Facts(balance=-1))) == ["overdrawn"]
    assert signals.evaluate(Facts(balance=0)) == []
    assert "give before you ask again" in signals.evaluate(Facts(balance=-3))[0].reason


def test_one_sided_needs_five_deposits_and_no_withdrawal():
    assert names(signals.evaluate(Facts(balance=9, deposits_year=5))) == ["one_sided"]
    assert signals.evaluate(Facts(balance=9, deposits_year=4)) == []
    assert signals.evaluate(Facts(balance=9, deposits_year=9, withdrawals_year=1)) == []
    reason = signals.evaluate(Facts(balance=9, deposits_year=5))[0].reason
    assert reason.startswith("let them help you: ask for something small")


def test_leaning_from_three_asks():
    assert names(signals.evaluate(Facts(balance=5, asks_recent=3))) == ["leaning"]
    assert signals.evaluate(Facts(balance=5, asks_recent=2)) == []


def test_snub_rules():
    assert signals.is_snub(points=2, status="declined", days_open=0, balance_before=1)
    assert signals.is_snub(points=1, status="open", days_open=31, balance_before=4)
    assert not signals.is_snub(points=1, status="open", days_open=30, balance_before=4)
    assert not signals.is_snub(
        points=5, status="declined", days_open=0, balance_before=4
    )  # not small
    assert not signals.is_snub(
        points=2, status="declined", days_open=0, balance_before=0
    )  # not in credit
    assert not signals.is_snub(points=2, status="granted", days_open=0, balance_before=4)


@given(st.integers(-50, 50), st.integers(0, 20), st.integers(0, 20), st.integers(0, 10))
def test_signals_are_consistent(balance, deposits, withdrawals, asks):
    found = names(signals.evaluate(Facts(balance, deposits, withdrawals, asks)))
    assert ("overdrawn" in found) == (balance < 0)
    assert ("one_sided" in found) == (deposits >= 5 and withdrawals == 0)
    assert ("leaning" in found) == (asks >= 3)
    assert found == [n for n in signals.ORDER if n in found]


def test_thanks_wording():
    assert rules.thanks_action("Alice", "intro to Bob") == "thank Alice for the intro to Bob"
    assert (
        rules.thanks_action("Alice", "asked for advice on an offer")
        == "thank Alice for the advice on an offer"
    )
    assert rules.thanks_action("Bob", "sent me a job lead") == "thank Bob (sent me a job lead)"
    assert rules.thanks_action("Bob", "a reference letter") == "thank Bob for a reference letter"


def test_promise_wording_and_state():
    today = date(2026, 9, 8)
    assert rules.promise_action("Bob", "send the deck", date(2026, 9, 5), today) == (
        "promise to Bob overdue 3 days: send the deck"
    )
    assert (
        rules.promise_action("Bob", "x", date(2026, 9, 9), today)
        == "promise to Bob due tomorrow: x"
    )
    assert rules.promise_kind(date(2026, 9, 15), today) == "promise_soon"
    assert rules.promise_kind(date(2026, 9, 16), today) is None
    assert rules.promise_state(date(2026, 9, 5), None, today) == "broken-in-waiting"
    assert rules.promise_state(date(2026, 9, 5), date(2026, 9, 6), today) == "kept late"
    assert rules.promise_state(date(2026, 9, 5), date(2026, 9, 5), today) == "kept"


def test_ask_state_waits_after_14_days():
    assert rules.ask_state("open", date(2026, 9, 1), date(2026, 9, 15)) == "open"
    assert rules.ask_state("open", date(2026, 9, 1), date(2026, 9, 16)) == "waiting"
    assert rules.ask_state("declined", date(2026, 1, 1), date(2026, 9, 16)) == "declined"


def test_every_obligation_kind_has_its_words():
    from network.store.schema import OBLIGATION_KINDS

    assert set(rules.KIND_WORDS) == set(rules.DONE_WORDS) == set(OBLIGATION_KINDS)


def test_ask_and_obligation_rows_carry_state_and_words():
    today = date(2026, 9, 20)
    ask = {"id": 1, "status": "open", "day": date(2026, 9, 1)}
    assert rules.ask_row(ask, today) == {
        **ask,
        "state": "waiting",
        "days_open": 19,
        "waiting": True,
    }
    answered = {**ask, "status": "granted"}
    assert rules.ask_row(answered, today)["days_open"] is None
    base = {
        "id": 2,
        "person_id": 3,
        "name": "Bob Li",
        "summary": "send the deck",
        "created_on": date(2026, 9, 1),
        "due_on": date(2026, 9, 10),
        "done_on": None,
        "note": None,
        "other_id": None,
        "other": None,
    }
    promise = rules.obligation_row({**base, "kind": "promise", "tie": "close"}, today)
    assert "tie" not in promise
    assert (promise["state"], promise["broken"], promise["action"]) == (
        "broken-in-waiting",
        True,
        "promise to Bob Li overdue 10 days: send the deck",
    )
    thanks = rules.obligation_row({**base, "kind": "thanks", "done_on": today}, today)
    assert (thanks["state"], thanks["broken"]) == ("done", False)


def test_ranking_leans_on_the_signal_thresholds():
    assert (ranking.LEANING_ASKS, ranking.RECENT_ASK_DAYS) == (
        signals.LEANING_ASKS,
        signals.LEANING_DAYS,
    )


def test_bridge_prefers_close_then_balance():
    known = [
        {"id": 1, "name": "Ann", "tie": "casual", "balance": 9},
        {"id": 2, "name": "Bea", "tie": "close", "balance": 2},
        {"id": 3, "name": "Cy", "tie": "close", "balance": 6},
        {"id": 4, "name": "Di", "tie": "roster", "balance": 0},
    ]
    assert ranking.bridge(known)["name"] == "Cy"
    assert ranking.bridge([known[3]]) is None
    assert ranking.barely_known("roster", 10) and ranking.barely_known("casual", 0)
    assert not ranking.barely_known("casual", 5) and not ranking.barely_known("close", 0)


# --- through the CLI --------------------------------------------------------------------


def setup(cli):
    for name, tie in (
        ("Alice Chen", "close"),
        ("Bob Li", "casual"),
        ("Carol Diaz", "casual"),
        ("Dana Ng", "casual"),
        ("Eve Park", "roster"),
    ):
        assert cli("add", name, "--tie", tie, today="2026-01-01").exit_code == 0


def signal_names(rows, name):
    return [s["signal"] for r in rows if r["name"] == name for s in r["signals"]]


def test_signals_in_people_balance_and_show(cli):
    setup(cli)
    # overdrawn
    cli("ask", "bob", "advice on an offer", today="2026-03-01")
    # one-sided: five deposits, nothing asked
    for n in range(5):
        cli("give", "carol", f"article {n}", "--kind", "article", today=f"2026-03-0{n + 1}")
    # red flag: a small ask declined while in credit
    cli("give", "dana", "coffee", today="2026-03-01")
    cli("give", "dana", "intro to Eve", "--kind", "intro", today="2026-03-01")
    cli("ask", "dana", "quick question", "--kind", "email", today="2026-03-02")
    cli("answer", "dana", "declined", today="2026-03-03")
    # leaning: three asks of Alice in 90 days
    cli("give", "alice", "dinner", "--kind", "meal", "--points", "20", today="2026-02-01")
    for n in range(3):
        cli("ask", "alice", f"favour {n}", today=f"2026-03-1{n}")
    people = cli("people", "--json", today="2026-03-20").rows()
    assert signal_names(people, "Bob Li") == ["overdrawn"]
    assert signal_names(people, "Carol Diaz") == ["one_sided"]
    assert signal_names(people, "Dana Ng") == ["red_flag"]
    assert signal_names(people, "Alice Chen") == ["leaning"]
    assert signal_names(people, "Eve Park") == []
    table = cli("people", today="2026-03-20").stdout
    assert "one-sided" in table and "red-flag" in table
    balance = cli("balance", "--json", today="2026-03-20").rows()
    assert signal_names(balance, "Bob Li") == ["overdrawn"]
    assert "give before you ask again" in cli("balance", today="2026-03-20").stdout
    shown = cli("show", "carol", today="2026-03-20").stdout
    assert "let them help you: ask for something small" in shown
    assert (
        "quick question"
        in cli("show", "dana", "--json", today="2026-03-20").json()["signals"][0]["reason"]
    )


def test_unanswered_small_ask_turns_red_after_30_days(cli):
    setup(cli)
    cli("give", "dana", "coffee", today="2026-03-01")
    cli("ask", "dana", "quick question", "--kind", "email", today="2026-03-02")
    people = cli("people", "--json", today="2026-04-01").rows()
    assert signal_names(people, "Dana Ng") == []
    people = cli("people", "--json", today="2026-04-02").rows()
    assert signal_names(people, "Dana Ng") == ["red_flag"]


def test_received_help_breaks_one_sidedness(cli):
    setup(cli)
    for n in range(5):
        cli("give", "carol", f"article {n}", "--kind", "article", today=f"2026-03-0{n + 1}")
    cli("log", "carol", "sent me a job lead", "--received", today="2026-03-09")
    assert signal_names(cli("people", "--json", today="2026-03-20").rows(), "Carol Diaz") == []


def test_who_knows_ranks_leaning_lower_and_says_so(cli):
    setup(cli)
    cli("knows", "alice", "cars")
    cli("knows", "bob", "cars")
    cli("edit", "bob", "--tie", "close", today="2026-01-01")
    for who in ("alice", "bob"):
        cli("give", who, "dinner", "--kind", "meal", "--points", "20", today="2026-02-01")
    plain = cli("who-knows", "cars", "--json", today="2026-03-20").json()["items"]
    assert [i["name"] for i in plain] == ["Alice Chen", "Bob Li"]
    for n in range(3):
        cli("ask", "alice", f"favour {n}", today=f"2026-03-1{n}")
    items = cli("who-knows", "cars", "--json", today="2026-03-20").json()["items"]
    assert [i["name"] for i in items] == ["Bob Li", "Alice Chen"]
    assert "ranked lower: you lean on them" in items[1]["reasons"]


def test_who_knows_help_states_the_leaning_rule_as_it_is(cli):
    text = " ".join(cli("who-knows", "--help").stdout.split())
    assert f"({signals.LEANING_ASKS} asks in {signals.LEANING_DAYS} days)" in text


def test_who_knows_reaches_one_step_through_links_and_intros(cli):
    setup(cli)
    cli("knows", "eve", "cars")
    cli("give", "alice", "dinner", "--kind", "meal", "--points", "6", today="2026-02-01")
    direct = cli("who-knows", "cars", "--json", today="2026-03-20").json()["items"]
    assert direct[0]["via"] is None
    cli("link", "eve", "alice", "--context", "college", today="2026-03-01")
    cli("link", "eve", "bob", today="2026-03-01")  # casual, not known well
    items = cli("who-knows", "cars", "--json", today="2026-03-20").json()["items"]
    assert items[0]["via"] == {"id": 1, "name": "Alice Chen", "tie": "close", "balance": 6}
    assert "via Alice Chen — close, +6" in items[0]["reasons"]
    assert items[0]["fair_to_ask"] == "ask Alice for an intro"
    text = cli("who-knows", "cars", today="2026-03-20").stdout
    assert "via Alice Chen — close, +6" in text


def test_who_knows_reach_through_an_introduction(cli):
    setup(cli)
    cli("knows", "eve", "resumes")
    cli("intro", "alice", "eve", today="2026-03-01")
    items = cli("who-knows", "resumes", "--json", today="2026-03-20").json()["items"]
    # Eve is roster with +5 from the intro: still barely known; Alice is close
    assert items[0]["via"]["name"] == "Alice Chen"


def test_a_bridge_must_be_someone_it_is_fair_to_ask():
    from network.domain.ranking import known_well

    assert known_well("close", 1)
    assert not known_well("close", 0)  # an intro is a withdrawal: give first
    assert not known_well("casual", -3)
    assert known_well("casual", 6)


@pytest.mark.parametrize("asks", [3, 30])
def test_both_plans_for_balance_before_an_ask_agree(cli, isolated_db, monkeypatch, asks):
    """Few asks: balance now minus what came after; many: a running sum. Same answers."""
    from network.store import connection as db
    from network.store.reads import obligations as obligation_queries

    assert cli("add", "Ann Lee", today="2026-01-01").exit_code == 0
    for n in range(asks):
        day = f"2026-{1 + n % 10:02d}-{1 + n % 27:02d}"
        assert (
            cli(
                "give",
                "ann",
                f"article {n}",
                "--kind",
                "article",
                "--when",
                day,
                today="2026-11-22",
            ).exit_code
            == 0
        )
        assert (
            cli(
                "ask",
                "ann",
                f"small favour {n}",
                "--kind",
                "ask",
                "--points",
                "1",
                "--when",
                day,
                today="2026-11-22",
            ).exit_code
            == 0
        )
    params = {"year": "2025-11-22", "recent": "2026-08-24"}

    def run(threshold):
        monkeypatch.setattr(obligation_queries, "DENSE_ASKS", threshold)
        with db.reading(isolated_db) as reader:
            return sorted(
                (r["day"], r["summary"], r["before"])
                for r in obligation_queries._small_unanswered_asks(reader, params, "")
            )

    few, many = run(10**6), run(0)
    assert len(few) == asks
    assert few == many


def test_facts_with_one_signature_have_the_same_signals_and_others_differ() -> None:
    import itertools
    import json

    from network.domain.signals import Facts, evaluate, signature, to_json

    seen: dict[tuple, str] = {}
    values = itertools.product(
        (-3, -1, 0, 4), (0, 4, 5, 7), (0, 1), (0, 2, 3, 4), ([], ['"a" declined'])
    )
    for balance, deposits, withdrawals, asks, snubbed in values:
        facts = Facts(balance, deposits, withdrawals, asks, list(snubbed))
        text = to_json(evaluate(facts))
        assert json.loads(text) == [s.as_dict() for s in evaluate(facts)]
        assert seen.setdefault(signature(facts), text) == text
    assert len(set(seen.values())) == len(seen)  # no two signatures share an answer
