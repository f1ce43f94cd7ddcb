"""Private means private, derived facts included: without --include-private an export is
exactly the export of the same network with the private entries never written.

Two networks are built by the same commands; the second leaves out the private ones.
The private commands run last, so every public row has the same id in both networks:
row ids could legitimately differ (an entry id is handed out in the order entries are
written, private or not), and this arrangement keeps them equal. What else legitimately
differs is the wall clock, which the two builds read at different moments: an entry's
`created_at` (when it was typed) and an ICS event's DTSTAMP (when the file was written).
Those two are masked; everything else must be identical, in every format.
"""

from __future__ import annotations

import re

import pytest

TODAY = "2026-12-01"

PUBLIC = [
    ("add", "Ann Lee", "--tie", "close"),
    ("add", "Bob Ray"),
    ("add", "Cy Dee", "--birthday", "12-03"),
    ("add", "Dee Fox", "--via", "Ann Lee"),
    ("log", "ann", "coffee", "--when", "2026-09-01"),
    ("give", "bob", "sent an article", "--when", "2026-08-15"),
    ("ask", "cy", "advice on a move", "--when", "2026-07-01"),
    ("answer", "cy", "granted", "--when", "2026-07-03"),
    ("promise", "bob", "send the deck", "--by", "2026-12-10"),
]

PRIVATE = [
    # later than every public contact: last contact, next due and balance would show them
    ("log", "ann", "told me a secret", "--private", "--when", "2026-11-28"),
    ("give", "bob", "covered a debt", "--private", "--points", "5", "--when", "2026-11-20"),
    ("ask", "cy", "a loan", "--private", "--when", "2026-11-25"),
    ("answer", "cy", "granted", "--when", "2026-11-26"),  # leaves a (private) thank-you owed
    ("log", "fox", "helped me out", "--private", "--received", "--when", "2026-11-27"),
    ("log", "ann", "a group dinner", "--private", "--group", "--when", "2026-11-29"),
    # an introduction made private afterwards (entries 9 and 10): its link and its
    # follow-up came from it, so they stay home with it
    ("intro", "bob", "cy", "both moving", "--when", "2026-11-21"),
    ("entry", "edit", "9", "--private"),
    ("entry", "edit", "10", "--private"),
]


def _build(cli, path, steps):
    for step in steps:
        run = cli("--db", str(path), *step, today=TODAY)
        assert run.exit_code == 0, (step, run)


def _export(cli, path, fmt, *extra):
    run = cli("--db", str(path), "export", fmt, *extra, today=TODAY)
    assert run.exit_code == 0, run
    return _unclocked(run.stdout)


def _unclocked(text: str) -> str:
    """The export with the wall-clock readings masked (see the module's docstring)."""
    text = re.sub(r'"created_at": "[^"]*"', '"created_at": "…"', text)
    return re.sub(r"(?m)^DTSTAMP:.*$", "DTSTAMP:…", text)


@pytest.fixture
def networks(cli, tmp_path):
    with_private, without = tmp_path / "with.db", tmp_path / "without.db"
    _build(cli, with_private, PUBLIC + PRIVATE)
    _build(cli, without, PUBLIC)
    return with_private, without


@pytest.mark.parametrize("fmt", ["json", "csv", "ics", "vcard"])
def test_an_export_is_the_export_without_the_private_entries(cli, networks, fmt):
    with_private, without = networks
    assert _export(cli, with_private, fmt) == _export(cli, without, fmt)


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_the_private_entries_do_change_the_figures_when_included(cli, networks, fmt):
    # the comparison above means something: the private entries move these figures
    with_private, without = networks
    assert _export(cli, with_private, fmt, "--include-private") != _export(cli, without, fmt)


def test_figures_with_include_private_are_the_stored_ones(cli, networks):
    import json

    with_private, _ = networks
    doc = json.loads(_export(cli, with_private, "json", "--include-private"))
    ann = next(p for p in doc["tables"]["person"] if p["name"] == "Ann Lee")
    # a close tie's group dinner does not count as contact; the private coffee does
    assert ann["last_contact"] == "2026-11-28"
    assert ann["next_due"] == "2026-12-28"
    public = json.loads(_export(cli, with_private, "json"))
    ann = next(p for p in public["tables"]["person"] if p["name"] == "Ann Lee")
    assert (ann["last_contact"], ann["next_due"], ann["balance"]) == ("2026-09-01", "2026-10-01", 2)


def test_the_ics_detail_never_reads_a_private_figure(cli, networks):
    with_private, _ = networks
    text = re.sub(r"\r?\n ", "", _export(cli, with_private, "ics"))
    assert "2026-11-28" not in text and "2026-11-2" not in text
    assert "last contact 2026-09-01" in text


PRIVATE_INTRODUCTION = ("log", "eve", "met at a party", "--private", "--via", "ann")


@pytest.fixture
def introduced(cli, tmp_path):
    """Eve met through Ann, told only in a private entry; and the network without that entry."""
    with_private, without = tmp_path / "with.db", tmp_path / "without.db"
    _build(cli, with_private, [*PUBLIC, ("add", "Eve Gold"), PRIVATE_INTRODUCTION])
    _build(cli, without, [*PUBLIC, ("add", "Eve Gold")])
    return with_private, without


def _tag_introduction_with_its_entry(path):
    """Tag the link and loop with the entry by hand, as `log --via` records them itself now
    (the export side is tested apart from the write path)."""
    import sqlite3

    conn = sqlite3.connect(path)
    with conn:
        entry, eve = conn.execute(
            "SELECT e.id, p.id FROM entry e JOIN person p ON p.id = e.person_id "
            "WHERE p.name = 'Eve Gold' AND e.private"
        ).fetchone()
        conn.execute("UPDATE link SET entry_id = ? WHERE ? IN (a_id, b_id)", (entry, eve))
        conn.execute("UPDATE obligation SET entry_id = ? WHERE other_id = ?", (entry, eve))
    conn.close()


@pytest.mark.parametrize("fmt", ["json", "ics"])
def test_an_introduction_told_in_a_private_entry_stays_home(cli, introduced, fmt):
    # link, introducer (via_id) and the close-the-loop reminder all came from the entry
    with_private, without = introduced
    _tag_introduction_with_its_entry(with_private)
    assert _export(cli, with_private, fmt) == _export(cli, without, fmt)
    assert _export(cli, with_private, fmt, "--include-private") != _export(cli, without, fmt)


def test_a_private_log_via_keeps_the_introduction_home(cli, introduced):
    with_private, without = introduced
    assert _export(cli, with_private, "json") == _export(cli, without, "json")
