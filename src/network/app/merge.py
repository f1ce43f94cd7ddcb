"""Merging two records of one person, and finding likely duplicates: the use cases.

The rule for the fields is `domain.merging`, the SQL `store.writes.merge`; "is this the
same person?" is `domain.contacts`. Only light modules are imported here at module level:
the CLI names these result types while it builds `--help`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from network.app.results import Result, doc, view_only


@dataclass
class Merged(Result):
    """What `merge` moved from OTHER to KEEP and changed (with --dry-run: what it would)."""

    dry_run: bool = doc("true when nothing was changed")
    keep: str = doc("the name of the record kept")
    other: str = doc("the name of the record merged into it and removed")
    moved: dict[str, int] = doc("rows moved from OTHER to KEEP, by table")
    filled: list[str] = doc("KEEP's fields filled from OTHER")
    kept_in_notes: list[str] = doc("OTHER's differing values, written into KEEP's notes")
    result: dict[str, Any] = doc("KEEP after the merge: every person column")


def merge(db_path: Path, keep: str, other: str, *, dry_run: bool = False) -> Merged:
    """Move OTHER's history, strengths, links and fields to KEEP and delete OTHER."""
    from network.app.dryrun import in_transaction
    from network.store import connection as db
    from network.store.reads import people as queries
    from network.store.writes import merge as merging

    def work(session: Any) -> merging.MergeReport:
        reader = db.SessionReader(session)
        keep_id, _ = queries.find_person(reader, keep)
        other_id, _ = queries.find_person(reader, other)
        return merging.merge(session, keep_id, other_id)

    report = in_transaction(db_path, dry_run, work)
    return Merged(
        dry_run=dry_run,
        keep=report.keep,
        other=report.other,
        moved=report.moved,
        filled=report.filled,
        kept_in_notes=report.kept_in_notes,
        result=report.result,
    )


@dataclass
class Look:
    """One side of a likely duplicate."""

    id: int = doc("the person's id (merge with p12, for id 12)")
    name: str = doc("their name")
    company: str | None = view_only(default=None)
    email: str | None = view_only(default=None)


@dataclass
class Pair:
    """Two records that look like one person."""

    a: Look = doc("the older record")
    b: Look = doc("the newer record")
    why: list[str] = doc(
        'why they look alike, strongest first ("same e-mail", "same phone", "same name", …)'
    )


@dataclass
class Dupes(Result):
    """People who are likely the same person, the most certain pairs first."""

    JSON_ROOT = "pairs"
    pairs: list[Pair] = doc("the pairs")


def dupes(db_path: Path) -> Dupes:
    """Pairs of people who look like one person: any e-mail, phone or profile URL in common
    (every one they have, not only the primary), the same UID, or the same name."""
    from network.domain.contacts import likely_duplicates
    from network.store import connection as db
    from network.store.reads.dupes import people_for_dupes, shared_points

    with db.reading(db_path) as reader:
        pairs = likely_duplicates(people_for_dupes(reader), shared_points(reader))
    return Dupes(
        [Pair(_look(p["a"]), _look(p["b"]), p["why"]) for p in pairs],
    )


def _look(person: dict[str, Any]) -> Look:
    return Look(person["id"], person["name"], person.get("company"), person.get("email"))
