"""Closing loops through the CLI: asks and answers, thank-yous, promises, intros, links, due."""

from __future__ import annotations

import pytest

from conftest import db_bytes

D0 = "2026-09-01"


@pytest.fixture
def people(cli):
    for name, tie in (
        ("Alice Chen", "close"),
        ("Bob Li", "casual"),
        ("Carol Diaz", "close"),
        ("Dana Ng", "casual"),
        ("Eve Park", "roster"),
    ):
        assert cli("add", name, "--tie", tie, today=D0).exit_code == 0
    return cli


def texts(item):
    """The words of each reason on a `due --json` row."""
    return [r["text"] for r in item["reasons"]]


def kinds(item):
    """The kind of each reason on a `due --json` row."""
    return [r["kind"] for r in item["reasons"]]


def ok(r):
    assert r.exit_code == 0, r
    return r


def test_ask_opens_and_lists_with_waiting_after_14_days(people):
    cli = people
    r = ok(cli("ask", "alice", "intro to Sam at Stripe", "--kind", "intro", today="2026-09-02"))
    assert "[ask e1]" in r.stderr
    rows = ok(cli("asks", "--json", today="2026-09-16")).rows()
    assert [(a["id"], a["status"], a["state"], a["days_open"]) for a in rows] == [
        (1, "open", "open", 14)
    ]
    rows = ok(cli("asks", "--open", "--json", today="2026-09-17")).rows()
    assert rows[0]["state"] == "waiting" and rows[0]["waiting"] is True
    shown = ok(cli("show", "alice", "--json", today="2026-09-17")).json()
    assert [a["id"] for a in shown["waiting"]] == [1]
    assert "waiting" in ok(cli("show", "alice", today="2026-09-17")).stdout


def test_log_ask_is_an_ask_and_received_is_not(people):
    cli = people
    ok(cli("log", "bob", "asked for resume feedback", "--ask", today=D0))
    ok(cli("log", "bob", "sent me a job lead", "--received", today=D0))
    rows = ok(cli("asks", "--json", today=D0)).rows()
    assert [a["summary"] for a in rows] == ["asked for resume feedback"]
    hist = ok(cli("history", "bob", "--json", today=D0)).rows()
    assert {h["summary"]: (h["flow"], h["kind"]) for h in hist}["sent me a job lead"] == (
        "withdrawal",
        "help",
    )
    due = ok(cli("due", "--json", today=D0)).json()["items"]
    assert [texts(i) for i in due if i["kind"] == "thanks"] == [["thank-you (sent me a job lead)"]]


def test_answer_granted_owes_thanks_until_thanked(people):
    cli = people
    ok(cli("ask", "alice", "intro to Bob", "--kind", "intro", today="2026-09-02"))
    r = ok(cli("answer", "alice", "granted", "--note", "sent it", today="2026-09-05"))
    assert "thank Alice Chen for the intro to Bob" in r.stderr
    rows = ok(cli("asks", "--json", today="2026-09-05")).rows()
    assert (rows[0]["status"], rows[0]["answered_on"], rows[0]["answer_note"]) == (
        "granted",
        "2026-09-05",
        "sent it",
    )
    due = ok(cli("due", "--json", today="2026-09-20")).json()["items"]
    assert due[0]["kind"] == "thanks" and texts(due[0])[0] == "thank-you for the intro to Bob"
    assert due[0]["next_step"] == "network thank alice"
    # logged late: still owed until then, settled by the thanks deposit
    r = ok(cli("thank", "alice", "card and coffee", today="2026-09-30"))
    assert "settled" in r.stderr
    due = ok(cli("due", "--json", today="2026-09-30")).json()["items"]
    assert not [i for i in due if i["kind"] == "thanks"]
    assert (
        ok(cli("promises", "--all", "--json", today="2026-09-30")).rows()[0]["done_on"]
        == "2026-09-30"
    )


