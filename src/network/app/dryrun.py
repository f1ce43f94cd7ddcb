"""A write that can be a dry run: the same work in one transaction, rolled back at the end.

A dry run does everything a real run does (matching, inserting, recomputing) and reports
it, so what it shows is exactly what the real run would do; only the commit is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class _DryRun(Exception):
    """Raised inside a write session to roll a dry run back, carrying its result."""

    def __init__(self, result: Any) -> None:
        self.result = result


def in_transaction(db_path: Path, dry_run: bool, work: Callable[[Any], T]) -> T:
    """work(session) in one write transaction, committed, or rolled back for a dry run."""
    from network.store import connection as db

    try:
        with db.write_session(db_path) as session:
            result = work(session)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as done:
        return done.result
    return result
