"""The rhythm per tie in effect: the settings file's, applied when a database file is opened.

Someone without their own --every is kept up at their tie's rhythm (close 30 days, casual
90, unless the settings say otherwise: `[cadence]` in the settings file). Rules and queries
read the one table in `domain.cadence`; this module fills it from the settings.

Each person's next due day is stored (and indexed: `due` reads a range of it), computed with
the rhythm of the moment. So the file remembers the rhythms its stored days were computed
with (`meta`, key `tie_cadence`; absent means the defaults), and when the settings differ
the stored days of the people concerned are recomputed once, in one transaction: no
command ever reads days computed with the old rhythm beside days computed with the new.
That recomputation follows from the settings, not from a command, so it is no undo step
(undoing a command must not bring the old rhythm back). A read-only file, or a dry run,
is not rewritten: the days are recomputed the next time the file is opened for writing.

A shared PostgreSQL database is everyone's: its days follow the default rhythms.
"""

from __future__ import annotations

import json
import sqlite3

from network.domain import cadence

META_KEY = "tie_cadence"


def apply(conn: sqlite3.Connection, *, rewrite: bool = True) -> None:
    """Make the settings' rhythms the ones in effect, and bring the file's stored next due
    days in step with them (unless `rewrite` is off: a dry run writes nothing)."""
    from network.common import config

    days = config.load().tie_cadence
    cadence.use_tie_cadence(days)
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    stored = _stored(row[0] if row else None)
    changed = [tie for tie, n in days.items() if stored.get(tie) != n]
    if not changed or not rewrite:
        return
    # Never wait for another writer here (a long import would hold `due` for up to a
    # minute): if the file is busy, this command reads the days as stored, and the next
    # command to find it free brings them in step.
    (timeout,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return  # read-only, or another writer has it
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    try:
        last_log = conn.execute("SELECT coalesce(max(seq), 0) FROM undo_log").fetchone()[0]
        for tie in changed:
            # as store.writes.ledger.refresh_people computes it: the last contact (or the
            # day they were added) plus the rhythm; archived people are never due
            conn.execute(
                "UPDATE person SET next_due = date(COALESCE(last_contact, created_on), ?) "
                "WHERE tie = ? AND cadence_days IS NULL AND archived = FALSE",
                (f"+{days[tie]} days", tie),
            )
        conn.execute("DELETE FROM undo_log WHERE seq > ? AND step IS NULL", (last_log,))
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (META_KEY, json.dumps(days, sort_keys=True)),
        )
        conn.execute("COMMIT")
    except sqlite3.OperationalError:
        conn.execute("ROLLBACK")  # read-only after all: nothing changed


def _stored(value: str | None) -> dict[str, int | None]:
    """The rhythms the stored days were computed with (the defaults when never changed)."""
    if value:
        try:
            found = json.loads(value)
            if isinstance(found, dict):
                return found
        except ValueError:
            pass
    return dict(cadence.DEFAULT_TIE_CADENCE)