def test_partly_owes_thanks_declined_does_not(people):
    cli = people
    ok(cli("ask", "bob", "advice on an offer", today="2026-09-02"))
    ok(cli("ask", "dana", "a referral", "--kind", "referral", today="2026-09-02"))
    ok(cli("answer", "1", "partly", today="2026-09-03"))
    ok(cli("answer", "dana", "declined", today="2026-09-03"))
    thanks = [
        i["name"]
        for i in ok(cli("due", "--json", today="2026-09-03")).json()["items"]
        if i["kind"] == "thanks"
    ]
    assert thanks == ["Bob Li"]


def test_any_thanks_deposit_settles_the_oldest_owed(people):
    cli = people
    ok(cli("log", "bob", "sent me a job lead", "--received", today="2026-09-02"))
    ok(cli("log", "bob", "helped me with my resume", "--received", today="2026-09-03"))
    ok(cli("log", "bob", "thank you note", today="2026-09-04"))  # kind thanks from the words
    owed = ok(cli("promises", "--all", "--json", today="2026-09-04")).rows()
    assert [(o["summary"], o["done_on"]) for o in owed] == [
        ("sent me a job lead", "2026-09-04"),
        ("helped me with my resume", None),
    ]


def test_thank_with_nothing_owed_still_logs(people):
    r = ok(people("thank", "carol", today=D0))
    assert "No thank-you was owed" in r.stderr
    assert people("history", "carol", "--json", today=D0).rows()[0]["kind"] == "thanks"


def test_promise_kept_broken_and_listed(people):
    cli = people
    ok(cli("promise", "bob", "send the deck", "--by", "2026-09-05", today=D0))
    ok(cli("promise", "carol", "share the article", "--by", "2026-10-30", today=D0))
    rows = ok(cli("promises", "--json", today="2026-09-08")).rows()
    assert [(r["id"], r["state"]) for r in rows] == [(1, "broken-in-waiting"), (2, "open")]
    assert "broken-in-waiting" in ok(cli("promises", today="2026-09-08")).stdout
    due = ok(cli("due", "--json", today="2026-09-08")).json()["items"]
    assert due[0]["kind"] == "promise_overdue"
    assert texts(due[0]) == ["promise overdue 3 days: send the deck"]
    assert due[0]["reasons"][0]["obligation_id"] == 1
    assert due[0]["next_step"] == "network done o1"
    # the suggested command runs as printed (the typed id, not a bare 1 or '#1')
    r = ok(cli(*due[0]["next_step"].split()[1:], "--note", "v2", today="2026-09-09"))
    assert "4 days late" in r.stderr
    hist = ok(cli("history", "bob", "--json", today="2026-09-09")).rows()
    assert hist[0]["flow"] == "deposit" and hist[0]["summary"] == "send the deck (v2)"
    assert [r["id"] for r in ok(cli("promises", "--json", today="2026-09-09")).rows()] == [2]
    # due soon shows within 7 days, after the other obligations
    due = ok(cli("due", "--json", today="2026-10-25")).json()["items"]
    assert [(i["kind"], texts(i)[0]) for i in due][:1] == [
        ("promise_soon", "promise due in 5 days: share the article")
    ]
    ok(cli("done", "carol", today="2026-10-25"))
    assert ok(cli("promises", "--json", today="2026-10-25")).rows() == []


def test_intro_deposits_links_and_follows_up(people):
    cli = people
    r = ok(cli("intro", "dana", "eve", "both build EV chargers", today="2026-09-02"))
    assert "2026-09-16" in r.stderr
    for who in ("dana", "eve"):
        hist = ok(cli("history", who, "--json", today="2026-09-02")).rows()
        assert (hist[0]["flow"], hist[0]["kind"], hist[0]["points"]) == ("deposit", "intro", 5)
    assert [
        p["name"]
        for p in ok(cli("show", "dana", "--json", today="2026-09-02")).json()["knows_people"]
    ] == ["Eve Park"]
    before = [
        i
        for i in ok(cli("due", "--json", today="2026-09-15")).json()["items"]
        if i["kind"] == "followup"
    ]
    assert before == []
    due = ok(cli("due", "--json", today="2026-09-16")).json()["items"]
    follow = [i for i in due if i["kind"] == "followup"]
    assert texts(follow[0]) == ["ask how the intro to Eve Park went"]
    assert follow[0]["next_step"] == f"network done o{follow[0]['reasons'][0]['obligation_id']}"
    ok(cli("done", str(follow[0]["reasons"][0]["obligation_id"]), today="2026-09-17"))
    assert not [
        i
        for i in ok(cli("due", "--json", today="2026-09-17")).json()["items"]
        if i["kind"] == "followup"
    ]


