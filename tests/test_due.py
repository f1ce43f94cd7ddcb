"""`network due` as a person keeps it (issue 11): one row per person, a budget of people,
a next step to run, and a list that fits the terminal.

Sunday 2026-11-22 is today unless a test says otherwise.
"""

from __future__ import annotations

import io
import re
import shlex

import pytest

TODAY = "2026-11-22"


def ok(r):
    assert r.exit_code == 0, r
    return r


def add(cli, *args, today="2026-09-01"):
    ok(cli("add", *args, today=today))


def due(cli, *args, today=TODAY):
    return ok(cli("due", "--json", *args, today=today)).json()


def names(data):
    return [i["name"] for i in data["items"]]


def run_step(cli, command, today=TODAY):
    """Run a row's next step as the user would paste it."""
    words = shlex.split(command)
    assert words[0] == "network"
    return ok(cli(*words[1:], today=today))


@pytest.fixture
def overdue_five(cli):
    """Five close ties, never contacted, added on successive days (A the most overdue)."""
    for k, who in enumerate(("Ann Alpha", "Ben Beta", "Cy Gamma", "Di Delta", "Ed Epsilon")):
        add(cli, who, "--tie", "close", today=f"2026-09-{1 + k:02d}")
    return cli


# --- one row per person --------------------------------------------------------------------


def test_one_row_per_person_with_every_reason_and_the_name_once(cli):
    add(cli, "Daniel Kim", "--tie", "close", "--prefers", "phone, lunchtime", "--knows", "taxes")
    ok(cli("promise", "daniel", "send the deck", "--by", "2026-11-19", today="2026-11-01"))
    ok(cli("log", "daniel", "advice on taxes", "--received", "--when", "2026-09-28", today=TODAY))
    data = due(cli)
    (item,) = data["items"]
    assert item["name"] == "Daniel Kim"
    assert [(r["kind"], r["text"]) for r in item["reasons"]] == [
        ("promise_overdue", "promise overdue 3 days: send the deck"),
        ("thanks", "thank-you for the advice on taxes"),
        ("overdue", "25 days past a 30-day rhythm (1.8×)"),
    ]
    assert [r["obligation_id"] for r in item["reasons"]] == [1, 2, None]
    assert [r["due_on"] for r in item["reasons"]] == ["2026-11-19", "2026-09-28", "2026-10-28"]
    assert not any("Daniel" in r["text"] for r in item["reasons"])
    assert item["cannot_wait"] is True
    assert item["next_step"] == "network done o1"
    # on a pipe: one line for the person
    lines = ok(cli("due", today=TODAY)).stdout.splitlines()
    assert len(lines) == 2 and lines[1].startswith("Daniel Kim\t")
    assert "promise overdue 3 days: send the deck; thank-you for the advice on taxes" in lines[1]


def test_the_order_is_by_urgency_not_by_days(cli):
    add(cli, "Hal Far", "--tie", "close", today="2026-08-24")  # 90/30 = 3.0×
    add(cli, "Eve Casual", today="2026-08-04")  # 110/90 = 1.2×, 20 days late
    add(cli, "Tia Thanks", "--tie", "roster", today="2026-09-01")
    ok(cli("log", "tia", "sent me a lead", "--received", today="2026-11-20"))
    add(cli, "Bo Birthday", "--tie", "roster", "--birthday", "11-23", today="2026-09-01")
    assert names(due(cli)) == ["Bo Birthday", "Tia Thanks", "Hal Far", "Eve Casual"]
    texts = [i["reasons"][0]["text"] for i in due(cli)["items"]]
    assert texts[2:] == [
        "60 days past a 30-day rhythm (3.0×)",
        "20 days past a 90-day rhythm (1.2×)",
    ]


def test_help_describes_the_real_order(cli):
    text = " ".join(ok(cli("due", "--help")).stdout.split())
    assert "overdue promises, birthdays today or tomorrow, thank-yous owed" in text
    assert "counts people" in text


# --- the budget -------------------------------------------------------------------------------


def test_people_logged_today_count_against_the_budget(overdue_five):
    cli = overdue_five
    for k in range(3):
        add(cli, f"Extra {k}", "--tie", "close", today="2026-09-20")
    assert len(due(cli)["items"]) == 5 and due(cli)["more"] == 3
    for who in ("ann", "ben"):
        ok(cli("log", who, "coffee", today=TODAY))
    data = due(cli)
    assert data["done_today"] == 2
    assert names(data) == ["Cy Gamma", "Di Delta", "Ed Epsilon"] and data["more"] == 3
    for who in ("cy", "di", "ed"):
        ok(cli("log", who, "coffee", today=TODAY))
    r = ok(cli("due", today=TODAY))
    assert r.stdout == ""
    assert r.stderr == "Done for today: 5 of 5. 3 more can wait — network due --all\n"
    assert len(due(cli, "--all")["items"]) == 3


