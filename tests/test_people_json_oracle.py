"""`people --json` against the slow, obvious computation: every person's object built from
their stored row and their whole ledger walked in Python, with no query of the listing's.

The streamed listing takes shortcuts (SQLite writes the objects, one GROUP BY keeps only the
people who could be leaning or one-sided, the red-flag asks are read apart and the signals
written on a second thread); this computes the same document the long way round, so a
shortcut that drops or changes anything shows here.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from network.domain import signals

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import generate  # noqa: E402

TODAY = date(2026, 11, 22)

# The object's keys in order, as docs/json.md lists them for `people`.
KEYS = [
    "id",
    "name",
    "email",
    "phone",
    "company",
    "title",
    "location",
    "url",
    "met",
    "prefers",
    "notes",
    "tie",
    "cadence_days",
    "birthday",
    "archived",
    "created_on",
    "last_contact",
    "next_due",
    "balance",
    "nickname",
    "labels",
    "connected_on",
    "via_id",
]


def _birthday(row: sqlite3.Row) -> str | None:
    if row["birth_month"] is None:
        return None
    year = f"{row['birth_year']:04d}-" if row["birth_year"] else "--"
    return f"{year}{row['birth_month']:02d}-{row['birth_day']:02d}"


def _day(text: str | None) -> str | None:
    return None if text is None else str(text)[:10]


def _facts(row: sqlite3.Row, ledger: list[sqlite3.Row]) -> signals.Facts:
    """The rules' facts from one person's whole ledger, oldest first."""
    year = TODAY - timedelta(days=signals.YEAR_DAYS)
    recent = TODAY - timedelta(days=signals.LEANING_DAYS)
    facts = signals.Facts(balance=row["balance"])
    running = 0  # the balance before each entry, summed from the first
    for e in ledger:
        day = date.fromisoformat(_day(e["day"]))
        if day >= year:
            facts.deposits_year += e["flow"] == "deposit"
            facts.withdrawals_year += e["flow"] == "withdrawal"
            if e["flow"] == "withdrawal" and not e["received"] and day >= recent:
                facts.asks_recent += 1
            if e["status"] in ("declined", "open") and signals.is_snub(
                e["points"], e["status"], (TODAY - day).days, running
            ):
                word = "declined" if e["status"] == "declined" else "never answered"
                facts.snubbed.append((day, e["status"], e["id"], f'"{e["summary"]}" {word}'))
        running += e["points"] if e["flow"] == "deposit" else -e["points"]
    assert running == row["balance"], row["name"]  # the stored balance is the ledger's
    # a reason names the first three, by day, then declined before open, then as entered
    facts.snubbed = [text for *_, text in sorted(facts.snubbed)]
    return facts


def oracle(path: Path, *, archived: bool = False, roster: bool = False) -> list[dict]:
    """Everyone the listing shows, sorted by name, each object built by hand."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    ledgers: dict[int, list[sqlite3.Row]] = {}
    for e in conn.execute("SELECT * FROM entry ORDER BY day, id"):
        ledgers.setdefault(e["person_id"], []).append(e)
    out = []
    for row in conn.execute("SELECT * FROM person ORDER BY name_key, id"):
        if (row["archived"] and not archived) or (row["tie"] == "roster" and not roster):
            continue
        person = {key: row[key] for key in KEYS if key != "birthday"}
        person["birthday"] = _birthday(row)
        person["archived"] = bool(row["archived"])
        for key in ("created_on", "last_contact", "next_due", "connected_on"):
            person[key] = _day(row[key])
        found = signals.evaluate(_facts(row, ledgers.get(row["id"], [])))
        person["signals"] = [{"signal": s.name, "reason": s.reason} for s in found]
        out.append({key: person[key] for key in [*KEYS, "signals"]})
    conn.close()
    return out


@pytest.fixture
def network(isolated_db: Path, cli) -> Path:
    """A generated network of a few hundred people, and some made by hand through the CLI:
    contact points, birthdays with and without a year, an archived person, awkward text."""
    generate.generate(isolated_db, 400, 8_000, today=TODAY)
    made = [
        ("add", "Zoë \"Q\" Back\\slash", "--email", "zoe@a.example", "--email",
         "zoe@b.example", "--phone", "+1 555 0100", "--note", "one\ntwo\tthree",
         "--birthday", "04-03", "--tie", "close"),
        ("add", "Ada Birthyear", "--birthday", "1990-02-28", "--company", "日本 & <Co>"),
        ("add", "Archie Ved", "--tie", "casual", "--every", "2w"),
        ("archive", "Archie Ved"),
        ("give", "Ada Birthyear", "an article", "--when", "2026-11-01"),
    ]  # fmt: skip
    for args in made:
        run = cli(*args, today=TODAY.isoformat())
        assert run.exit_code == 0, (args, run.output)
    return isolated_db


def document(objects: list[dict], more: int = 0) -> str:
    """The listing's envelope around the objects, as `people --json` prints it into a pipe."""
    whole = {"items": objects, "count": len(objects), "more": more}
    return json.dumps(whole, ensure_ascii=False) + "\n"


def test_the_network_has_what_the_comparison_needs(network):
    """Each signal, birthdays with and without a year, archived people, the roster and
    contact points: otherwise the comparison below could not catch their loss."""
    everyone = oracle(network, archived=True, roster=True)
    kinds = Counter(s["signal"] for p in everyone for s in p["signals"])
    assert set(kinds) == {"overdrawn", "red_flag", "leaning", "one_sided"}, kinds
    birthdays = [p["birthday"] for p in everyone if p["birthday"]]
    assert any(b.startswith("--") for b in birthdays)
    assert any(not b.startswith("--") for b in birthdays)
    assert any(p["archived"] for p in everyone)
    assert any(p["tie"] == "roster" for p in everyone)
    with sqlite3.connect(network) as conn:
        assert conn.execute("SELECT count(*) FROM contact_point").fetchone()[0] >= 3