def test_intro_says_the_points_it_logged(people):
    r = ok(people("intro", "dana", "eve", today=D0))
    hist = ok(people("history", "dana", "--json", today=D0)).rows()
    assert f"(+{hist[0]['points']} with each)" in r.stderr


def test_intro_follow_up_gap_option(people):
    r = ok(people("intro", "dana", "eve", "--follow-up", "3w", today="2026-09-02"))
    assert "2026-09-23" in r.stderr


def test_introduced_to_you_closes_the_loop(people):
    cli = people
    ok(cli("add", "Frank Moe", "--via", "carol", today="2026-09-02"))
    # nothing has come of it yet
    assert not [
        i
        for i in ok(cli("due", "--json", today="2026-09-03")).json()["items"]
        if i["kind"] == "loop"
    ]
    ok(cli("log", "frank", "coffee, talked about the role", today="2026-09-04"))
    due = ok(cli("due", "--json", today="2026-09-05")).json()["items"]
    loop = [i for i in due if i["kind"] == "loop"]
    assert texts(loop[0]) == ["tell them how it went with Frank Moe (they introduced you)"]
    shown = ok(cli("show", "frank", "--json", today="2026-09-05")).json()
    assert shown["introduced_by"]["name"] == "Carol Diaz"
    ok(cli("done", "carol", "--note", "got the job", today="2026-09-06"))
    assert not [
        i
        for i in ok(cli("due", "--json", today="2026-09-06")).json()["items"]
        if i["kind"] == "loop"
    ]


def test_log_via_records_the_introducer(people):
    cli = people
    r = ok(cli("log", "eve", "first call", "--via", "alice", today="2026-09-02"))
    assert "tell Alice Chen how it went" in r.stderr
    due = ok(cli("due", "--json", today="2026-09-02")).json()["items"]
    assert [i["name"] for i in due if i["kind"] == "loop"] == ["Alice Chen"]
    # the same introducer again adds nothing
    ok(cli("log", "eve", "second call", "--via", "alice", today="2026-09-03"))
    assert (
        len(
            [
                o
                for o in ok(cli("promises", "--all", "--json", today="2026-09-03")).rows()
                if o["kind"] == "loop"
            ]
        )
        == 1
    )


def test_link_records_acquaintance(people):
    cli = people
    r = ok(cli("link", "alice", "eve", "--context", "college", today=D0))
    assert "know each other" in r.stderr
    r = ok(cli("link", "eve", "alice", today=D0))
    assert "already" in r.stderr
    assert [
        p["name"] for p in ok(cli("show", "eve", "--json", today=D0)).json()["knows_people"]
    ] == ["Alice Chen"]


def test_due_is_one_row_per_person_and_the_budget_counts_people(people):
    # issue 11: one row per person with every reason, most urgent first; the budget
    # counts people; overdue promises always show; --limit 0 shows only what you owe
    cli = people
    ok(cli("edit", "bob", "--birthday", "09-20", today=D0))
    ok(cli("promise", "alice", "send notes", "--by", "2026-09-10", today=D0))
    ok(cli("promise", "dana", "review her deck", "--by", "2026-09-22", today=D0))
    ok(cli("log", "carol", "sent me a lead", "--received", today=D0))
    ok(cli("intro", "dana", "eve", today=D0))
    ok(cli("add", "Frank Moe", "--via", "carol", today=D0))
    ok(cli("log", "frank", "coffee", today="2026-09-02"))

    def rows(*args, today):
        data = ok(cli("due", "--json", *args, today=today)).json()
        return [(i["name"], kinds(i)) for i in data["items"]], data["more"]

    late = "2026-12-16"
    assert rows("--limit", "1", today=late) == (
        [
            ("Alice Chen", ["promise_overdue", "overdue"]),
            ("Dana Ng", ["promise_overdue", "followup", "overdue"]),
        ],
        3,
    )
    assert rows("--limit", "0", today=late)[0][2] == (
        "Carol Diaz",
        ["thanks", "loop", "overdue"],
    )
    assert [name for name, _ in rows("--all", today=late)[0]] == [
        "Alice Chen",
        "Dana Ng",
        "Carol Diaz",
        "Bob Li",
        "Frank Moe",
    ]
    assert rows("--limit", "1", today="2026-09-16") == ([("Alice Chen", ["promise_overdue"])], 3)
    assert rows("--limit", "0", today="2026-09-16") == (
        [
            ("Alice Chen", ["promise_overdue"]),
            ("Carol Diaz", ["thanks", "loop"]),
            ("Dana Ng", ["followup", "promise_soon"]),
        ],
        1,
    )
    assert rows(today="2026-09-16")[0][3] == ("Bob Li", ["birthday"])
    text = ok(cli("due", today="2026-09-16")).stdout
    lines = text.splitlines()
    assert lines[0].split("\t") == [
        "person",
        "why",
        "next step",
        "advice",
        "last contact",
        "balance",
    ]
    assert lines[1].split("\t")[:3] == [
        "Alice Chen",
        "promise overdue 6 days: send notes",
        "network done o1",
    ]
    assert [line.split("\t")[0] for line in lines[1:]].count("Carol Diaz") == 1


