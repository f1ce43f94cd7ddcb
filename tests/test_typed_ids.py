"""One id scheme: p12 a person, e3 a ledger entry (an ask; a3 is read too), o7 a promise or
follow-up; shown in every listing, accepted wherever one is named, never confused."""

from __future__ import annotations

TODAY = "2026-11-22"


def ok(run):
    assert run.exit_code == 0, run
    return run


def setup(cli) -> None:
    ok(cli("add", "Alice Chen", "--tie", "close", today=TODAY))
    ok(cli("add", "Bob Li", today=TODAY))
    ok(cli("log", "alice", "coffee", today=TODAY))  # entry 1
    ok(cli("ask", "bob", "intro to Sam", today="2026-11-21"))  # entry 2, an ask
    ok(cli("promise", "alice", "send the deck", "--by", "friday", today=TODAY))  # o1


def test_listings_show_typed_ids(cli) -> None:
    setup(cli)
    history = ok(cli("history", today=TODAY)).stdout.splitlines()
    assert history[0].split("\t")[0] == "id"
    assert [line.split("\t")[0] for line in history[1:]] == ["e1", "e2"]
    asks = ok(cli("asks", today=TODAY)).stdout.splitlines()
    assert asks[1].split("\t")[0] == "e2" and asks[1].endswith("open (1 day)")
    promises = ok(cli("promises", today=TODAY)).stdout.splitlines()
    assert promises[1].split("\t")[0] == "o1"
    show = ok(cli("show", "bob", today=TODAY)).stdout
    assert "ask e2, 1 day open: intro to Sam" in show
    assert "1 interaction\n" in show
    assert "(promise o1)" in ok(cli("show", "alice", today=TODAY)).stdout
    # JSON keeps the numbers: the prefix is how a person types them
    assert ok(cli("asks", "--json", today=TODAY)).rows()[0]["id"] == 2


def test_answer_and_done_take_typed_ids_and_refuse_the_other_kind(cli) -> None:
    setup(cli)
    wrong = cli("answer", "o1", "granted", today=TODAY)
    assert wrong.exit_code == 1
    assert wrong.stderr == (
        "Error: o1 is a promise or follow-up, not a ledger entry — "
        "give its id (e12) or the person's name\n"
    )
    assert cli("done", "e2", today=TODAY).stderr.startswith(
        "Error: e2 is a ledger entry, not a promise or follow-up"
    )
    answered = ok(cli("answer", "e2", "granted", today=TODAY))
    assert answered.stderr.startswith("Ask e2 to Bob Li (intro to Sam): granted.")
    done = ok(cli("done", "o1", today=TODAY))
    assert done.stderr.startswith("Kept promise to Alice Chen: send the deck")


def test_a_person_id_and_the_old_forms_still_work(cli) -> None:
    setup(cli)
    ok(cli("answer", "p2", "declined", today=TODAY))  # Bob's one open ask
    assert ok(cli("asks", "--json", today=TODAY)).rows()[0]["status"] == "declined"
    ok(cli("done", "1", today=TODAY))  # a bare number, as before
    ok(cli("entry", "edit", "a1", "--summary", "long coffee", today=TODAY))
    ok(cli("entry", "edit", "1", "--kind", "meal", today=TODAY))
    changed = ok(cli("entry", "rm", "E1", today=TODAY))
    assert changed.stderr.startswith("Removed entry e1 with Alice Chen: 2026-11-22 meal")
