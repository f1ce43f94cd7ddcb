"""The core loop as a user types it: add, log, due, who-knows, show, people, balance, history.

Every test runs the real CLI against a real temporary database. The clock is pinned to
Sunday 2026-11-22 (`TODAY`) so due dates, birthdays and relative dates are exact.
Assertions are on behaviour (names, order, reasons, exit codes, JSON keys), not on
table drawing, so they stay valid as features are added.
"""

from __future__ import annotations

import re

import pytest
import typer

from conftest import db_bytes
from network.cli.main import app
from network.cli.views import output

TODAY = "2026-11-22"  # a Sunday
LONG_AGO = "2026-01-01"
DAY_HINT_WORDS = ("yesterday", "3 days ago", "last friday")


_SEEDED: dict[str, bytes] = {}


def seeded(name, path, build):
    """The database `build` makes, built once per session and copied for every test using it."""
    if name not in _SEEDED:
        build()
        _SEEDED[name] = db_bytes(path)
    else:
        path.write_bytes(_SEEDED[name])


def ok(run):
    assert run.exit_code == 0, run
    assert "Traceback" not in run.stderr
    return run


def add(cli, *args, today=LONG_AGO):
    return ok(cli("add", *args, today=today))


def log(cli, *args):
    return ok(cli("log", *args, today=TODAY))


def texts(item):
    """The words of each reason on a `due --json` row."""
    return [r["text"] for r in item["reasons"]]


def due_items(cli, *args):
    return ok(cli("due", "--json", *args, today=TODAY)).json()


def names(items):
    return [i["name"] for i in items]


def history(cli, *args):
    return ok(cli("history", "--json", *args, today=TODAY)).rows()


def show(cli, who):
    return ok(cli("show", who, "--json", today=TODAY)).json()


def assert_error(run, *fragments, code=1):
    """An expected failure: `Error: …` on stderr, the given exit code, no traceback."""
    assert run.exit_code == code, run
    assert run.stderr.startswith("Error: "), run
    assert "Traceback" not in run.stderr + run.stdout
    assert run.stdout == ""
    assert not isinstance(run.exception, Exception) or isinstance(run.exception, SystemExit), run
    for fragment in fragments:
        assert fragment.lower() in run.stderr.lower(), (fragment, run)


# --- add / edit / archive / rm --------------------------------------------------------------------


def test_add_with_every_option_is_shown_back(cli):
    r = add(
        cli,
        "Alice Chen",
        "--company",
        "Acme",
        "--title",
        "CTO",
        "--email",
        "alice@acme.io",
        "--phone",
        "+1 555 0100",
        "--url",
        "https://linkedin.com/in/alice",
        "--location",
        "Berlin",
        "--tie",
        "close",
        "--every",
        "2w",
        "--knows",
        "cars,resumes",
        "--birthday",
        "1990-04-03",
        "--met",
        "PyCon 2019",
        "--prefers",
        "evenings, phone",
        "--note",
        "likes EVs",
    )
    assert r.stdout == ""  # the confirmation is a message, not a result
    assert "Alice Chen" in r.stderr
    data = show(cli, "alice")
    assert {
        k: data[k]
        for k in (
            "name",
            "company",
            "title",
            "email",
            "phone",
            "url",
            "location",
            "tie",
            "met",
            "prefers",
            "notes",
        )
    } == {
        "name": "Alice Chen",
        "company": "Acme",
        "title": "CTO",
        "email": "alice@acme.io",
        "phone": "+1 555 0100",
        "url": "https://linkedin.com/in/alice",
        "location": "Berlin",
        "tie": "close",
        "met": "PyCon 2019",
        "prefers": "evenings, phone",
        "notes": "likes EVs",
    }
    assert data["cadence_days"] == 14 and data["own_cadence"] is True
    assert data["birthday"] == "1990-04-03"
    assert [s["topic"] for s in data["strengths"]] == ["cars", "resumes"]
    assert data["balance"] == 0 and data["last_contact"] is None


def test_add_defaults_to_a_casual_tie_with_its_cadence(cli):
    add(cli, "Bob Li", "--birthday", "04-03")
    data = show(cli, "bob")
    assert data["tie"] == "casual"
    assert data["cadence_days"] == 90 and data["own_cadence"] is False
    assert data["birthday"] == "--04-03"  # year unknown
    assert data["next_due"] == "2026-04-01"  # 90 days after being added


def test_edit_changes_only_what_is_given_and_empty_clears(cli):
    add(
        cli,
        "Alice Chen",
        "--company",
        "Acme",
        "--title",
        "CTO",
        "--email",
        "a@acme.io",
        "--birthday",
        "04-03",
        "--every",
        "10d",
        "--tie",
        "close",
    )
    ok(cli("edit", "alice", "--title", "VP", "--company", "", "--email", "", today=TODAY))
    data = show(cli, "alice")
    assert data["title"] == "VP"
    assert data["company"] is None and data["email"] is None
    assert data["tie"] == "close" and data["birthday"] == "--04-03"  # untouched
    # '' clears the birthday and the own cadence too (back to the tie's default)
    ok(cli("edit", "alice", "--birthday", "", "--every", "", today=TODAY))
    data = show(cli, "alice")
    assert data["birthday"] is None
    assert data["own_cadence"] is False and data["cadence_days"] == 30
    ok(cli("edit", "alice", "--every", "5d", today=TODAY))
    assert show(cli, "alice")["cadence_days"] == 5
    ok(cli("edit", "alice", "--every", "0", today=TODAY))  # 0 clears too
    assert show(cli, "alice")["cadence_days"] == 30


def test_edit_renames_and_adds_strengths(cli):
    add(cli, "Alice Chen", "--knows", "cars")
    ok(cli("edit", "alice", "--name", "Alice Wong", "--knows", "resumes", today=TODAY))
    data = show(cli, "alice wong")
    assert data["name"] == "Alice Wong"
    assert [s["topic"] for s in data["strengths"]] == ["cars", "resumes"]
    assert_error(cli("show", "Alice Chen", today=TODAY), "no one called")


def test_edit_tie_changes_the_default_cadence(cli):
    add(cli, "Alice Chen")
    assert show(cli, "alice")["cadence_days"] == 90
    ok(cli("edit", "alice", "--tie", "close", today=TODAY))
    data = show(cli, "alice")
    assert data["cadence_days"] == 30 and data["next_due"] == "2026-01-31"
    ok(cli("edit", "alice", "--tie", "roster", today=TODAY))
    data = show(cli, "alice")
    assert data["cadence_days"] is None and data["next_due"] is None


