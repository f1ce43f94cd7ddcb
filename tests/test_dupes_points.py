"""`dupes` compares every contact point, not only the primary e-mail (issue 10)."""

from __future__ import annotations

import time
from pathlib import Path

from network.domain.contacts import likely_duplicates

TODAY = "2026-11-22"


def _point(db: Path, person_id: int, kind: str, value: str) -> None:
    from network.domain.contacts import point_key
    from network.store import connection as db_
    from network.store.writes.contact_points import add_email, insert

    with db_.write_session(db) as session:
        if kind == "email":
            add_email(session, person_id, value)
        else:
            insert(
                session.connection(),
                [(person_id, kind, value, point_key(kind, value), None, False)],
            )


def test_a_shared_second_email_phone_or_url_makes_a_pair(cli, isolated_db: Path) -> None:
    cli("add", "Ann Lee", "--email", "ann@work.example", today=TODAY)
    cli("add", "Annie Cole", "--email", "annie@home.example", today=TODAY)
    cli("add", "Bo Berg", "--phone", "+1 (555) 010-0199", today=TODAY)
    cli("add", "Robert Stone", today=TODAY)
    cli("add", "Cy Young", "--url", "https://cy.example/", today=TODAY)
    cli("add", "C. Young Jr", today=TODAY)
    cli("add", "Dee Day", "--phone", "12", today=TODAY)
    cli("add", "Eve Ash", "--phone", "12", today=TODAY)
    assert cli("dupes").stderr.startswith("No likely duplicates")

    _point(isolated_db, 2, "email", "ANN@work.example")  # Annie's second address is Ann's
    _point(isolated_db, 4, "phone", "15550100199")  # the same line, written another way
    _point(isolated_db, 6, "url", "http://www.cy.example")
    run = cli("dupes", "--json")
    assert run.exit_code == 0, run
    pairs = {(p["a"]["name"], p["b"]["name"]): p["why"] for p in run.rows()}
    assert pairs == {
        ("Ann Lee", "Annie Cole"): ["same e-mail"],
        ("Bo Berg", "Robert Stone"): ["same phone"],
        ("Cy Young", "C. Young Jr"): ["same profile URL"],
    }  # a two-digit extension two people share is not a line
    assert list(pairs)[0] == ("Ann Lee", "Annie Cole")  # e-mail is the strongest sign
    shown = cli("dupes")
    assert "same phone" in shown.stdout and "Robert Stone" in shown.stdout

    cli("archive", "robert", today=TODAY)  # an archived person is not suggested
    names = {(p["a"]["name"], p["b"]["name"]) for p in cli("dupes", "--json").rows()}
    assert ("Bo Berg", "Robert Stone") not in names


def test_likely_duplicates_reasons_in_order_and_once() -> None:
    people = [
        {"id": 1, "name": "Ann Lee", "email": "a@x.example", "url": None, "uid": "u1"},
        {"id": 2, "name": "Ann Lee", "email": "b@x.example", "url": None, "uid": "u1"},
    ]
    points = [
        (1, "email", "a@x.example"),
        (1, "phone", "5550100199"),
        (2, "phone", "5550100199"),
        (2, "email", "a@x.example"),
        (2, "email", "b@x.example"),
    ]
    [pair] = likely_duplicates(people, points)
    assert pair["why"] == ["same e-mail", "same phone", "same UID", "same name"]


def test_dupes_over_many_shared_points_is_fast() -> None:
    """100,000 people, 50,000 pairs sharing a phone: the rule stays linear."""
    people = [{"id": i, "name": f"Person {i}", "email": f"p{i}@x.example"} for i in range(100_000)]
    points = [(i, "phone", f"555{i // 2:07d}") for i in range(100_000)]
    start = time.process_time()
    pairs = likely_duplicates(people, points)
    assert len(pairs) == 50_000
    assert time.process_time() - start < 10