def test_due_is_empty_without_obligations(cli, empty_db):
    r = ok(cli("due", "--json", today=D0))
    assert r.json()["items"] == []


# --- errors leave the database unchanged ------------------------------------------------


@pytest.fixture
def seeded(people, isolated_db):
    cli = people
    ok(cli("ask", "alice", "intro to Bob", today="2026-09-02"))
    ok(cli("answer", "1", "granted", today="2026-09-03"))
    ok(cli("ask", "bob", "advice", today="2026-09-03"))
    ok(cli("ask", "bob", "another", today="2026-09-03"))
    ok(cli("promise", "bob", "send deck", "--by", "2026-09-10", today="2026-09-03"))
    ok(cli("done", "1", today="2026-09-04"))
    return cli


@pytest.mark.parametrize(
    "args, message",
    [
        (("answer", "1", "declined"), "already answered"),
        (("answer", "99", "granted"), "no ask 99"),
        (("answer", "bob", "granted"), "2 open asks"),
        (("answer", "carol", "granted"), "no open ask"),
        (("answer", "2", "maybe"), "not an outcome"),
        (("promise", "bob", "call him"), "a promise needs a date"),
        (("promise", "bob", "call him", "--by", "2026-01-01"), "in the past"),
        (("intro", "alice", "alice", "hi"), "to themself"),
        (("intro", "alice", "nobody-here"), "no one called"),
        (("link", "bob", "bob"), "themself"),
        (("done", "1"), "already done"),
        (("done", "42"), "no promise or follow-up 42"),
        (("done", "carol"), "no open promise"),
        (("log", "bob", "x", "--ask", "--received"), "cannot go together"),
        (("log", "bob", "x", "--via", "bob"), "themself"),
        (("log", "bob", "x", "--via", "nobody-here"), "no one called"),
        (("add", "Zed", "--via", "nobody-here"), "no one called"),
    ],
)
def test_bad_input_is_an_error_and_changes_nothing(seeded, isolated_db, args, message):
    before = db_bytes(isolated_db)
    r = seeded(*args, today="2026-09-05")
    assert r.exit_code == 1, r
    assert r.stderr.startswith("Error: ") and message in r.stderr, r
    assert db_bytes(isolated_db) == before


def test_second_introducer_is_refused(people, isolated_db):
    cli = people
    ok(cli("add", "Frank Moe", "--via", "carol", today=D0))
    before = db_bytes(isolated_db)
    r = cli("log", "frank", "coffee", "--via", "alice", today=D0)
    assert r.exit_code == 1 and "already introduced to you by Carol Diaz" in r.stderr
    assert db_bytes(isolated_db) == before


def test_every_new_command_has_an_example(cli):
    for command in (
        "asks",
        "answer",
        "thank",
        "promise",
        "done",
        "promises",
        "intro",
        "link",
        "drift",
        "stats",
    ):
        r = cli(command, "--help")
        assert r.exit_code == 0 and "Example" in r.stdout, command


