"""Import, export, merge and dupes results as messages, tables or JSON."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from network.cli.views import output
from network.domain.names import person_ref

SHOWN_PROBLEMS = 20
PROGRESS_FROM_BYTES = 256 * 1024


@contextmanager
def progress(size: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for large files at a terminal; a no-op otherwise."""
    if size < PROGRESS_FROM_BYTES or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    estimate = max(1, size // 120)  # rows, roughly, until the real count is known
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=estimate)
        yield lambda n: bar.update(task, completed=n, total=max(estimate, n))


def problems(bad: list[Any], heading: str) -> None:
    """The first rows that could not be read, and how many more."""
    output.message(heading)
    for problem in bad[:SHOWN_PROBLEMS]:
        output.message(f"  {problem.where}: {problem.reason}")
    if len(bad) > SHOWN_PROBLEMS:
        output.message(f"  … and {len(bad) - SHOWN_PROBLEMS} more")


def malformed(exc: Any) -> None:
    """The malformed rows that stopped an import (the error line follows from the guard)."""
    n = len(exc.bad)
    problems(exc.bad, f"{n} malformed {'row' if n == 1 else 'rows'} in {exc.path}:")


def refused(exc: Any, *, as_json: bool) -> None:
    """With --json, the summary of a refused import on stdout (the error line follows)."""
    result = getattr(exc, "result", None)
    if as_json and result is not None:
        output.emit_json(result.to_json())


def _read_as(result: Any) -> str:
    label = result.label or result.format
    how = [x for x in (result.layout, result.encoding) if x]
    detail = f" ({', '.join(how)})" if how else ""
    label = ("an " if label[:1].lower() in "aeiou" else "a ") + label
    if result.sniffed:
        return f"{result.file} looks like {label}{detail}: read as {result.format}."
    return f"Read {result.file} as {label}{detail}."


def imported(result: Any, *, as_json: bool) -> None:
    """What an import did: JSON on stdout with --json; the counts on stderr."""
    if as_json:
        output.emit_json(result.to_json())
    output.message(_read_as(result))
    counts = (
        f"{result.created:,} created, {result.updated:,} updated, "
        f"{result.unchanged:,} unchanged, {len(result.skipped) + result.hidden:,} skipped"
    )
    if result.dry_run:
        output.message(
            f"Dry run, nothing was written. Importing {result.file} would give: {counts}."
        )
    else:
        output.message(f"Imported {result.file}: {counts}.")
    if result.hidden:
        output.message(
            f"{result.hidden:,} hidden {'member' if result.hidden == 1 else 'members'} skipped "
            "(LinkedIn gives only the date you connected)."
        )
    if result.repeated:
        output.message(f"{result.repeated:,} rows repeated an earlier one and were merged into it.")
    if result.rows:
        output.message(
            "Rows added: " + ", ".join(f"{n:,} {t}" for t, n in result.rows.items()) + "."
        )
    if result.skipped:
        problems(result.skipped, "Skipped:")
    for group in result.warnings:
        fields = "field" if group.count == 1 else "fields"
        shown = ", ".join(group.fields[:3]) + (", …" if group.count > 3 else "")
        output.message(f"{group.count:,} {fields} {group.action}: {group.cause} ({shown}).")
    if result.ignored_columns:
        output.message(
            "Columns not imported (no field takes them): " + ", ".join(result.ignored_columns) + "."
        )
    if result.same_name:
        output.message(
            f"{result.same_name:,} new people share a name with someone already there; "
            "see network dupes."
        )


def exported(result: Any) -> None:
    """The export on stdout (when no file was given), and what was left out."""
    if result.text is not None:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    else:
        output.message(f"Exported {result.people:,} people to {result.output} ({result.format}).")
    if result.left_out:
        output.message(
            f"Left out as private: {result.left_out}. Add --include-private to include them."
        )


def merged(result: Any, *, as_json: bool) -> None:
    """What a merge moved and filled; with --dry-run, KEEP as it would be."""
    if as_json:
        output.emit_json(result.to_json())
    moved = ", ".join(f"{n} {what}" for what, n in result.moved.items()) or "nothing"
    verb = "Dry run, nothing was changed. Merging" if result.dry_run else "Merged"
    output.message(f"{verb} {result.other} into {result.keep}: moved {moved}.")
    if result.filled:
        output.message("Filled from the other record: " + ", ".join(result.filled) + ".")
    if result.kept_in_notes:
        output.message("Kept in notes: " + "; ".join(result.kept_in_notes) + ".")
    if result.dry_run and not as_json:
        r = result.result
        shown = [
            (k, r.get(k)) for k in ("name", "email", "phone", "company", "title", "url", "tie")
        ]
        output.table(["field", "after the merge"], [[k, v or ""] for k, v in shown])


def dupes(result: Any, *, as_json: bool) -> None:
    """Likely duplicates as a table with the merge command for each pair, or JSON."""
    if as_json:
        output.emit_json(result.to_json())
        return
    if not result.pairs:
        output.message("No likely duplicates.")
        return
    output.table(
        ["id", "person", "id", "maybe the same as", "why", "to merge"],
        [
            [
                person_ref(p.a.id),
                _label(p.a),
                person_ref(p.b.id),
                _label(p.b),
                ", ".join(p.why),
                f"network merge {person_ref(p.a.id)} {person_ref(p.b.id)}",
            ]
            for p in result.pairs
        ],
    )


def _label(person: Any) -> str:
    extra = person.company or person.email
    return person.name + (f" ({extra})" if extra else "")