def test_what_cannot_wait_shows_past_the_budget_and_counts(overdue_five):
    cli = overdue_five
    add(cli, "Pat Promise", "--tie", "roster", today=TODAY)
    ok(
        cli(
            "promise",
            "pat",
            "send the deck",
            "--by",
            "2026-11-21",
            "--when",
            "2026-11-01",
            today=TODAY,
        )
    )
    add(cli, "Bea Today", "--tie", "roster", "--birthday", "1990-11-22", today=TODAY)
    data = due(cli, "--limit", "1")
    assert names(data) == ["Pat Promise", "Bea Today"]
    assert all(i["cannot_wait"] for i in data["items"])
    data = due(cli, "--limit", "3")
    assert names(data) == ["Pat Promise", "Bea Today", "Ann Alpha"]


def test_limit_zero_shows_only_what_you_owe(overdue_five):
    cli = overdue_five
    add(cli, "Tia Thanks", "--tie", "roster", today=TODAY)
    ok(cli("log", "tia", "sent me a lead", "--received", today=TODAY))
    add(cli, "Bo Later", "--tie", "roster", "--birthday", "11-26", today=TODAY)
    data = due(cli, "--limit", "0")
    assert names(data) == ["Tia Thanks"]
    assert data["more"] == 6


# --- next steps that settle the row ----------------------------------------------------------


def test_each_next_step_runs_and_settles_its_reason(cli):
    add(cli, "Nadia Petrova", "--tie", "close", "--birthday", "11-24", today="2026-11-01")
    add(cli, "Sam Okafor", "--tie", "roster", today="2026-11-01")
    add(cli, "Sam Patel", "--tie", "roster", today="2026-11-01")
    ok(cli("log", "okafor", "sent me a lead", "--received", today="2026-11-10"))
    add(cli, "Omar Haddad", "--tie", "close", "--knows", "hiring", today="2026-09-01")
    steps = {i["name"]: i["next_step"] for i in due(cli)["items"]}
    assert steps == {
        "Sam Okafor": 'network thank "Sam Okafor"',  # "sam" would be ambiguous
        "Nadia Petrova": 'network log nadia "birthday congrats"',
        "Omar Haddad": 'network log omar "article on hiring"',
    }
    for command in steps.values():
        run_step(cli, command)
    assert due(cli)["items"] == []


def test_a_congratulation_in_the_window_settles_the_birthday_for_this_year(cli):
    add(cli, "Nadia Petrova", "--tie", "roster", "--birthday", "11-27", today="2026-09-01")
    assert names(due(cli)) == ["Nadia Petrova"]
    ok(cli("log", "nadia", "coffee", today="2026-11-21"))  # contact, not congratulations
    assert names(due(cli)) == ["Nadia Petrova"]
    ok(cli("log", "nadia", "congratulations on the new job", today="2026-11-21"))
    assert due(cli)["items"] == []
    # next year's birthday shows again
    assert names(due(cli, today="2027-11-22")) == ["Nadia Petrova"]


def test_advice_uses_strengths_channel_and_last_gift(cli):
    add(cli, "Dana Close", "--tie", "close", "--prefers", "phone, lunchtime", "--knows", "taxes")
    ok(cli("log", "dana", "intro to Bob", "--when", "2026-08-20", today="2026-08-20"))
    ok(cli("log", "dana", "private chat", "--private", "--when", "2026-09-01", today="2026-09-01"))
    (item,) = due(cli)["items"]
    assert item["advice"] == (
        "share something about taxes — phone, lunchtime; last gave: intro to Bob (3 months ago)"
    )


def test_last_gift_is_the_latest_deposit_of_the_latest_day(cli):
    add(cli, "Dana Close", "--tie", "close", today="2026-08-01")
    ok(cli("log", "dana", "sent a book", "--when", "2026-08-19", today="2026-08-20"))
    ok(cli("log", "dana", "intro to Bob", "--when", "2026-08-20", today="2026-08-20"))
    ok(cli("log", "dana", "intro to Cy", "--when", "2026-08-20", today="2026-08-20"))
    ok(cli("ask", "dana", "a favour", "--when", "2026-08-21", today="2026-08-21"))
    (item,) = due(cli)["items"]
    assert item["advice"].endswith("last gave: intro to Cy (3 months ago)")