# --- privacy: a thank-you owed for private help is private too --------------------------


def test_private_help_and_asks_leave_no_trace_in_exports(people):
    cli = people
    ok(cli("log", "bob", "covered my rehab bills", "--received", "--private", today=D0))
    ok(cli("ask", "alice", "loan for the divorce lawyer", "--private", today=D0))
    ok(cli("answer", "alice", "granted", today="2026-09-02"))
    ok(cli("log", "carol", "helped me move house", "--received", today=D0))
    # thanking with no summary words the entry after the private help: it stays private
    ok(cli("thank", "bob", today="2026-09-03"))
    ok(cli("done", "2", today="2026-09-03"))  # alice's thank-you, settled through done
    for fmt in ("json", "ics", "csv", "vcard"):
        out = ok(cli("export", fmt, today="2026-09-04")).stdout
        assert "rehab" not in out and "divorce" not in out, fmt
    doc = ok(cli("export", "json", today="2026-09-04")).json()
    assert [o["summary"] for o in doc["tables"]["obligation"]] == ["helped me move house"]
    full = ok(cli("export", "json", "--include-private", today="2026-09-04"))
    assert "rehab" in full.stdout and "divorce" in full.stdout
    owed = {o["summary"]: o["private"] for o in full.json()["tables"]["obligation"]}
    assert owed == {
        "covered my rehab bills": True,
        "loan for the divorce lawyer": True,
        "helped me move house": False,
    }
    thanks = [e for e in full.json()["tables"]["entry"] if e["kind"] == "thanks"]
    assert {e["summary"]: e["private"] for e in thanks} == {
        "thanked them: covered my rehab bills": True,
        "thanked them: loan for the divorce lawyer": True,
    }


def test_thank_with_own_words_for_private_help_is_private(people):
    cli = people
    ok(cli("log", "bob", "covered my rehab bills", "--received", "--private", today=D0))
    ok(cli("thank", "bob", "sent flowers", today=D0))
    hist = ok(cli("history", "bob", "--json", today=D0)).rows()
    assert {h["summary"]: h["private"] for h in hist} == {
        "covered my rehab bills": True,
        "sent flowers": True,
    }


# --- --when takes a time everywhere it is offered ---------------------------------------


def test_when_with_a_time_on_answer_done_and_intro(people):
    cli = people
    ok(cli("ask", "alice", "intro to Bob", today="2026-09-01"))
    ok(cli("answer", "1", "granted", "--when", "2026-09-02 14:30", today="2026-09-05"))
    ok(cli("promise", "bob", "send the deck", "--by", "2026-09-10", today="2026-09-05"))
    ok(cli("done", "bob", "--when", "yesterday 9am", today="2026-09-06"))
    ok(cli("intro", "dana", "eve", "--when", "2026-09-03 18:00", today="2026-09-06"))
    asks = ok(cli("asks", "--json", today="2026-09-06")).rows()
    assert asks[0]["answered_on"] == "2026-09-02"
    hist = ok(cli("history", "bob", "--json", today="2026-09-06")).rows()
    assert [(h["day"], h["at"]) for h in hist] == [("2026-09-05", "09:00")]
    hist = ok(cli("history", "dana", "--json", today="2026-09-06")).rows()
    assert [(h["day"], h["at"]) for h in hist] == [("2026-09-03", "18:00")]
    r = cli("done", "3", "--when", "2026-09-02 10:00", today="2026-09-06")  # before the intro
    assert r.exit_code == 1 and "before it was made" in r.stderr


# --- ids are ASCII digits; anything else is a name ---------------------------------------


@pytest.mark.parametrize("ref", ["²", "#²", "١٢"])
def test_non_ascii_digits_are_names_not_ids(seeded, ref):
    for args in (("answer", ref, "granted"), ("done", ref)):
        r = seeded(*args, today="2026-09-05")
        assert r.exit_code == 1 and r.stderr.startswith("Error: "), r


