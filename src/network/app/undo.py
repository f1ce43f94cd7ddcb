"""Undo: the last command that wrote, put back in one transaction (see docs/undo.md).

`last` says what `undo` would revert (the CLI shows it and asks); `undo` reverts the
step it was shown, and refuses if another command wrote in between; `history` lists
what can be undone, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from network.app.results import Result, doc
from network.common.errors import NetworkError


class NothingToUndo(NetworkError):
    """The undo history is empty."""

    def __init__(self) -> None:
        super().__init__(
            "nothing to undo",
            "undo reverts the commands that wrote, newest first (the last 100 are kept)",
        )


class UndoMoved(NetworkError):
    """Another command wrote between showing what to undo and undoing it."""


@dataclass
class UndoStep(Result):
    """One command that can be undone."""

    id: int = doc("The step's number (0: changes no command named, gathered on the way).")
    description: str = doc('What the command did ("log: coffee chat with Alice Chen").')
    created_at: str = doc("When it was written (UTC, `YYYY-MM-DD HH:MM:SS`).")
    changes: int = doc("How many rows it changed.")


@dataclass
class UndoHistory(Result):
    """What `undo` can revert, newest first."""

    JSON_ROOT = "steps"

    steps: list[UndoStep] = doc("The steps, newest (the next to undo) first.")


@dataclass
class Undone(Result):
    """The command `undo` reverted."""

    id: int = doc("The step's number.")
    description: str = doc("What the command had done.")
    changes: int = doc("How many row changes were put back.")
    next: str | None = doc("What the next `undo` would revert, or null.")


def _steps(reader: object, limit: int) -> list[UndoStep]:
    from network.store import undo as store

    return [UndoStep(**vars(s)) for s in store.steps(reader, limit)]


def history(db_path: Path) -> UndoHistory:
    """The undo history, newest first (it holds at most store.undo.DEPTH steps)."""
    from network.store import connection
    from network.store import undo as store

    with connection.reading(db_path) as reader:
        return UndoHistory(steps=_steps(reader, store.DEPTH))


def last(db_path: Path) -> UndoStep:
    """What the next `undo` would revert; NothingToUndo when nothing can be."""
    from network.store import connection

    with connection.reading(db_path) as reader:
        found = _steps(reader, 1)
    if not found:
        raise NothingToUndo()
    return found[0]


def undo(db_path: Path, *, expect: UndoStep | None = None) -> Undone:
    """Revert the newest step in one transaction; with `expect`, only if it is that step."""
    from network.store import connection
    from network.store import undo as store

    with connection.write_session(db_path) as session:
        reader = connection.SessionReader(session)
        found = _steps(reader, 2)
        if not found:
            raise NothingToUndo()
        step = found[0]
        if expect is not None and (step.id, step.description) != (expect.id, expect.description):
            raise UndoMoved(
                f'another command wrote since: the last one is now "{step.description}"',
                "run network undo again to see what it would revert; nothing was changed",
            )
        changes = store.undo_step(session, step.id)
    return Undone(
        id=step.id,
        description=step.description,
        changes=changes,
        next=found[1].description if len(found) > 1 else None,
    )