def test_archive_hides_from_due_and_who_knows_and_undo_restores(cli):
    add(cli, "Alice Chen", "--tie", "close", "--knows", "cars", "--birthday", "11-24")
    assert names(due_items(cli)["items"]) == ["Alice Chen"]
    r = ok(cli("archive", "alice", today=TODAY))
    assert "Alice Chen" in r.stderr
    assert due_items(cli)["items"] == []
    assert ok(cli("who-knows", "cars", "--json", today=TODAY)).json()["items"] == []
    assert ok(cli("people", "--json", today=TODAY)).rows() == []
    # kept, with its history
    assert [p["name"] for p in ok(cli("people", "--archived", "--json", today=TODAY)).rows()] == [
        "Alice Chen"
    ]
    assert show(cli, "alice")["archived"] is True
    ok(cli("archive", "alice", "--undo", today=TODAY))
    assert show(cli, "alice")["archived"] is False
    assert names(due_items(cli)["items"]) == ["Alice Chen"]
    assert names(ok(cli("who-knows", "cars", "--json", today=TODAY)).json()["items"]) == [
        "Alice Chen"
    ]


def test_rm_refuses_without_a_terminal_and_without_yes(cli, isolated_db):
    add(cli, "Alice Chen")
    log(cli, "alice", "coffee chat")
    before = db_bytes(isolated_db)
    assert_error(cli("rm", "alice", today=TODAY), "--yes")
    assert db_bytes(isolated_db) == before
    r = ok(cli("rm", "alice", "--yes", today=TODAY))
    assert "Alice Chen" in r.stderr
    assert ok(cli("people", "--archived", "--json", today=TODAY)).rows() == []
    assert history(cli) == []


def test_rm_asks_on_a_terminal(cli, terminal, isolated_db):
    add(cli, "Alice Chen")
    before = db_bytes(isolated_db)
    r = ok(cli("rm", "alice", today=TODAY, input="n\n"))
    assert "Nothing deleted" in r.stderr
    assert db_bytes(isolated_db) == before
    ok(cli("rm", "alice", today=TODAY, input="y\n"))
    assert ok(cli("people", "--json", today=TODAY)).rows() == []


def test_log_unknown_person_on_a_terminal_offers_to_add(cli, terminal):
    r = ok(cli("log", "Zoe Park", "coffee chat", today=TODAY, input="y\n"))
    assert "Zoe Park" in r.stderr
    assert show(cli, "zoe")["last_contact"] == TODAY


def test_log_unknown_person_declined_on_a_terminal_writes_nothing(cli, terminal, isolated_db):
    add(cli, "Alice Chen")
    before = db_bytes(isolated_db)
    r = cli("log", "Zoe Park", "coffee chat", today=TODAY, input="n\n")
    assert r.exit_code == 1, r
    assert 'Add them? [y/N]:Error: no one called "Zoe Park"' in r.stderr
    assert db_bytes(isolated_db) == before


def test_log_unknown_via_on_a_terminal_is_an_error_not_an_offer(cli, terminal, isolated_db):
    """Only the person logged with is offered to be added; an unknown introducer is a typo."""
    add(cli, "Alice Chen")
    before = db_bytes(isolated_db)
    r = cli("log", "alice", "coffee chat", "--via", "Zoe Park", today=TODAY, input="y\n")
    assert "Add them?" not in r.stderr
    assert_error(r, 'no one called "Zoe Park"')
    assert db_bytes(isolated_db) == before


# --- knows / forget -------------------------------------------------------------------------------


def test_knows_several_topics_with_detail_and_forget(cli):
    add(cli, "Alice Chen")
    ok(cli("knows", "alice", "cars", "car buying", "--detail", "rebuilt two engines", today=TODAY))
    strengths = show(cli, "alice")["strengths"]
    assert strengths == [
        {"topic": "cars", "detail": "rebuilt two engines"},
        {"topic": "car buying", "detail": "rebuilt two engines"},
    ]
    # recording the same topic again (any case, plural) adds nothing
    ok(cli("knows", "alice", "CAR", today=TODAY))
    assert len(show(cli, "alice")["strengths"]) == 2
    ok(cli("forget", "alice", "Cars", today=TODAY))
    assert [s["topic"] for s in show(cli, "alice")["strengths"]] == ["car buying"]


def test_knows_me_and_forget_me(cli):
    add(cli, "Alice Chen", "--knows", "resumes")
    ok(cli("knows", "--me", "resumes", "interviewing", today=TODAY))
    data = ok(cli("who-knows", "resume", "--json", today=TODAY)).json()
    assert data["you"] == ["resumes"]
    assert names(data["items"]) == ["Alice Chen"]  # your own strengths are not a person
    ok(cli("forget", "--me", "resumes", today=TODAY))
    assert ok(cli("who-knows", "resume", "--json", today=TODAY)).json()["you"] == []


def test_forget_unknown_topic_names_the_known_ones(cli, isolated_db):
    add(cli, "Alice Chen", "--knows", "cars,resumes")
    before = db_bytes(isolated_db)
    assert_error(cli("forget", "alice", "boats", today=TODAY), "boats", "cars", "resumes")
    assert db_bytes(isolated_db) == before


# --- log / give / ask / balance -------------------------------------------------------------------


def test_log_is_a_deposit_and_ask_a_withdrawal(cli):
    add(cli, "Alice Chen")
    r = log(cli, "alice", "coffee chat, she's hiring")
    assert r.stdout == "" and "Alice Chen" in r.stderr
    log(cli, "alice", "resume feedback", "--ask", "--when", "yesterday")
    rows = history(cli, "alice")
    assert [(r["summary"], r["flow"], r["kind"], r["points"]) for r in rows] == [
        ("coffee chat, she's hiring", "deposit", "coffee", 2),
        ("resume feedback", "withdrawal", "ask", 2),
    ]
    assert show(cli, "alice")["balance"] == 0


def test_give_and_ask_forms_and_default_points_by_kind(cli):
    add(cli, "Alice Chen")
    ok(cli("give", "alice", "introduced her to Sam at Stripe", today=TODAY))
    ok(cli("give", "alice", "sent a link", "--kind", "article", today=TODAY))
    ok(cli("give", "alice", "referred her for the staff role", today=TODAY))
    ok(cli("ask", "alice", "advice on negotiating", "--kind", "advice", today=TODAY))
    ok(cli("give", "alice", "birthday gift", "--kind", "gift", "--points", "7", today=TODAY))
    rows = {r["summary"]: r for r in history(cli)}
    points = {s: (r["kind"], r["flow"], r["points"]) for s, r in rows.items()}
    assert points["introduced her to Sam at Stripe"] == ("intro", "deposit", 5)
    assert points["sent a link"] == ("article", "deposit", 1)
    assert points["referred her for the staff role"] == ("referral", "deposit", 5)
    assert points["advice on negotiating"] == ("advice", "withdrawal", 2)
    assert points["birthday gift"] == ("gift", "deposit", 7)
    # an intro or a referral weighs more than an article
    assert points["sent a link"][2] < points["introduced her to Sam at Stripe"][2]
    data = ok(cli("balance", "--json", today=TODAY)).json()
    assert data["deposits"] == 18 and data["withdrawals"] == 2 and data["balance"] == 16
    (alice,) = data["items"]
    assert {k: alice[k] for k in ("name", "deposits", "withdrawals", "entries", "balance")} == {
        "name": "Alice Chen",
        "deposits": 18,
        "withdrawals": 2,
        "entries": 5,
        "balance": 16,
    }
    assert show(cli, "alice")["balance"] == 16


