"""One JSON key for one thing across every command (docs/json.md is generated from the
result types, so checking it checks every --json document)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "json.md"


def keys_by_command() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    command = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            command = line
            found[command] = set()
        elif m := re.match(r"\| `([^`]+)` \|", line):
            found[command].add(m.group(1))
    return found


def test_a_person_is_id_on_their_own_row_and_person_id_on_anything_else() -> None:
    """A row that is a person names its id `id`; a row about something else (an entry, an
    obligation) has its own `id`, and says whose it is with `person_id`."""
    clashes = []
    for command, keys in keys_by_command().items():
        for key in keys:
            if key.endswith("person_id"):
                row = key[: -len("person_id")]
                if row + "id" not in keys:
                    clashes.append(f"{command}: {key} on a row without its own id")
    assert clashes == []


def test_whom_a_row_is_about_is_always_name() -> None:
    stray = {"who", "person", "to"}
    clashes = [
        f"{command}: {key}"
        for command, keys in keys_by_command().items()
        for key in keys
        if key.rsplit(".", 1)[-1].removeprefix("[]") in stray
    ]
    assert clashes == []


def test_a_birthday_is_one_key_in_people_and_show(cli) -> None:
    assert cli("add", "Ann Lee", "--birthday", "1990-04-03").exit_code == 0
    assert cli("add", "Bo Kim", "--birthday", "12-31").exit_code == 0
    assert cli("add", "Cy Park").exit_code == 0
    listed = {p["name"]: p for p in cli("people", "--json").rows()}
    assert {n: p["birthday"] for n, p in listed.items()} == {
        "Ann Lee": "1990-04-03",
        "Bo Kim": "--12-31",
        "Cy Park": None,
    }
    assert not {"birth_year", "birth_month", "birth_day"} & set(listed["Ann Lee"])
    for name, person in listed.items():
        assert cli("show", name, "--json").json()["birthday"] == person["birthday"]


@pytest.mark.postgres
def test_the_birthday_key_is_the_same_on_postgresql(cli, pg_url, tmp_path) -> None:
    sqlite_db = str(tmp_path / "same.db")
    for db in (sqlite_db, pg_url):
        for name, birthday in (("Ann Lee", "1990-04-03"), ("Bo Kim", "12-31")):
            assert cli("--db", db, "add", name, "--birthday", birthday).exit_code == 0
    on_sqlite = cli("--db", sqlite_db, "people", "--json").rows()
    on_pg = cli("--db", pg_url, "people", "--json").rows()
    assert [p["birthday"] for p in on_pg] == ["1990-04-03", "--12-31"]
    assert [p["birthday"] for p in on_sqlite] == [p["birthday"] for p in on_pg]


def test_tables_call_the_person_column_person(cli) -> None:
    """due, promises, asks, who-knows, drift and balance all head it "person"."""
    day = "2026-11-22"
    assert cli("add", "Ann Lee", "--knows", "cars", "--every", "1w", today=day).exit_code == 0
    assert cli("promise", "ann", "send the deck", "--by", "2026-11-23", today=day).exit_code == 0
    assert cli("ask", "ann", "advice", today=day).exit_code == 0
    for args in (["due", "--all"], ["promises"], ["asks"], ["who-knows", "cars"], ["balance"]):
        run = cli(*args, today=day)
        assert run.exit_code == 0, run
        header = run.stdout.splitlines()[0].split("\t")
        assert "person" in header and not {"who", "to", "name"} & set(header), (args, header)


def test_a_calendar_day_is_named_as_one_everywhere() -> None:
    """A date-typed key is `day`, or says which day it is (`due_on`, `first_day`), or is one
    of the few named days every command shares; never `date`, `on` or a bare `birthday`."""
    shared = {"days", "last_contact", "next_due", "calendar_start"}
    text = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text(encoding="utf-8")
    odd = []
    for key, kind in re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", text, re.M):
        leaf = key.rsplit(".", 1)[-1].removeprefix("[]")
        if kind.startswith(("date", "list of date")) and not (
            leaf == "day" or leaf.endswith(("_on", "_day")) or leaf in shared
        ):
            odd.append(key)
    assert odd == []
