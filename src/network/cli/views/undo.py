"""Undo on screen: the question, what was reverted, and the history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.cli.views import output

if TYPE_CHECKING:
    from network.app.undo import UndoHistory, Undone, UndoStep


def _when(step: UndoStep) -> str:
    return f" at {step.created_at[:16]} UTC" if step.created_at else ""


def what(step: UndoStep) -> str:
    """The step in words: `"log: coffee with Alice Chen" (3 changes at 2026-12-06 10:42 UTC)`."""
    return f'"{step.description}" ({_changes(step.changes)}{_when(step)})'


def question(step: UndoStep) -> str:
    """The confirmation asked on a terminal."""
    return f"Undo {what(step)}?"


def _changes(n: int) -> str:
    return f"{n} change" if n == 1 else f"{n} changes"


def undone(result: Undone) -> None:
    """What was reverted, and what the next undo would revert."""
    output.message(f'Undid "{result.description}" ({_changes(result.changes)}).')
    if result.next:
        output.message(f'Next undo would revert "{result.next}".')
    else:
        output.message("Nothing more to undo.")


def history(result: UndoHistory) -> None:
    """The steps that can be undone, the next one first."""
    if not result.steps:
        output.message("Nothing to undo.")
        return
    output.table(
        ["#", "when (UTC)", "changes", "what"],
        [[s.id or "", s.created_at[:16], s.changes, s.description] for s in result.steps],
        caption="network undo reverts the first line",
    )