def test_asking_while_overdrawn_warns_on_stderr_and_still_records(cli):
    add(cli, "Alice Chen")
    add(cli, "Bob Li")
    log(cli, "bob", "coffee chat")
    r = ok(cli("ask", "alice", "an intro to Stripe", today=TODAY))  # balance 0
    assert "warning" in r.stderr.lower() and r.stdout == ""
    r = ok(cli("log", "alice", "another favour", "--ask", today=TODAY))  # balance now below 0
    assert "warning" in r.stderr.lower()
    assert show(cli, "alice")["balance"] == -7  # asking for an intro weighs 5, a plain ask 2
    assert len(history(cli, "alice")) == 2
    r = ok(cli("ask", "bob", "advice", today=TODAY))  # balance +2: fair
    assert "warning" not in r.stderr.lower()


def test_balance_lists_overdrawn_first(cli):
    for who in ("Ann", "Ben", "Cat"):
        add(cli, who)
    ok(cli("give", "ann", "intro", "--kind", "intro", today=TODAY))
    ok(cli("ask", "ben", "referral", "--kind", "referral", today=TODAY))
    ok(cli("give", "cat", "article", "--kind", "article", today=TODAY))
    data = ok(cli("balance", "--json", today=TODAY)).json()
    assert [(p["name"], p["balance"]) for p in data["items"]] == [
        ("Ben", -5),
        ("Cat", 1),
        ("Ann", 5),
    ]
    assert data["balance"] == 1
    table = ok(cli("balance", today=TODAY)).stdout
    assert table.index("Ben") < table.index("Cat") < table.index("Ann")


def test_group_and_private_entries_are_marked(cli):
    add(cli, "Alice Chen")
    log(cli, "alice", "team dinner", "--group", "--private", "--kind", "meal", "--points", "0")
    (row,) = history(cli)
    assert row["is_group"] is True and row["private"] is True and row["points"] == 0


# --- dates ----------------------------------------------------------------------------------------

WHEN = [
    ("2026-11-03", "2026-11-03"),
    ("today", "2026-11-22"),
    ("yesterday", "2026-11-21"),
    ("3 days ago", "2026-11-19"),
    ("2 weeks ago", "2026-11-08"),
    ("last friday", "2026-11-20"),
    ("friday", "2026-11-20"),  # the most recent one
    ("Nov 3", "2026-11-03"),
    ("nov 30", "2025-11-30"),  # the most recent past
]


def test_when_accepts_the_documented_forms(cli):
    add(cli, "Alice Chen")
    for n, (when, _) in enumerate(WHEN):
        log(cli, "alice", f"entry {n}", "--when", when)
    days = {r["summary"]: r["day"] for r in history(cli)}
    assert days == {f"entry {n}": expected for n, (_, expected) in enumerate(WHEN)}


def test_since_filters_history(cli):
    add(cli, "Alice Chen")
    add(cli, "Bob Li")
    log(cli, "alice", "old", "--when", "2026-10-01")
    log(cli, "alice", "recent", "--when", "3 days ago")
    log(cli, "bob", "edge", "--when", "2026-11-08")
    assert [r["summary"] for r in history(cli, "--since", "2 weeks ago")] == ["recent", "edge"]
    assert [r["summary"] for r in history(cli, "alice", "--since", "2 weeks ago")] == ["recent"]
    assert [r["summary"] for r in history(cli, "alice")] == ["recent", "old"]
    assert [r["name"] for r in history(cli, "--since", "thursday")] == ["Alice Chen"]
    assert history(cli, "--since", "friday") == []


@pytest.mark.parametrize(
    "when",
    ["2026-02-30", "feb 30", "someday", "tomorrow", "2026-11-23", "next friday", "in 3 days"],
)
def test_impossible_or_future_when_is_a_clear_error(cli, isolated_db, when):
    add(cli, "Alice Chen")
    before = db_bytes(isolated_db)
    r = cli("log", "alice", "coffee", "--when", when, today=TODAY)
    assert_error(r, *DAY_HINT_WORDS)
    assert db_bytes(isolated_db) == before


@pytest.mark.parametrize("since", ["someday", "2026-02-30", "tomorrow"])
def test_bad_since_is_a_clear_error(cli, since):
    add(cli, "Alice Chen")
    assert_error(cli("history", "--since", since, today=TODAY), *DAY_HINT_WORDS)


# --- finding people -------------------------------------------------------------------------------


@pytest.fixture
def crowd(cli, isolated_db):
    def build():
        for who in (
            "Alice Chen",
            "Alicia Keys",
            "Al Gore",
            "José Núñez",
            "Liam O'Brien",
            "Bob Smith",
        ):
            add(cli, who)

    seeded("crowd", isolated_db, build)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("alice chen", "Alice Chen"),  # exact, any case
        ("ALICE CHEN", "Alice Chen"),
        ("jose nunez", "José Núñez"),  # accents do not matter
        ("NÚÑEZ", "José Núñez"),
        ("alicia", "Alicia Keys"),  # unique prefix
        ("chen", "Alice Chen"),  # any word of the name
        ("al", "Al Gore"),  # first name exactly, over names that only start with it
        ("bob", "Bob Smith"),  # first name
        ("obrien", "Liam O'Brien"),
        # a typo ("alcie chen") matches only by similarity: never written to unasked
        # (tests/test_guessed_names.py)
    ],
)
def test_names_resolve_like_a_person_means_them(cli, crowd, typed, meant):
    log(cli, typed, "coffee chat")
    assert [r["name"] for r in history(cli)] == [meant]


def test_ambiguous_name_lists_the_candidates(cli, crowd, isolated_db):
    before = db_bytes(isolated_db)
    r = cli("log", "ali", "coffee chat", today=TODAY)
    assert_error(r, "Alice Chen", "Alicia Keys")
    assert db_bytes(isolated_db) == before
    assert_error(cli("show", "ali", today=TODAY), "Alice Chen", "Alicia Keys")


def test_unknown_name_suggests(cli, crowd, isolated_db):
    before = db_bytes(isolated_db)
    r = cli("log", "Alise Chan", "coffee chat", today=TODAY)
    assert_error(r, "did you mean", "Alice Chen")
    assert db_bytes(isolated_db) == before


