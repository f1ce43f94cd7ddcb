"""Several people match a short name: the likeliest first, a numbered picker on a terminal,
the candidates with their ids everywhere else; typed ids (p12) name a person."""

from __future__ import annotations

from datetime import date

import pytest

from network.domain.names import Choice, PickPerson, ranked, resolve, typed_id

TODAY = "2026-11-22"


def test_close_and_casual_ties_and_recent_contacts_come_first() -> None:
    choices = [
        Choice(1, "Ben Aaron", "roster", date(2026, 11, 20)),
        Choice(2, "Ben Zed", "casual", date(2026, 1, 1)),
        Choice(3, "Ben Young", "close", None),
        Choice(4, "Ben Old", "close", date(2025, 5, 1)),
        Choice(5, "Ben New", "casual", date(2026, 11, 1)),
    ]
    assert [c.id for c in ranked(choices)] == [4, 3, 5, 2, 1]


def test_the_rule_says_which_people_matched_with_their_ids() -> None:
    with pytest.raises(PickPerson) as err:
        resolve("ben", [(1, "Ben Ortiz"), (2, "Ben Li"), (3, "Carol")])
    assert sorted(c.id for c in err.value.choices) == [1, 2]
    assert err.value.candidates == ["Ben Li", "Ben Ortiz"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("p12", ("p", 12)),
        ("P12", ("p", 12)),
        ("#12", ("p", 12)),
        ("a3", ("e", 3)),
        ("e3", ("e", 3)),
        ("o7", ("o", 7)),
        (" p4 ", ("p", 4)),
        ("p", None),
        ("pablo", None),
        ("12", None),
        ("x3", None),
        ("p1٣", None),
    ],
)
def test_typed_ids(typed: str, meant: tuple[str, int] | None) -> None:
    assert typed_id(typed) == meant


@pytest.fixture
def bens(cli) -> None:
    for args in (
        ["Ben Roster", "--tie", "roster"],
        ["Ben Ortiz", "--tie", "close"],
        ["Ben Li"],
        ["Benny Old", "--tie", "close"],
        ["Alice Chen"],
    ):
        assert cli("add", *args, today=TODAY).exit_code == 0
    assert cli("log", "ben ortiz", "coffee", "--when", "3 days ago", today=TODAY).exit_code == 0
    assert cli("log", "benny", "call", "--when", "2025-01-05", today=TODAY).exit_code == 0


def test_without_a_terminal_the_candidates_are_listed_with_ids_and_nothing_written(cli, bens):
    before = cli("history", "--json", today=TODAY).rows()
    r = cli("log", "ben", "lunch", today=TODAY)
    assert r.exit_code == 1
    assert r.stderr == (
        'Error: "ben" matches 4 people: Ben Ortiz (p2), Benny Old (p4), Ben Li (p3), '
        "Ben Roster (p1) — type more of the name, or name one by its id, e.g. p2\n"
    )
    assert cli("history", "--json", today=TODAY).rows() == before


def test_on_a_terminal_a_numbered_picker_offers_them(cli, bens, terminal):
    r = cli("log", "ben", "lunch", today=TODAY, input="3\n")
    assert r.exit_code == 0, r
    assert r.stderr.startswith(
        '"ben" matches 4 people:\n'
        "  1) Ben Ortiz (close, last contact 3 days ago)\n"
        "  2) Benny Old (close, last contact 22 months ago)\n"
        "  3) Ben Li (casual, never contacted)\n"
        "  4) Ben Roster (roster, never contacted)\n"
        "Which one? [1-4, Enter to cancel]: "
    )
    assert "Logged deposit with Ben Li" in r.stderr
    last = cli("history", "--json", today=TODAY).rows()
    assert [e["summary"] for e in last if e["name"] == "Ben Li"] == ["lunch"]


def test_the_picker_asks_again_after_a_wrong_answer_and_enter_cancels(cli, bens, terminal):
    before = cli("history", "--json", today=TODAY).rows()
    r = cli("give", "ben", "an article", today=TODAY, input="9\nx\n\n")
    assert r.exit_code == 1
    assert r.stderr.count("Which one?") == 3
    assert "Type a number from 1 to 4" in r.stderr
    assert r.stderr.endswith("e.g. p2\n")
    assert cli("history", "--json", today=TODAY).rows() == before


def test_the_picker_works_for_reads_and_for_any_person_argument(cli, bens, terminal):
    shown = cli("show", "ben", "--json", today=TODAY, input="2\n")
    assert shown.exit_code == 0, shown
    assert shown.stdout.lstrip().startswith("{")
    assert '"name": "Benny Old"' in shown.stdout
    intro = cli("intro", "alice", "ben", "jobs", today=TODAY, input="4\n")
    assert intro.exit_code == 0, intro
    assert "Ben Roster" in intro.stderr


def test_typed_person_ids_name_people_and_other_ids_do_not(cli, bens):
    assert cli("show", "p3", "--json", today=TODAY).json()["name"] == "Ben Li"
    assert cli("show", "#3", "--json", today=TODAY).json()["name"] == "Ben Li"
    r = cli("log", "a1", "coffee", today=TODAY)
    assert r.exit_code == 1
    assert (
        r.stderr
        == "Error: a1 is a ledger entry, not a person — name the person, or their id, e.g. p12\n"
    )
    assert "no one with id p99" in cli("show", "p99", today=TODAY).stderr
    # an id too long to be one is still an id: never "add them first: network add p999…"
    huge = cli("show", "p" + "9" * 20, today=TODAY).stderr
    assert f"no one with id p{'9' * 20}" in huge and "add them first" not in huge