def test_loop_shows_after_a_backdated_meeting_with_someone_added_via(cli):
    assert cli("add", "Carol Diaz", "--tie", "close", today="2026-11-20").exit_code == 0
    assert cli("add", "Gina Ho", "--via", "carol", today="2026-11-20").exit_code == 0
    before = cli("due", "--json", today="2026-11-20").json()["items"]
    assert not any("loop" in kinds(i) for i in before)
    assert cli("log", "gina", "coffee", "--when", "2026-11-19", today="2026-11-20").exit_code == 0
    after = cli("due", "--json", today="2026-11-20").json()["items"]
    assert any("loop" in kinds(i) and i["name"] == "Carol Diaz" for i in after), after


def test_a_promise_made_last_week_can_be_recorded_already_overdue(cli):
    assert cli("add", "Carol Diaz", today="2026-11-22").exit_code == 0
    r = cli(
        "promise",
        "carol",
        "send the deck",
        "--when",
        "last monday",
        "--by",
        "2026-11-19",
        today="2026-11-22",
    )
    assert r.exit_code == 0, r
    items = cli("due", "--json", today="2026-11-22").json()["items"]
    assert any("overdue 3 days" in " ".join(texts(i)) for i in items), items
    # without --when, a past --by is still refused
    assert cli("promise", "carol", "x", "--by", "2026-11-19", today="2026-11-22").exit_code == 1


# --- the use cases behind the commands, called as a script would ---------------------------


def test_loop_use_cases_return_typed_results(people, isolated_db):
    """Each verb is one call into app.loops that returns what its message is made of."""
    from datetime import date, datetime

    from network import app

    now = datetime(2026, 9, 10, 9, 30)
    ok(people("ask", "alice", "intro to Sam", "--kind", "intro", today="2026-09-02"))
    answered = app.loops.answer(isolated_db, "alice", "granted", note=None, when=None, now=now)
    assert (answered.ask_id, answered.name, answered.status, answered.thanks_owed) == (
        1,
        "Alice Chen",
        "granted",
        True,
    )
    thanked = app.loops.thank(isolated_db, "alice", None, when=None, now=now)
    assert thanked.effects.settled is not None and thanked.effects.owed is None
    assert (thanked.name, thanked.day, thanked.points) == ("Alice Chen", now.date(), 1)
    promised = app.loops.promise(
        isolated_db, "bob", "send the deck", by="2026-09-08", when="2026-09-01", today=now.date()
    )
    assert (promised.name, promised.due_on) == ("Bob Li", date(2026, 9, 8))
    done = app.loops.done(isolated_db, str(promised.id), note=None, when=None, now=now)
    assert (done.kind, done.name, done.days_late) == ("promise", "Bob Li", 2)
    introduced = app.loops.intro(
        isolated_db, "dana", "eve", None, follow_up="1w", when=None, now=now
    )
    assert introduced.follow_up_on == date(2026, 9, 17)
    first = app.loops.link(isolated_db, "alice", "bob", context=None, today=now.date())
    again = app.loops.link(isolated_db, "bob", "alice", context="Acme", today=now.date())
    assert (first.created, again.created, again.context_updated) == (True, False, True)


def test_asks_and_promises_json_is_their_results(people, isolated_db):
    """--json prints the result's to_json(), and its keys are the documented ones."""
    from datetime import date

    from network import app
    from network.cli.commands import loops as loop_cmds
    from network.cli.json_reference import document_problems

    ok(people("ask", "alice", "intro to Sam", today="2026-09-02"))
    ok(people("answer", "1", "partly", "--note", "one name", today="2026-09-03"))
    ok(people("ask", "bob", "a review", today="2026-09-03"))
    ok(people("promise", "carol", "the article", "--by", "2026-09-05", today="2026-09-03"))
    today = date(2026, 9, 30)
    cases = [
        ("asks", [], app.loops.asks(isolated_db, today=today)),
        ("asks", ["--open"], app.loops.asks(isolated_db, open_only=True, today=today)),
        ("promises", [], app.loops.promises(isolated_db, today=today)),
        ("promises", ["--all"], app.loops.promises(isolated_db, everything=True, today=today)),
    ]
    for command, options, result in cases:
        printed = ok(people(command, *options, "--json", today=today.isoformat())).json()
        assert printed and printed == result.to_json()
        assert document_problems(printed, loop_cmds.JSON_RESULTS[command]) == []