def test_unknown_name_without_a_terminal_hints_how_to_add(cli, crowd, isolated_db):
    before = db_bytes(isolated_db)
    r = cli("log", "Xavier Quint", "coffee chat", today=TODAY)
    assert_error(r, "Xavier Quint", "network add")
    assert db_bytes(isolated_db) == before


def test_name_starting_with_a_dash_works_after_double_dash(cli):
    add(cli, "--", "-Dash Rendar")
    log(cli, "--", "-Dash Rendar", "coffee chat")
    assert ok(cli("show", "--json", "--", "-dash", today=TODAY)).json()["name"] == "-Dash Rendar"
    assert ok(cli("show", "--json", "--", "-Dash Rendar", today=TODAY)).json()["balance"] == 2


def test_a_name_starting_with_a_dash_without_double_dash_is_a_usage_error(cli, isolated_db):
    r = cli("add", "-Dash", today=TODAY)
    assert r.exit_code == 2, r
    assert "Traceback" not in r.stderr


# --- due ------------------------------------------------------------------------------------------


def test_due_uses_the_cadence_of_each_tie_and_own_cadence(cli):
    add(cli, "Cleo Close", "--tie", "close")
    log(cli, "cleo", "coffee", "--when", "2026-10-23")  # 30 days: due today
    add(cli, "Nat NotYet", "--tie", "close")
    log(cli, "nat", "coffee", "--when", "2026-10-24")  # 29 days: not yet
    add(cli, "Cas Casual")
    log(cli, "cas", "coffee", "--when", "2026-08-24")  # 90 days: due today
    add(cli, "Caz Early")
    log(cli, "caz", "coffee", "--when", "2026-08-25")  # 89 days
    add(cli, "Roy Roster", "--tie", "roster")  # never contacted, but roster: never due
    add(cli, "Oscar Own", "--tie", "roster", "--every", "10d")
    log(cli, "oscar", "coffee", "--when", "2026-11-10")  # own cadence: overdue 2 days
    add(cli, "Otto Own", "--tie", "close", "--every", "3m")
    log(cli, "otto", "coffee", "--when", "2026-10-01")  # close, but own 90 days: not due
    data = due_items(cli, "--all")
    reasons = {i["name"]: texts(i) for i in data["items"]}
    assert reasons == {
        "Cleo Close": ["due today (30-day rhythm)"],
        "Cas Casual": ["due today (90-day rhythm)"],
        "Oscar Own": ["2 days past a 10-day rhythm (1.2×)"],
    }
    assert data["more"] == 0


def test_never_contacted_counts_from_the_day_added(cli):
    add(cli, "Nia New", "--tie", "close", today="2026-10-01")
    (item,) = due_items(cli)["items"]
    assert item["name"] == "Nia New"
    assert texts(item) == ["22 days past a 30-day rhythm (1.7×)"]
    assert item["last_contact"] is None and item["last_contact_ago"] == "never"


def test_a_logged_entry_resets_the_timer(cli):
    add(cli, "Cleo Close", "--tie", "close")
    assert names(due_items(cli)["items"]) == ["Cleo Close"]
    log(cli, "cleo", "called her", "--when", "yesterday")
    assert due_items(cli)["items"] == []
    # an ask is contact too
    add(cli, "Ari Ask", "--tie", "close")
    ok(cli("ask", "ari", "advice", today=TODAY))
    assert due_items(cli)["items"] == []


def test_group_entry_does_not_reset_a_close_tie_but_resets_a_casual_one(cli):
    add(cli, "Cleo Close", "--tie", "close")
    log(cli, "cleo", "coffee", "--when", "2026-10-01")
    log(cli, "cleo", "team dinner", "--group", "--when", "2026-11-20")
    add(cli, "Cas Casual")
    log(cli, "cas", "coffee", "--when", "2026-07-01")
    log(cli, "cas", "team dinner", "--group", "--when", "2026-11-20")
    (item,) = due_items(cli, "--all")["items"]
    assert item["name"] == "Cleo Close"
    assert texts(item) == ["22 days past a 30-day rhythm (1.7×)"]
    assert item["last_contact"] == "2026-10-01"  # the last one-on-one
    # the group entry still counts in the ledger
    assert show(cli, "cleo")["balance"] == 5  # coffee 2 + dinner 3
    # a close tie turned casual: now the group entry counts
    ok(cli("edit", "cleo", "--tie", "casual", today=TODAY))
    assert due_items(cli, "--all")["items"] == []


def test_due_ranks_by_overdue_relative_to_cadence(cli):
    add(cli, "Dana Close", "--tie", "close")
    log(cli, "dana", "coffee", "--when", "2026-10-13")  # 40/30 = 1.33, overdue 10 days
    add(cli, "Eve Casual")
    log(cli, "eve", "coffee", "--when", "2026-08-04")  # 110/90 = 1.22, overdue 20 days
    add(cli, "Gus Own", "--tie", "roster", "--every", "10d")
    log(cli, "gus", "coffee", "--when", "2026-11-10")  # 12/10 = 1.2, overdue 2 days
    add(cli, "Hal Far", "--tie", "close")
    log(cli, "hal", "coffee", "--when", "2026-08-24")  # 90/30 = 3.0, overdue 60 days
    items = due_items(cli)["items"]
    assert names(items) == ["Hal Far", "Dana Close", "Eve Casual", "Gus Own"]
    # the order is explained in the row: days late, the rhythm, and the ratio
    assert [texts(i) for i in items] == [
        ["60 days past a 30-day rhythm (3.0×)"],
        ["10 days past a 30-day rhythm (1.3×)"],
        ["20 days past a 90-day rhythm (1.2×)"],
        ["2 days past a 10-day rhythm (1.2×)"],
    ]


def _many_due(cli, n):
    for k in range(n):
        add(cli, f"Person {chr(65 + k)}", "--tie", "close", today=f"2026-10-{10 + k:02d}")


def test_due_budget_footer_all_and_limit(cli):
    _many_due(cli, 8)  # all overdue; A (added first) the most
    data = due_items(cli)
    assert names(data["items"]) == [f"Person {c}" for c in "ABCDE"]
    assert data["more"] == 3
    table = ok(cli("due", today=TODAY))
    assert "Person E" in table.stdout and "Person F" not in table.stdout
    assert re.search(r"\b3 more\b", table.stdout + table.stderr)
    data = due_items(cli, "--all")
    assert names(data["items"]) == [f"Person {c}" for c in "ABCDEFGH"]
    assert data["more"] == 0
    assert "more" not in ok(cli("due", "--all", today=TODAY)).stdout.lower()
    data = due_items(cli, "--limit", "2")
    assert names(data["items"]) == ["Person A", "Person B"] and data["more"] == 6