def test_an_ask_waiting_for_an_answer_is_a_reason_until_you_check_in(cli):
    add(cli, "Rae Roster", "--tie", "roster", today="2026-09-01")
    ok(cli("ask", "rae", "look over my cover letter", today="2026-11-01"))
    (item,) = due(cli)["items"]
    assert item["reasons"][0]["text"] == (
        "your ask waits 21 days for an answer: look over my cover letter"
    )
    run_step(cli, item["next_step"])
    assert due(cli)["items"] == []


def test_an_empty_list_says_who_comes_next(cli):
    add(cli, "Rob Roster", "--tie", "roster")
    r = ok(cli("due", today=TODAY))
    assert "nobody has a rhythm yet" in r.stderr
    add(cli, "Alice Chen", "--tie", "close", today="2026-11-20")
    r = ok(cli("due", today=TODAY))
    assert r.stderr == "Nobody is due today. Next: Alice Chen on 2026-12-20.\n"


# --- fits the terminal -----------------------------------------------------------------------


def _render(cli, width, monkeypatch, color=False):
    from rich.console import Console

    from network import app
    from network.cli import state
    from network.cli.views import due as view

    if color:
        monkeypatch.delenv("NO_COLOR", raising=False)
    agenda = app.agenda.agenda(
        state.db_path(), today=__import__("datetime").date(2026, 11, 22), budget=5
    )
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="standard")
    view.render(agenda, console)
    return agenda, out.getvalue()


@pytest.fixture
def busy(cli):
    add(cli, "Daniel Kim", "--tie", "close", "--prefers", "phone, lunchtime", "--knows", "taxes")
    ok(
        cli(
            "promise",
            "daniel",
            "send the deck from the offsite",
            "--by",
            "2026-11-19",
            "--when",
            "2026-11-01",
            today=TODAY,
        )
    )
    ok(cli("ask", "daniel", "advice on taxes", today="2026-11-02"))
    ok(cli("answer", "daniel", "granted", today="2026-11-03"))
    add(cli, "François Dubois", "--tie", "close", "--prefers", "email, mornings (Paris time)")
    add(cli, "Sam Okafor", "--tie", "close", "--knows", "hiring")
    add(cli, "Sam Patel", "--tie", "close")
    ok(cli("log", "okafor", "sent me a lead", "--received", today="2026-11-10"))
    return cli


@pytest.mark.parametrize("width", [120, 80, 60])
def test_no_row_splits_a_name_or_a_command(busy, monkeypatch, width):
    agenda, text = _render(busy, width, monkeypatch)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert all(len(line) <= width for line in plain.splitlines())
    for item in agenda.items:
        assert any(item.name in line for line in plain.splitlines()), item.name
        assert any(item.next_step in line for line in plain.splitlines()), item.next_step
    # no word of a reason is broken across lines
    words = {w for i in agenda.items for r in i.reasons for w in r.text.split()}
    tokens = set(re.findall(r"[^\s│┃]+", plain))
    assert words <= tokens | {w for w in words if not w.isalnum()}


def test_a_narrow_terminal_gets_cards_and_a_wide_one_a_table(busy, monkeypatch):
    _, wide = _render(busy, 160, monkeypatch)
    _, narrow = _render(busy, 60, monkeypatch)
    assert "next step" in wide and "┃" in wide
    narrow = re.sub(r"\x1b\[[0-9;]*m", "", narrow)
    assert "┃" not in narrow and "→ network done o1" in narrow


def test_colour_marks_urgency_and_no_color_leaves_it_out(busy, monkeypatch):
    _, plain = _render(busy, 100, monkeypatch)
    assert "\x1b[31" not in plain and "\x1b[1;31" not in plain
    _, coloured = _render(busy, 100, monkeypatch, color=True)
    assert "\x1b[1;31mpromise overdue 3 days" in coloured


# --- day one -------------------------------------------------------------------------------


def test_last_on_add_and_edit_makes_day_one_not_empty(cli):
    ok(cli("add", "Alice Chen", "--tie", "close", "--last", "2026-10-01", today=TODAY))
    ok(cli("add", "Bob Li", today=TODAY))
    assert names(due(cli)) == ["Alice Chen"]
    ok(cli("edit", "bob", "--last", "4 months ago", today=TODAY))
    data = due(cli)
    assert names(data) == ["Alice Chen", "Bob Li"]
    assert data["items"][0]["reasons"][0]["text"] == "22 days past a 30-day rhythm (1.7×)"
    # it says when you spoke, not who gave what: no points, and no "last gave" advice
    assert data["items"][0]["balance"] == 0
    assert "last gave" not in data["items"][0]["advice"]
    # a later entry wins; an earlier --last changes nothing
    ok(cli("log", "alice", "coffee", today=TODAY))
    ok(cli("edit", "alice", "--last", "2026-01-01", today=TODAY))
    assert names(due(cli)) == ["Bob Li"]


