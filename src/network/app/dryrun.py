"""A write that can be a dry run: the same work in one transaction, never committed.

A dry run does everything a real run does (matching, inserting, recomputing) and reports
it, so what it shows is exactly what the real run would do; only the commit is missing
(and the store works on a scratch copy when the file would otherwise be created or
upgraded: a dry run writes nothing anywhere).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def in_transaction(db_path: Path, dry_run: bool, work: Callable[[Any], T]) -> T:
    """work(session) in one write transaction, committed, or never committed for a dry run."""
    from network.store import connection as db

    with db.write_session(db_path, dry_run=dry_run) as session:
        return work(session)