def test_due_includes_birthdays_in_the_next_seven_days(cli):
    add(cli, "Bea Friday", "--birthday", "11-27", today=TODAY)
    add(cli, "Tim Today", "--birthday", "1980-11-22", today=TODAY)
    add(cli, "Sev Seven", "--birthday", "11-29", today=TODAY)
    add(cli, "Ate Eight", "--birthday", "11-30", today=TODAY)
    add(cli, "Yes Terday", "--birthday", "11-21", today=TODAY)
    add(cli, "Arch Ived", "--birthday", "11-23", today=TODAY)
    ok(cli("archive", "arch", today=TODAY))
    items = due_items(cli)["items"]
    assert names(items) == ["Tim Today", "Bea Friday", "Sev Seven"]
    reasons = {i["name"]: texts(i) for i in items}
    assert reasons["Tim Today"] == ["birthday today"]
    assert reasons["Bea Friday"] == ["birthday Friday"]
    assert {i["name"]: i["birthday_on"] for i in items}["Sev Seven"] == "2026-11-29"
    assert all([r["kind"] for r in i["reasons"]] == ["birthday"] for i in items)
    assert all(i["advice"] == "send birthday wishes" for i in items)
    assert {i["name"]: i["next_step"] for i in items}["Tim Today"] == (
        'network log tim "birthday congrats"'
    )


def test_birthdays_today_or_tomorrow_show_beyond_the_budget_and_count(cli):
    # issue 11: the budget counts people; what cannot wait always shows (and counts),
    # a birthday later in the week takes its turn within the budget
    _many_due(cli, 6)
    add(cli, "Bea Friday", "--birthday", "11-27", today=TODAY)
    data = due_items(cli)
    assert names(data["items"]) == ["Bea Friday"] + [f"Person {c}" for c in "ABCD"]
    assert data["more"] == 2
    add(cli, "Tom Morrow", "--birthday", "11-23", today=TODAY)
    data = due_items(cli, "--limit", "1")
    assert names(data["items"]) == ["Tom Morrow"]
    assert data["items"][0]["cannot_wait"] is True
    assert data["more"] == 7


def test_due_row_has_why_last_contact_balance_channel_and_suggestion(cli):
    add(cli, "Dana Close", "--tie", "close", "--prefers", "evenings, phone", "--knows", "cars")
    log(cli, "dana", "coffee", "--when", "2026-10-13")
    (item,) = due_items(cli)["items"]
    assert {
        k: item[k]
        for k in (
            "name",
            "tie",
            "reasons",
            "kind",
            "last_contact",
            "last_contact_ago",
            "next_due",
            "balance",
            "prefers",
            "birthday_on",
            "next_step",
            "advice",
        )
    } == {
        "name": "Dana Close",
        "tie": "close",
        "reasons": [
            {
                "kind": "overdue",
                "text": "10 days past a 30-day rhythm (1.3×)",
                "due_on": "2026-11-12",
                "obligation_id": None,
            }
        ],
        "kind": "overdue",
        "last_contact": "2026-10-13",
        "last_contact_ago": "5 weeks ago",
        "next_due": "2026-11-12",
        "balance": 2,
        "prefers": "evenings, phone",
        "birthday_on": None,
        "next_step": 'network log dana "article on cars"',
        "advice": "share something about cars — evenings, phone; last gave: coffee (5 weeks ago)",
    }
    table = ok(cli("due", today=TODAY)).stdout
    for shown in (
        "Dana Close",
        "10 days past a 30-day rhythm (1.3×)",
        "5 weeks ago",
        "+2",
        "evenings, phone",
        'network log dana "article on cars"',
        "share something about cars",
    ):
        assert shown in table


def test_due_with_nothing_due_says_so_on_stderr(cli):
    add(cli, "Alice Chen", today=TODAY)
    r = ok(cli("due", today=TODAY))
    assert r.stdout == ""
    # issue 11: an empty list says who comes next and when
    assert r.stderr == "Nobody is due today. Next: Alice Chen on 2027-02-20.\n"
    assert due_items(cli) == {
        "day": TODAY,
        "budget": 5,
        "done_today": 0,
        "items": [],
        "count": 0,
        "more": 0,
        "next": {"name": "Alice Chen", "next_due": "2027-02-20"},
        "capacity": [],
    }


# --- who-knows ------------------------------------------------------------------------------------


def test_who_knows_matches_case_plural_and_accents(cli):
    add(cli, "Ann Cars", "--knows", "Cars")
    add(cli, "Ben Buyer", "--knows", "car buying")
    add(cli, "Rosa Resume", "--knows", "Résumés")
    add(cli, "Ned Nothing", "--knows", "boats")
    for topic in ("car", "cars", "CAR"):
        found = names(ok(cli("who-knows", topic, "--json", today=TODAY)).json()["items"])
        assert sorted(found) == ["Ann Cars", "Ben Buyer"], topic
    for topic in ("resume", "résumé", "RESUMES"):
        found = names(ok(cli("who-knows", topic, "--json", today=TODAY)).json()["items"])
        assert found == ["Rosa Resume"], topic


def test_who_knows_weighs_strengths_over_profile_and_notes(cli):
    add(cli, "Sam Strength", "--tie", "close", "--knows", "cars")
    add(cli, "Nia Notes", "--tie", "close", "--note", "restores cars on weekends")
    add(cli, "Tom Title", "--tie", "close", "--title", "car dealer")
    add(cli, "Cody Company", "--tie", "close", "--company", "Car Rental Co")
    data = ok(cli("who-knows", "cars", "--json", today=TODAY)).json()
    found = names(data["items"])
    assert found[0] == "Sam Strength"
    assert sorted(found[1:]) == ["Cody Company", "Nia Notes", "Tom Title"]
    scores = {i["name"]: i["score"] for i in data["items"]}
    assert all(scores["Sam Strength"] > s for n, s in scores.items() if n != "Sam Strength")
    sam = data["items"][0]
    assert sam["matched"] == ["cars"]
    assert any("cars" in reason for reason in sam["reasons"])


def test_who_knows_ranks_by_relationship_health(cli):
    add(cli, "Ann Close", "--tie", "close", "--knows", "cars")
    add(cli, "Rob Roster", "--tie", "roster", "--knows", "cars")
    add(cli, "Cid Casual", "--knows", "cars")
    log(cli, "ann", "coffee", "--when", "2026-11-10")
    log(cli, "rob", "coffee", "--when", "2026-11-10")
    log(cli, "cid", "coffee", "--when", "2026-11-10")
    assert names(ok(cli("who-knows", "cars", "--json", today=TODAY)).json()["items"]) == [
        "Ann Close",
        "Cid Casual",
        "Rob Roster",
    ]