def test_last_in_the_future_is_refused_and_nothing_is_written(cli):
    add(cli, "Bob Li")
    r = cli("add", "Alice Chen", "--last", "tomorrow", today=TODAY)
    assert r.exit_code == 1 and r.stderr.startswith("Error: ")
    assert [p["name"] for p in ok(cli("people", "--json", today=TODAY)).rows()] == ["Bob Li"]


def test_an_import_on_a_rhythm_trickles_into_due_a_budget_a_day(cli, tmp_path):
    from conftest import connections_csv

    path = connections_csv(tmp_path / "Connections.csv", 300)
    ok(cli("import", "linkedin", str(path), "--tie", "casual", today=TODAY))
    first = due(cli)
    assert len(first["items"]) == 5 and first["more"] == 0
    assert first["items"][0]["reasons"][0] == {
        "kind": "first_contact",
        "text": "first contact since you added them (90-day rhythm)",
        "due_on": TODAY,
        "obligation_id": None,
    }
    # nobody contacted: five more come due each day, within their 90-day rhythm
    assert due(cli, "--all", today="2026-11-23")["items"].__len__() == 10
    assert len(due(cli, "--all", today="2027-01-20")["items"]) == 300
    # a roster import (no rhythm) is not spread
    ok(cli("import", "linkedin", str(connections_csv(tmp_path / "b.csv", 3)), today=TODAY))
    assert len(due(cli, "--all")["items"]) == 5


# --- snooze ------------------------------------------------------------------------------------


def test_snooze_keeps_someone_off_due_and_logging_ends_it(cli):
    ok(cli("add", "Alice Chen", "--tie", "close", "--last", "2026-10-01", today=TODAY))
    r = ok(cli("snooze", "alice", "2w", today=TODAY))
    assert r.stderr == "Snoozed Alice Chen until 2026-12-06 (logging them ends it).\n"
    assert due(cli)["items"] == []
    assert ok(cli("due", today=TODAY)).stderr == (
        "Nobody is due today. Next: Alice Chen on 2026-12-06.\n"
    )
    (row,) = due(cli, "--all")["items"]
    assert row["reasons"][0]["text"] == "snoozed until 2026-12-06"
    assert row["next_step"] == "network snooze alice --off"
    assert names(due(cli, today="2026-12-06")) == ["Alice Chen"]
    ok(cli("snooze", "alice", "--until", "2026-12-20", today=TODAY))
    ok(cli("log", "alice", "coffee", today=TODAY))
    assert due(cli, "--all")["items"] == []  # logged: no longer snoozed, and not due
    assert names(due(cli, today="2026-12-23")) == ["Alice Chen"]  # 30 days after the coffee


def test_a_snooze_still_shows_an_overdue_promise_and_can_be_lifted(cli):
    ok(cli("add", "Bob Li", today=TODAY))
    ok(
        cli(
            "promise",
            "bob",
            "send the deck",
            "--by",
            "2026-11-20",
            "--when",
            "2026-11-01",
            today=TODAY,
        )
    )
    ok(cli("snooze", "bob", today=TODAY))
    (row,) = due(cli)["items"]
    assert [r["kind"] for r in row["reasons"]] == ["promise_overdue"]
    r = ok(cli("snooze", "bob", "--off", today=TODAY))
    assert r.stderr == "Bob Li is back on due.\n"


@pytest.mark.parametrize(
    "args",
    [("2w", "--until", "2026-12-01"), ("yesterday",), ("--until", "2026-11-01"), ("2w", "--off")],
)
def test_a_bad_snooze_is_refused_and_changes_nothing(cli, args):
    ok(cli("add", "Alice Chen", "--tie", "close", "--last", "2026-10-01", today=TODAY))
    r = cli("snooze", "alice", *args, today=TODAY)
    assert r.exit_code == 1 and r.stderr.startswith("Error: ") and " — " in r.stderr, r
    assert names(due(cli)) == ["Alice Chen"]


def test_stored_control_characters_never_reach_the_terminal(cli, monkeypatch, isolated_db):
    import sqlite3

    add(cli, "Eve Escape", "--tie", "close")
    ok(cli("promise", "eve", "send it", "--by", "2026-11-20", "--when", "2026-11-01", today=TODAY))
    with sqlite3.connect(isolated_db) as conn:  # as a foreign file could have stored it
        conn.execute("UPDATE obligation SET summary = 'send \x1b[31mred'")
    conn.close()
    _, text = _render(cli, 100, monkeypatch)
    assert "\x1b[31mred" not in text and "\\x1b[31mred" in text
