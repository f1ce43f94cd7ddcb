"""Read-side SQL for capture: what was read before, the review queue, ignored addresses."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from network.store.connection import Reader
from network.store.reads.people import in_clause, parse_dates

_CHUNK = 500


def seen(db: Reader, source: str, refs: Iterable[str]) -> set[str]:
    """Which of these keys (Message-IDs, event keys, person-thread-days) were read before."""
    wanted = sorted(set(refs))
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        marks, params = in_clause(wanted[start : start + _CHUNK], "r")
        rows = db.rows(
            f"SELECT ref FROM capture_seen WHERE source = :source AND ref IN ({marks})",
            {"source": source, **params},
        )
        found.update(r["ref"] for r in rows)
    return found


def ignored(db: Reader) -> set[str]:
    """Every address `inbox ignore` set aside."""
    return {r["address"] for r in db.rows("SELECT address FROM capture_ignored")}


def queue(db: Reader) -> list[dict]:
    """The review queue by address: the name seen, counts each way, first and last day."""
    rows = db.rows(
        "SELECT address, max(name) AS name, count(*) AS items, min(day) AS first_day, "
        "max(day) AS last_day, "
        "sum(sent) AS sent, sum(received) AS received, "
        "sum(CASE WHEN direction = 'met' THEN 1 ELSE 0 END) AS met, "
        "max(CASE WHEN ambiguous = TRUE THEN 1 ELSE 0 END) AS ambiguous "
        "FROM capture_item GROUP BY address ORDER BY address"
    )
    for row in rows:
        for key in ("first_day", "last_day"):
            if isinstance(row[key], str):
                row[key] = date.fromisoformat(row[key][:10])
    return rows


def items(db: Reader, address: str) -> list[dict]:
    """The queued items of one address, oldest first."""
    rows = db.rows(
        "SELECT id, address, name, source, direction, day, at, thread, summary, is_group "
        "FROM capture_item WHERE address = :address ORDER BY day, id",
        {"address": address},
    )
    return [parse_dates(r) for r in rows]


def meetings_on(db: Reader, day: date) -> list[dict]:
    """Captured meetings on a day with people still in the network, and whether anything
    was logged with them since (a deposit with points, on that day or later)."""
    rows = db.rows(
        "SELECT e.person_id, p.name, max(e.summary) AS summary, "
        "max(CASE WHEN EXISTS (SELECT 1 FROM entry f WHERE f.person_id = e.person_id "
        "AND f.day >= :day AND f.points > 0) THEN 1 ELSE 0 END) AS logged "
        "FROM entry e JOIN person p ON p.id = e.person_id "
        "WHERE e.day = :day AND e.kind = 'meeting' AND e.points = 0 AND p.archived = FALSE "
        "GROUP BY e.person_id, p.name ORDER BY p.name",
        {"day": day.isoformat()},
    )
    return rows