def test_who_knows_prefers_people_with_a_better_balance(cli):
    add(cli, "Pat Plus", "--knows", "cars")
    add(cli, "Mia Minus", "--knows", "cars")
    log(cli, "pat", "intro", "--kind", "intro", "--when", "2026-11-01")
    log(cli, "mia", "intro", "--kind", "intro", "--when", "2026-11-01")
    ok(cli("ask", "mia", "a favour", "--kind", "referral", "--when", "2026-05-01", today=TODAY))
    ok(cli("give", "pat", "thanks", "--kind", "thanks", "--when", "2026-05-01", today=TODAY))
    data = ok(cli("who-knows", "cars", "--json", today=TODAY)).json()
    assert names(data["items"]) == ["Pat Plus", "Mia Minus"]
    fair = {i["name"]: i["fair_to_ask"] for i in data["items"]}
    assert fair["Mia Minus"] == "give first"


def test_who_knows_recent_asks_count_against(cli):
    add(cli, "Ann Asked", "--knows", "cars")
    add(cli, "Zed Fresh", "--knows", "cars")
    for who in ("ann", "zed"):
        log(cli, who, "helped", "--kind", "help", "--when", "2026-11-01")
    # a zero-point ask changes nothing but the count of recent asks
    ok(cli("ask", "ann", "quick question", "--points", "0", "--when", "2026-11-02", today=TODAY))
    data = ok(cli("who-knows", "cars", "--json", today=TODAY)).json()
    assert names(data["items"]) == ["Zed Fresh", "Ann Asked"]  # despite alphabetical order
    asks = {i["name"]: i["asks_recent"] for i in data["items"]}
    assert asks == {"Ann Asked": 1, "Zed Fresh": 0}


def test_who_knows_more_recent_contact_ranks_higher(cli):
    add(cli, "Ann Old", "--knows", "cars")
    add(cli, "Zed New", "--knows", "cars")
    log(cli, "ann", "coffee", "--when", "2025-06-01")
    log(cli, "zed", "coffee", "--when", "2026-11-01")
    assert names(ok(cli("who-knows", "cars", "--json", today=TODAY)).json()["items"]) == [
        "Zed New",
        "Ann Old",
    ]


def test_who_knows_limit_json_keys_and_table(cli):
    for who in ("Ann", "Ben", "Cat"):
        add(cli, who, "--knows", "cars", "--prefers", "email")
    data = ok(cli("who-knows", "cars", "--limit", "2", "--json", today=TODAY)).json()
    assert data["topic"] == "cars" and data["you"] == []
    assert len(data["items"]) == 2
    for item in data["items"]:
        assert {
            "id",
            "name",
            "score",
            "tie",
            "balance",
            "last_contact",
            "matched",
            "asks_recent",
            "fair_to_ask",
            "prefers",
            "reasons",
        } <= set(item)
        assert item["prefers"] == "email"
    r = ok(cli("who-knows", "cars", "--limit", "1", today=TODAY))
    assert "Ann" in r.stdout and "Ben" not in r.stdout
    assert "cars" in r.stdout  # why: the matched strength


def test_who_knows_nobody_says_so_on_stderr(cli):
    add(cli, "Ann", "--knows", "cars")
    r = ok(cli("who-knows", "boats", today=TODAY))
    assert r.stdout == "" and "boats" in r.stderr
    assert ok(cli("who-knows", "boats", "--json", today=TODAY)).json()["items"] == []


def test_people_filters_and_sorts(cli):
    add(cli, "Cat Close", "--tie", "close", "--knows", "cars")
    add(cli, "Ann Casual", "--knows", "car buying")
    add(cli, "Bob Roster", "--tie", "roster", "--knows", "boats")
    log(cli, "cat", "intro", "--kind", "intro", "--when", "2026-11-01")
    log(cli, "ann", "coffee", "--when", "2026-11-10")
    ok(cli("ask", "bob", "referral", "--kind", "referral", "--when", "2026-10-01", today=TODAY))

    def listed(*args):
        return [p["name"] for p in ok(cli("people", "--json", *args, today=TODAY)).rows()]

    assert listed() == ["Ann Casual", "Cat Close"]  # the roster shows only when asked
    assert listed("--all") == ["Ann Casual", "Bob Roster", "Cat Close"]
    assert listed("--tie", "roster") == ["Bob Roster"]
    assert listed("--knows", "boats") == []
    assert listed("--knows", "boats", "-a") == ["Bob Roster"]
    assert listed("--sort", "name", "-a") == ["Ann Casual", "Bob Roster", "Cat Close"]
    assert listed("--sort", "last", "-a") == ["Ann Casual", "Cat Close", "Bob Roster"]
    assert listed("--sort", "balance", "-a") == ["Cat Close", "Ann Casual", "Bob Roster"]
    assert listed("--sort", "due", "-a") == ["Cat Close", "Ann Casual", "Bob Roster"]  # never
    table = ok(cli("people", today=TODAY))
    assert "Bob Roster" not in table.stdout
    assert "1 on the roster not shown: network people --all" in table.stderr
    assert "not shown" not in ok(cli("people", "--all", today=TODAY)).stderr
    assert listed("--tie", "close") == ["Cat Close"]
    assert listed("--tie", "CLOSE") == ["Cat Close"]
    assert listed("--knows", "car") == ["Ann Casual", "Cat Close"]
    assert listed("--knows", "car", "--tie", "casual") == ["Ann Casual"]
    assert listed("--knows", "knitting") == []
    row = ok(cli("people", "--json", today=TODAY)).rows()[0]
    assert {
        "id",
        "name",
        "tie",
        "company",
        "email",
        "last_contact",
        "next_due",
        "balance",
        "archived",
    } <= set(row)


def test_show_json_keys_and_recent_entries(cli):
    add(cli, "Alice Chen", "--knows", "cars")
    log(cli, "alice", "coffee", "--when", "2026-11-01")
    ok(cli("ask", "alice", "advice", "--when", "2026-11-02", today=TODAY))
    data = show(cli, "alice")
    assert {
        "id",
        "name",
        "tie",
        "archived",
        "balance",
        "last_contact",
        "next_due",
        "cadence_days",
        "birthday",
        "status",
        "deposits",
        "withdrawals",
        "entries",
        "strengths",
        "recent",
    } <= set(data)
    assert (data["deposits"], data["withdrawals"], data["entries"], data["balance"]) == (2, 2, 2, 0)
    assert [r["summary"] for r in data["recent"]] == ["advice", "coffee"]
    assert data["last_contact"] == "2026-11-02"
    assert data["next_due"] == "2027-01-31"
    r = ok(cli("show", "alice", today=TODAY))
    assert "Alice Chen" in r.stdout and "coffee" in r.stdout


def test_history_json_keys(cli):
    add(cli, "Alice Chen")
    log(cli, "alice", "coffee", "--when", "yesterday 3pm")
    (row,) = history(cli)
    assert {
        "id",
        "person_id",
        "name",
        "day",
        "at",
        "kind",
        "flow",
        "points",
        "summary",
        "is_group",
        "private",
    } <= set(row)
    assert row["day"] == "2026-11-21" and row["at"] == "15:00"