def _read_by(road: str, monkeypatch) -> list:
    """Where the signal facts are read: here, in a child process (as for a large file), or
    here after the child failed. Returns what the child answered, as it comes."""
    import os

    from network.app import parallel

    answers: list = []
    if road != "here":
        monkeypatch.setattr(parallel, "LARGE_FILE", 0)
        monkeypatch.setattr(parallel, "busy", lambda: False)  # whatever else the machine runs
        result = parallel.ParallelRead.result

        def recorded(self):
            found = result(self)
            answers.append(found)
            return found

        monkeypatch.setattr(parallel.ParallelRead, "result", recorded)
    if road == "failed child":
        monkeypatch.setattr(parallel, "answer", lambda *args: os._exit(1))
    return answers


@pytest.mark.parametrize("road", ["here", "child", "failed child"])
@pytest.mark.parametrize("few", [0, 100_000])
@pytest.mark.parametrize(
    "flags",
    [(), ("--all",), ("--archived",), ("--all", "--archived")],
)
def test_people_json_is_the_obvious_computation(network, cli, monkeypatch, flags, few, road):
    """By both roads to the signals: reciprocity.few() people or fewer have their ledgers
    read by id, a longer listing the year's ledger once; and wherever they are read."""
    from network.app import reciprocity

    monkeypatch.setattr(reciprocity, "few", lambda db: few)
    answers = _read_by(road, monkeypatch)
    run = cli("people", "--json", *flags, today=TODAY.isoformat())
    assert run.exit_code == 0, run.output
    if road == "child":  # the child's answer was the one used
        assert answers and answers[0] is not None
    if road == "failed child":
        assert answers and all(a is None for a in answers)
    expected = oracle(network, archived="--archived" in flags, roster="--all" in flags)
    assert run.stdout == document(expected)


@pytest.mark.parametrize("sort", ["last", "balance", "due"])
def test_each_sort_lists_the_same_objects_in_its_order(network, cli, sort):
    """Ties within a sort key have no order of their own: the objects must be the same and
    the key must never go backwards."""
    run = cli("people", "--json", "--all", "--sort", sort, today=TODAY.isoformat())
    assert run.exit_code == 0, run.output
    listed = run.rows()
    expected = oracle(network, roster=True)
    assert sorted(map(json.dumps, listed)) == sorted(map(json.dumps, expected))
    key = {
        "last": lambda p: (p["last_contact"] is None, [-ord(c) for c in p["last_contact"] or ""]),
        "balance": lambda p: -p["balance"],
        "due": lambda p: (p["next_due"] is None, p["next_due"] or ""),
    }[sort]
    keys = [key(p) for p in listed]
    assert keys == sorted(keys)


def test_limit_and_tie_cut_the_same_document(network, cli):
    run = cli("people", "--json", "--tie", "close", "--limit", "7", today=TODAY.isoformat())
    assert run.exit_code == 0, run.output
    close = [p for p in oracle(network) if p["tie"] == "close"]
    assert run.stdout == document(close[:7], more=len(close) - 7)


@pytest.mark.parametrize("few", [0, 100_000])
def test_the_typed_listing_has_the_same_signals_by_either_road(network, monkeypatch, few):
    """The table's listing reads a short listing's ledgers by id and a long one's in one
    pass over the year (reciprocity.few decides): both give the obvious computation's."""
    from network import app
    from network.app import reciprocity

    monkeypatch.setattr(reciprocity, "few", lambda db: few)
    result = app.people.people(network, archived=True, roster=True, today=TODAY).to_json()
    listed = result["items"]
    expected = oracle(network, archived=True, roster=True)
    assert json.dumps(listed, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_the_table_shows_the_signals(network, cli):
    run = cli("people", "--tie", "close", today=TODAY.isoformat())
    assert run.exit_code == 0, run.output
    flagged = [p for p in oracle(network) if p["tie"] == "close" and p["signals"]]
    assert flagged
    for person in flagged:
        words = ", ".join(s["signal"].replace("_", "-") for s in person["signals"])
        assert any(person["name"] in line and words in line for line in run.stdout.splitlines())


def test_people_with_many_small_asks_by_the_long_road(network, cli, monkeypatch):
    """Past MANY_ASKS red-flag asks a person's facts come from obligations.signal_facts."""
    from network.app import reciprocity
    from network.store.reads import people as queries

    monkeypatch.setattr(reciprocity, "few", lambda db: 0)
    monkeypatch.setattr(queries, "MANY_ASKS", 0)
    run = cli("people", "--json", "--all", "--archived", today=TODAY.isoformat())
    assert run.exit_code == 0, run.output
    assert run.stdout == document(oracle(network, archived=True, roster=True))


@pytest.mark.parametrize("sort", ["name", "last", "balance", "due"])
def test_the_first_n_are_the_whole_listings_first_n(network, cli, sort):
    """-n has SQLite write only the first N objects and count the rest: the same objects,
    signals included, as the first N of the whole listing, and `more` the rest."""
    whole = cli("people", "--json", "--all", "--sort", sort, today=TODAY.isoformat()).rows()
    for n in (1, 7, len(whole), len(whole) + 5):
        run = cli(
            "people", "--json", "--all", "--sort", sort, "-n", str(n), today=TODAY.isoformat()
        )
        assert run.exit_code == 0, run.output
        assert run.rows() == whole[:n]
        assert run.json()["more"] == max(0, len(whole) - n)
    flagged = [p for p in whole[:40] if p["signals"]]
    assert flagged, "the first rows must carry signals for the comparison to mean anything"
