"""Capture and the review queue as messages, tables or JSON."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from network.cli.views import output


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr, at a terminal only (a pipe or cron gets nothing)."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=max(total, 1))
        yield lambda n: bar.update(task, completed=n)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def captured(result: Any, *, as_json: bool) -> None:
    """What a capture did: JSON on stdout with --json; the counts on stderr."""
    if as_json:
        output.emit_json(result.to_json())
    what = ("message", "messages") if result.source == "mail" else ("event", "events")
    own = ", ".join(result.own)
    output.message(f"Your addresses ({result.own_from}): {own}")
    counts = (
        f"{_count(result.read, *what)} read: {_count(result.entries, 'entry', 'entries')} "
        f"for {_count(result.people, 'person', 'people')}, {result.queued:,} to review "
        f"({_count(result.queued_addresses, 'address', 'addresses')})"
    )
    if result.links:
        counts += f", {_count(result.links, 'new link', 'new links')}"
    if result.dry_run:
        output.message(
            f"Dry run, nothing was written. Capturing {result.path} would give: {counts}."
        )
    else:
        output.message(f"Captured {result.path}: {counts}.")
    if result.skipped:
        output.message(
            "Skipped: " + ", ".join(f"{n:,} {cause}" for cause, n in result.skipped.items()) + "."
        )
    if result.queued and not result.dry_run:
        output.message("See who is waiting with: network inbox")


def inbox(result: Any, *, as_json: bool) -> None:
    """The review queue as a table (or JSON)."""
    if as_json:
        output.emit_json(result.to_json())
        return
    if not result.addresses:
        output.message(
            "Nothing to review: what capture could not place waits here "
            "(network capture mail PATH, network capture calendar PATH)."
        )
        return
    rows = []
    for w in result.addresses:
        note = "proposed: new person" if w.proposed else ("several people" if w.ambiguous else "")
        rows.append(
            [
                w.address,
                w.name or "",
                w.waiting,
                w.sent,
                w.received,
                w.met,
                w.first_day,
                w.last_day,
                note,
            ]
        )
    output.table(
        ["address", "name", "items", "sent", "received", "met", "first", "last", "note"],
        rows,
        whole=("first", "last"),
        caption="Place one: network inbox accept ADDRESS --as PERSON | --new NAME; "
        "or network inbox ignore ADDRESS",
    )


def accepted(result: Any, *, as_json: bool) -> None:
    """What accept placed."""
    if as_json:
        output.emit_json(result.to_json())
        return
    who = f"{result.name} (added)" if result.added else result.name
    output.message(
        f"{result.address} is {who}: {output.plural(result.entries, 'entry', 'entries')} logged"
        + (", address remembered." if result.remembered else ".")
    )


def ignored(result: Any, *, as_json: bool) -> None:
    """What ignore did."""
    if as_json:
        output.emit_json(result.to_json())
        return
    already = " (it already was)" if result.already else ""
    output.message(
        f"Ignoring {result.address}{already}: "
        f"{output.plural(result.dropped, 'waiting item')} removed; later captures skip it."
    )