# --- output ---------------------------------------------------------------------------------------

MARKUP = "[bold]x[/bold]"


def test_user_text_with_rich_markup_is_shown_literally(cli):
    add(
        cli,
        f"Mal {MARKUP}",
        "--company",
        "[red]",
        "--note",
        "[/bold] oops",
        "--knows",
        "[red]cars",
        "--tie",
        "close",
        "--prefers",
        "[link=http://x]y[/link]",
        today="2026-09-01",
    )
    log(cli, "mal", f"sent {MARKUP}", "--when", "2026-09-02")
    expected = {
        "people": ("people",),
        "show": ("show", "mal"),
        "due": ("due",),
        "who-knows": ("who-knows", "cars"),
        "history": ("history",),
        "balance": ("balance",),
    }
    for what, args in expected.items():
        r = ok(cli(*args, today=TODAY))
        assert f"Mal {MARKUP}" in r.stdout, what
    shown = ok(cli("show", "mal", today=TODAY)).stdout
    assert "[red]" in shown and "[/bold] oops" in shown and "[red]cars" in shown
    assert f"sent {MARKUP}" in ok(cli("history", today=TODAY)).stdout
    assert "[link=http://x]y[/link]" in ok(cli("due", today=TODAY)).stdout
    r = ok(cli("who-knows", "[/bold]", today=TODAY))  # a topic with markup in it
    assert "Traceback" not in r.stderr


def test_topic_with_markup_is_shown_literally_in_the_title(cli):
    add(cli, "Ann", "--knows", "[red]cars")
    r = ok(cli("who-knows", "[red]cars", today=TODAY))
    assert "[red]cars" in r.stdout.split("\n")[0] + r.stdout


COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def test_no_color_is_respected(cli, monkeypatch):
    from rich.text import Text

    add(cli, "Alice Chen", "--tie", "close", "--knows", "cars", today="2026-09-01")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    try:
        # without NO_COLOR the console does colour (so the checks below can fail)
        monkeypatch.delenv("NO_COLOR")
        output.console.cache_clear()
        with output.console().capture() as captured:
            output.console().print(Text("overdrawn", style="red"))
        assert COLOUR_SGR.search(captured.get())
        monkeypatch.setenv("NO_COLOR", "1")
        output.console.cache_clear()
        with output.console().capture() as captured:
            output.console().print(Text("overdrawn", style="red"))
        assert not COLOUR_SGR.search(captured.get())
        for args in (("due",), ("people",), ("show", "alice"), ("history",), ("who-knows", "car")):
            assert not COLOUR_SGR.search(ok(cli(*args, today=TODAY)).stdout), args
    finally:
        output.console.cache_clear()


def test_results_on_stdout_messages_on_stderr(cli):
    r = add(cli, "Alice Chen", "--knows", "cars")
    assert r.stdout == "" and r.stderr
    r = log(cli, "alice", "coffee")
    assert r.stdout == "" and r.stderr
    for args in (
        ("due", "--json"),
        ("who-knows", "cars", "--json"),
        ("show", "alice", "--json"),
        ("people", "--json"),
        ("balance", "--json"),
        ("history", "--json"),
    ):
        r = ok(cli(*args, today=TODAY))
        r.json()  # nothing but JSON on stdout
        assert r.stderr == "", args


def test_json_keeps_user_text_exact(cli):
    name = 'Zoë "Z" [bold]Ø[/bold] \\ 名前'
    add(cli, name, "--note", "line one\nline two")
    data = show(cli, "zoe")
    assert data["name"] == name and data["notes"] == "line one\nline two"


# --- errors ---------------------------------------------------------------------------------------

BAD = [
    (("log", "Nobody Here", "hi"), ("no one",)),
    (("log", "ali", "hi"), ("Alice Chen", "Alicia Keys")),
    (("log", "alice chen", "hi", "--when", "2026-02-30"), DAY_HINT_WORDS),
    (("log", "alice chen", "hi", "--when", "feb 30"), DAY_HINT_WORDS),
    (("log", "alice chen", "hi", "--when", "someday"), DAY_HINT_WORDS),
    (("log", "alice chen", "hi", "--when", "2027-01-01"), ("future",)),
    (("log", "alice chen", ""), ("summary",)),
    (("log", "alice chen", "   "), ("summary",)),
    (("log", "alice chen", "x" * 1001), ("summary", "too long")),
    (("log", "alice chen", "hi", "--points", "-1"), ("points",)),
    (("log", "alice chen", "hi", "--points", "1000"), ("points",)),
    (("log", "alice chen", "hi", "--kind", "!!"), ("kind",)),
    (("add", "Alice Chen"), ("already",)),
    (("add", "ALICE CHÉN"), ("already",)),
    (("add", "Bob", "--every", "-5"), ("cadence", "30d")),
    (("add", "Bob", "--every", "0d"), ("cadence",)),
    (("add", "Bob", "--every", "sometimes"), ("cadence", "30d")),
    (("add", "Bob", "--note", "n" * 10_000), ("note", "too long")),
    (("add", "Bob", "--tie", "best"), ("close, casual or roster",)),
    (("add", "Bob", "--birthday", "02-30"), ("not a real date", "MM-DD")),
    (("add", "Bob", "--birthday", "13-01"), ("MM-DD",)),
    (("add", "Bob", "--birthday", "someday"), ("MM-DD",)),
    (("add", "Bob", "--birthday", "2999-01-01"), ("future",)),
    (("add", "Bob", "--email", "not-an-email"), ("email",)),
    (("add", "Bob", "--email", "a b@c.d"), ("email",)),
    (("add", ""), ("name",)),
    (("add", "x" * 201), ("name", "too long")),
    (("edit", "alice chen", "--tie", "best"), ("close, casual or roster",)),
    (("edit", "alice chen", "--name", "Alicia Keys"), ("already",)),
    (("edit", "alice chen", "--name", ""), ("name",)),
    (("edit", "alice chen", "--every", "-5"), ("cadence",)),
    (("edit", "nobody here", "--title", "x"), ("no one",)),
    (("people", "--sort", "age"), ("name, last, balance or due",)),
    (("people", "--tie", "best"), ("close, casual or roster",)),
    (("forget", "alice chen", "boats"), ("boats",)),
    (("knows", "alice chen"), ("topic",)),
    (("knows", "alice chen", ",,"), ("topic",)),
    (("show", "nobody here"), ("no one",)),
    (("archive", "nobody here"), ("no one",)),
    (("rm", "ali", "--yes"), ("Alice Chen", "Alicia Keys")),
    (("history", "nobody here"), ("no one",)),
    (("history", "--since", "someday"), DAY_HINT_WORDS),
    (("who-knows", "   "), ("topic",)),
    (("who-knows", "!!"), ("topic",)),
]


