"""Values in an imported JSON document that no command could have written, refused by path.

JSON can carry what the database cannot hold or later code cannot compute with: integers
past SQLite's 64 bits, ids so large that the next one would not fit, timestamps whose
conversion to UTC overflows, strings of many megabytes, nesting deep enough to exhaust
the parser's stack. Each becomes one error naming where it is ("entry row 3, created_at"),
before any row reaches the database. Column rules (lengths, ties, flows) stay with the
rows' own checks (store.writes.document.check_row).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from network.common.dates import EARLIEST, LATEST
from network.domain.contacts import ImportProblem

# SQLite stores integers in 64 bits, signed.
INT64 = 2**63
# Ids stay below 2**53, the largest integer every JSON reader keeps exact; and far enough
# below 2**63 that the next id after the largest one still fits.
MAX_ID = 2**53
# No field holds more (the longest, notes, holds 5,000): anything this long is not data.
MAX_STRING = 1_000_000
MAX_KEY = 64  # a column name
# The document is four deep (tables, a table, a row, a value): anything far deeper is
# refused before the parser's stack runs out.
MAX_DEPTH = 32
_HINT = "fix that value in the file (an export of network never holds it), then import again"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?"
)


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most] + "…"


def loads(path: Path, text: str) -> Any:
    """json.loads, with nesting too deep for the parser as one error naming where it is."""
    try:
        return json.loads(text)
    except RecursionError:
        where, line = _too_deep(text)
        raise ImportProblem(
            f"{path}: the JSON is nested more than {MAX_DEPTH} deep at {where} (line {line})",
            _HINT,
        ) from None


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


def _too_deep(text: str) -> tuple[str, int]:
    """The path and line where the nesting first passes MAX_DEPTH."""
    stack: list[list[Any]] = []  # [bracket, key or index]
    last = ""
    for token in _TOKENS.finditer(text):
        t = token.group()
        if t[0] == '"':
            last = t
        elif t == ":" and stack and stack[-1][0] == "{":
            stack[-1][1] = _short(json.loads(last))
        elif t == "," and stack and stack[-1][0] == "[":
            stack[-1][1] += 1
        elif t in "[{":
            stack.append([t, 0 if t == "[" else None])
            if len(stack) > MAX_DEPTH:
                return _path(stack[:-1]), text.count("\n", 0, token.start()) + 1
        elif t in "]}" and stack:
            stack.pop()
    return "$", 1


def _path(stack: list[list[Any]]) -> str:
    parts = [f"[{k}]" if b == "[" else f".{k}" for b, k in stack]
    shown = "".join(parts[:8]) + ("…" if len(parts) > 8 else "")
    return "$" + shown


def check(path: Path, tables: dict[str, list[Any]]) -> None:
    """Raise ImportProblem for the first value no network database could hold."""
    for table, rows in tables.items():
        for number, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                continue  # the row checks say "not an object"
            for key, value in row.items():
                problem = _problem(key, value)
                if problem:
                    raise ImportProblem(
                        f"{path}: {table} row {number}, {_short(key)}: {problem}", _HINT
                    )


def _problem(key: str, value: Any) -> str | None:
    if len(key) > MAX_KEY:
        return f"a column name of {len(key):,} characters"
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if key == "id" or key.endswith("_id"):
            if not 0 < value < MAX_ID:
                return f"the id {_short(str(value))} is not between 1 and {MAX_ID:,}"
        elif not -INT64 <= value < INT64:
            return f"{_short(str(value))} does not fit in 64 bits"
        return None
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            return f"a text of {len(value):,} characters (no field holds more than {MAX_STRING:,})"
        if 10 <= len(value) <= 40 and value[:1].isdigit():
            return _date_problem(value)
    return None


def _date_problem(value: str) -> str | None:
    """A date or timestamp outside 1900–2200, or one whose UTC time cannot be computed."""
    if value[:4].isdigit() and EARLIEST.year < int(value[:4]) < LATEST.year:
        return None  # the common case, cheaply: no zone moves such a moment past the range
    if _DATE.fullmatch(value):
        year = int(value[:4])
    elif _TIMESTAMP.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC)
        except ValueError:
            return None  # not a timestamp after all: the row's own checks say what it is
        except OverflowError:  # 9999-12-31T23:59:59-05:00 is in the year 10000 in UTC
            year = 0
        else:
            year = moment.year
    else:
        return None
    if not EARLIEST.year <= year <= LATEST.year:
        return f"{value} is outside the years {EARLIEST.year}–{LATEST.year}"
    return None
