"""What TAB completion reads: names and open items, on the standard library's sqlite3 alone.

Completion starts the program on every TAB, so it pays for nothing else: no SQLAlchemy, no
migrations, no Reader. The file is opened read-only and never created; a database that is
missing, locked, older or newer than this program simply completes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from network.common.text import fold
from network.domain import names as matching

LIMIT = 40  # more than a terminal shows usefully
FUZZY_SCAN = 50_000  # past this many names, a misspelling is not worth the wait
_ORDER = (
    "CASE tie WHEN 'close' THEN 0 WHEN 'casual' THEN 1 ELSE 2 END, "
    "last_contact IS NULL, last_contact DESC, name_key, id"
)


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection, or None when there is no usable database at path."""
    if not path.is_file():
        yield None
        return
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        yield None
        return
    with closing(conn):
        yield conn


def _rows(path: Path, sql: str, params: dict[str, Any]) -> list[tuple]:
    with _reading(path) as conn:
        if conn is None:
            return []
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error:  # locked, not ours, or a schema this program does not know
            return []


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def people(path: Path, incomplete: str) -> list[matching.Choice]:
    """People whose name, or a word of it, starts with what was typed, the likeliest
    first (close and casual ties, then recent contacts); failing that, the names that
    look like a misspelling of it."""
    key = fold(incomplete)
    columns = "id, name, tie, last_contact, company"
    if not key:
        sql = f"SELECT {columns} FROM person WHERE archived = 0 ORDER BY {_ORDER} LIMIT {LIMIT}"
        params: dict[str, Any] = {}
    else:
        sql = (
            f"SELECT {columns} FROM person WHERE name_key LIKE :start ESCAPE '\\' "
            f"OR name_key LIKE :word ESCAPE '\\' ORDER BY archived, {_ORDER} LIMIT {LIMIT}"
        )
        params = {"start": _like(key) + "%", "word": "% " + _like(key) + "%"}
    found = [_choice(row) for row in _rows(path, sql, params)]
    if found or not key:
        return found
    # The rarer roads, each on a shortlist SQLite makes: a word the LIKE above cannot see
    # ("obr" for O'Brien: the name without spaces or punctuation holds it), then a
    # misspelling among the names with a word of the same first letter (a TAB must not
    # wait for difflib over every name; `find_person` itself still weighs everyone).
    squashed = "".join(ch for ch in key if ch.isalnum())
    bare = "replace(replace(replace(replace(name_key, ' ', ''), '-', ''), '''', ''), '.', '')"
    sql = (
        f"SELECT {columns} FROM person WHERE archived = 0 AND {bare} LIKE :inside ESCAPE '\\' "
        f"ORDER BY {_ORDER} LIMIT {FUZZY_SCAN}"
    )
    shortlist = _rows(path, sql, {"inside": "%" + _like(squashed) + "%"}) if squashed else []
    by_name = {row[1]: row for row in shortlist}
    found_names = matching.word_matches(incomplete, list(by_name))[:LIMIT]
    if not found_names:
        sql = (
            f"SELECT {columns} FROM person WHERE archived = 0 AND (name_key LIKE :first "
            f"ESCAPE '\\' OR name_key LIKE :word ESCAPE '\\') ORDER BY {_ORDER} "
            f"LIMIT {FUZZY_SCAN}"
        )
        first = _like(key[0])
        alike = _rows(path, sql, {"first": first + "%", "word": "% " + first + "%"})
        by_name = {row[1]: row for row in alike}
        found_names = matching.fuzzy_candidates(incomplete, list(by_name), n=5)
    return [_choice(by_name[name]) for name in found_names]


def _choice(row: tuple) -> matching.Choice:
    from datetime import date

    last = date.fromisoformat(str(row[3])[:10]) if row[3] else None
    return matching.Choice(row[0], row[1], row[2], last, row[4])


def open_asks(path: Path) -> list[tuple[int, str, str]]:
    """(entry id, person, summary) of every ask still waiting for an answer, newest first."""
    return _rows(
        path,
        "SELECT e.id, p.name, e.summary FROM entry e JOIN person p ON p.id = e.person_id "
        f"WHERE e.status = 'open' ORDER BY e.day DESC, e.id DESC LIMIT {LIMIT}",
        {},
    )


def open_obligations(path: Path) -> list[tuple[int, str, str, str]]:
    """(obligation id, kind, person, summary) of everything still owed, soonest first."""
    return _rows(
        path,
        "SELECT o.id, o.kind, p.name, o.summary FROM obligation o "
        "JOIN person p ON p.id = o.person_id WHERE o.done_on IS NULL "
        f"ORDER BY o.due_on IS NULL, o.due_on, o.id LIMIT {LIMIT}",
        {},
    )