@pytest.mark.parametrize(("args", "fragments"), BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_bad_input_is_an_error_and_changes_nothing(cli, isolated_db, args, fragments):
    def build():
        add(cli, "Alice Chen", "--knows", "cars")
        add(cli, "Alicia Keys")
        log(cli, "alice chen", "coffee")

    seeded("bad", isolated_db, build)
    before = db_bytes(isolated_db)
    r = cli(*args, today=TODAY)
    assert_error(r, *fragments)
    assert len(r.stderr.strip().splitlines()) == 1  # one line: the problem and a hint
    assert db_bytes(isolated_db) == before


def test_errors_carry_a_hint(cli):
    add(cli, "Alice Chen")
    for args in (
        ("log", "nobody", "hi"),
        ("add", "Bob", "--tie", "best"),
        ("log", "alice", "hi", "--when", "someday"),
        ("add", "Alice Chen"),
    ):
        r = cli(*args, today=TODAY)
        assert_error(r)
        message = r.stderr.removeprefix("Error: ")
        assert " — " in message and message.split(" — ", 1)[1].strip(), r


USAGE = [
    ("log",),
    ("log", "alice"),
    ("add",),
    ("due", "--limit", "-1"),
    ("due", "--limit", "x"),
    ("who-knows",),
    ("log", "alice", "hi", "--points", "many"),
    ("people", "--colour"),
    ("nosuchcommand",),
]


@pytest.mark.parametrize("args", USAGE, ids=[" ".join(a) for a in USAGE])
def test_usage_errors_exit_2(cli, args):
    add(cli, "Alice Chen")
    r = cli(*args, today=TODAY)
    assert r.exit_code == 2, r
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_bad_network_today_is_an_error(cli):
    r = cli("due", today="2026-13-01")
    assert_error(r, "NETWORK_TODAY")


def test_a_folder_as_database_is_an_error(cli, tmp_path):
    r = cli("--db", str(tmp_path), "people", today=TODAY)
    assert_error(r, "folder")


def test_a_file_that_is_not_a_database_is_an_error(cli, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    r = cli("--db", str(junk), "people", today=TODAY)
    assert_error(r)
    assert junk.read_bytes() == b"this is not sqlite at all" * 100


# --- help -----------------------------------------------------------------------------------------


def _command_names():
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="network")
    return root.list_commands(ctx)


@pytest.mark.parametrize("name", _command_names())
def test_every_command_help_shows_an_example(cli, name):
    r = cli(name, "--help")
    assert r.exit_code == 0, r
    assert "Example" in r.stdout


def test_core_commands_are_all_there():
    assert {
        "add",
        "edit",
        "archive",
        "rm",
        "knows",
        "forget",
        "log",
        "give",
        "ask",
        "due",
        "who-knows",
        "show",
        "people",
        "balance",
        "history",
    } <= set(_command_names())


def test_a_due_person_with_a_birthday_shows_once_with_both_reasons(cli):
    _many_due(cli, 4)  # Person A..D, A the most overdue
    add(
        cli, "Zed Birthday", "--tie", "close", "--birthday", "11-24", today="2026-10-20"
    )  # least overdue
    data = due_items(cli, "--limit", "2")
    # issue 11: the budget counts people, and a birthday in two days takes its turn
    assert names(data["items"]) == ["Zed Birthday", "Person A"]
    assert texts(data["items"][0]) == ["birthday Tuesday", "3 days past a 30-day rhythm (1.1×)"]
    assert [r["kind"] for r in data["items"][0]["reasons"]] == ["birthday", "overdue"]
    assert data["more"] == 3  # B, C and D
    data = due_items(cli, "--all")
    assert names(data["items"]) == ["Zed Birthday"] + [f"Person {c}" for c in "ABCD"]
    assert data["more"] == 0


# --- review fixes -------------------------------------------------------------------------


def test_demo_refuses_to_overwrite_a_file_that_is_not_a_demo(cli, tmp_path):
    precious = tmp_path / "thesis.txt"
    precious.write_text("years of work")
    r = cli("demo", "--path", str(precious))
    assert r.exit_code == 1, r
    assert "not a demo network" in r.stderr
    assert precious.read_text() == "years of work"


def test_demo_rebuilds_its_own_file(cli, tmp_path):
    target = tmp_path / "demo.db"
    assert cli("demo", "--path", str(target), "--json").exit_code == 0
    again = cli("demo", "--path", str(target), "--json")
    assert again.exit_code == 0, again
    assert again.json()["items"]


def test_same_named_people_are_reached_by_id(cli, isolated_db):
    import sqlite3

    assert cli("add", "Alice Chen", "--company", "Acme").exit_code == 0
    # imports may create a namesake at another company; simulate it directly
    conn = sqlite3.connect(isolated_db)
    conn.execute(
        "INSERT INTO person (name, name_key, tie, archived, created_on, balance, search_key, company) "
        "VALUES ('Alice Chen', 'alice chen', 'roster', 0, '2026-01-01', 0, '', 'Globex')"
    )
    conn.commit()
    conn.close()
    r = cli("show", "alice chen")
    assert r.exit_code == 1
    assert r.stderr == (
        'Error: "alice chen" matches 2 people: Alice Chen (p1, Acme), Alice Chen (p2, Globex)'
        " — name one by its id, e.g. p1\n"
    )
    assert cli("show", "p2", "--json").json()["company"] == "Globex"
    shown = cli("show", "#2", "--json")
    assert shown.exit_code == 0, shown
    assert shown.json()["company"] == "Globex"
    assert "no one with id #9" in cli("show", "#9").stderr


def test_hyphenated_and_apostrophe_names_are_not_skipped_by_the_shortlist(cli):
    for name in ("Janet Lee", "Mary-Jane Watson"):
        assert cli("add", name).exit_code == 0
    r = cli("show", "jane")
    assert r.exit_code == 1 and "Mary-Jane Watson" in r.stderr and "Janet Lee" in r.stderr


def test_forget_me_means_a_person_called_me_only_with_the_flag(cli):
    assert cli("add", "Mei Lin").exit_code == 0
    assert cli("knows", "me", "cars").exit_code == 0  # "me" is a name prefix: Mei Lin
    assert cli("forget", "me", "cars").exit_code == 0
    assert cli("show", "mei", "--json").json()["strengths"] == []


def test_a_mistyped_kind_is_refused_with_a_suggestion(cli, isolated_db):
    assert cli("add", "Alice Chen").exit_code == 0
    before = db_bytes(isolated_db)
    r = cli("log", "alice", "coffee chat", "--kind", "cofee")
    assert r.exit_code == 1
    assert 'did you mean "coffee"' in r.stderr
    assert db_bytes(isolated_db) == before
