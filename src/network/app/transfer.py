"""Moving in and out: import a file, export the network, merge two records, list likely dupes.

Each use case owns its transaction (an import is all-or-nothing; a dry run is the same
work rolled back) and returns a typed result. Which formats exist is `formats.registry`;
this module names them for the CLI's help and completion without importing any format.
Module level stays light (the CLI reads the result types while it builds `--help`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from network.app.merge import Dupes, Merged, dupes, merge
from network.app.results import Result, doc, view_only
from network.formats import registry

__all__ = ["Dupes", "Merged", "dupes", "merge", "import_file", "export"]

IMPORT_FORMATS = tuple(registry.READERS)
EXPORT_FORMATS = tuple(registry.WRITERS)
# progress(size in characters, label) -> a context giving tick(rows read so far)
Progress = Callable[[int, str], AbstractContextManager[Callable[[int], None]]]


def formats_help(names: tuple[str, ...]) -> str:
    """The FORMAT argument's help: "linkedin, google, vcard or json."."""
    return registry.spoken(names) + "."


def complete(names: tuple[str, ...]) -> Callable[[str], list[str]]:
    """TAB completion of a FORMAT argument over the given format names."""
    return lambda incomplete: [n for n in names if n.startswith(incomplete.lower())]


def _format(value: str, known: tuple[str, ...], verb: str) -> str:
    from network.common.errors import BadInput

    name = registry.canonical(value)
    if name not in known:
        raise BadInput(f'cannot {verb} "{value}"', f"use one of: {', '.join(known)}")
    return name


@dataclass
class Skipped:
    """A row or card left out, and why."""

    where: str = doc('where in the file: "line 7", "card 3 (line 40)", "entry row 2"')
    reason: str = doc("why it was left out")


@dataclass
class Warned:
    """Fields dropped, trimmed or cleaned for one cause (the contacts still came in)."""

    action: str = doc('"dropped", "trimmed" or "cleaned"')
    cause: str = doc('why: "not an e-mail address", "longer than 5,000 characters"')
    count: int = doc("how many fields")
    fields: list[str] = doc('where, the first 100: "line 4: e-mail"')


SHOWN_WHERE = 100


def warned(notes: list[Any]) -> list[Warned]:
    """Field notes grouped by what was done and why, the largest group first."""
    groups: dict[tuple[str, str], list[str]] = {}
    for note in notes:
        groups.setdefault((note.action, note.cause), []).append(f"{note.where}: {note.field}")
    return [
        Warned(action, cause, len(where), where[:SHOWN_WHERE])
        for (action, cause), where in sorted(groups.items(), key=lambda g: -len(g[1]))
    ]


@dataclass
class Imported(Result):
    """What `import` did (with --dry-run: what it would do; refused: why nothing was).

    `rows` is there only when the import added rows other than people (a network JSON
    export): the rows added per table. `error` and `hint` are there only when the import
    was refused (then nothing was written)."""

    dry_run: bool = doc("true when nothing was written")
    file: str = doc("the file imported")
    format: str = doc("the format it was read as")
    sniffed: bool = doc("true when the format was not given but recognised from the file")
    layout: str = doc('the variant of the format: "Outlook", "Google (old layout)", "vCard 2.1"')
    encoding: str = doc('the text encoding found: "UTF-8", "UTF-16", "Windows-1252"')
    refused: bool = doc("true when nothing was imported (see error)")
    created: int = doc("people added")
    updated: int = doc("people already there whose empty fields were filled")
    unchanged: int = doc("people already there with nothing new")
    repeated: int = doc("rows that repeated an earlier row of the file (merged into it)")
    same_name: int = doc("new people who share a name with someone already there")
    hidden: int = doc("LinkedIn rows of hidden or deleted members (only a date), skipped")
    skipped: list[Skipped] = doc("rows left out: no name, or malformed (with --skip-bad)")
    truncated: str | None = doc("why the file looks cut short, or null")
    warnings: list[Warned] = doc("fields dropped, trimmed or cleaned, grouped by cause")
    ignored_columns: list[str] = doc("columns with values that no field takes (CSV)")
    updated_names: list[str] = doc("the names of the people updated")
    OPTIONAL_KEYS: ClassVar[tuple[str, ...]] = ("rows", "error", "hint")
    rows: dict[str, int] = doc("rows added per table (json imports only)")
    error: str | None = doc("why the import was refused", default=None)
    hint: str | None = doc("what to do about it", default=None)
    label: str = view_only(default="")  # what the format is called: "Outlook CSV"

    def to_json(self) -> Any:
        """Every field, but `rows` only when there are any, `error`/`hint` only if refused."""
        data = super().to_json()
        if not self.rows:
            del data["rows"]
        return data


def refused(
    file: Path,
    fmt: str | None,
    exc: Any,
    *,
    dry_run: bool = False,
    parsed: Any = None,
    encoding: str = "",
    sniffed: bool = False,
) -> Imported:
    """The summary of an import that wrote nothing, and why."""
    bad = list(getattr(exc, "bad", []))
    return Imported(
        dry_run=dry_run,
        file=str(file),
        format=fmt or "",
        sniffed=sniffed,
        layout=parsed.layout if parsed else "",
        encoding=encoding,
        refused=True,
        created=0,
        updated=0,
        unchanged=0,
        repeated=0,
        same_name=0,
        hidden=parsed.hidden if parsed else 0,
        skipped=[Skipped(b.where, b.reason) for b in bad + (parsed.skipped if parsed else [])],
        truncated=parsed.truncated if parsed else None,
        warnings=warned(parsed.notes) if parsed else [],
        ignored_columns=parsed.ignored_columns if parsed else [],
        updated_names=[],
        rows={},
        error=str(exc),
        hint=getattr(exc, "hint", None),
    )


def import_file(
    db_path: Path,
    fmt: str | None,
    file: Path,
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    tie: str | None = None,
    overwrite: bool = False,
    today: date,
    progress: Progress | None = None,
) -> Imported:
    """Read FILE as FMT (or as what it looks like) and add or fill its people in one
    transaction (rolled back if dry). A refusal raises a NetworkError carrying `.result`,
    the summary of what was read.

    Python's cycle collector is paused meanwhile: reading and matching a large file makes
    hundreds of thousands of objects (rows, contacts, keys), none of them in a cycle, and
    the collector scanned the growing heap again and again (a fifth of a 30,000-row
    LinkedIn import's parsing); it runs as usual once the import is over."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        return _import_file(
            db_path,
            fmt,
            file,
            dry_run=dry_run,
            skip_bad=skip_bad,
            tie=tie,
            overwrite=overwrite,
            today=today,
            progress=progress,
        )
    finally:
        if paused:
            gc.enable()


def _import_file(
    db_path: Path,
    fmt: str | None,
    file: Path,
    *,
    dry_run: bool,
    skip_bad: bool,
    tie: str | None,
    overwrite: bool,
    today: date,
    progress: Progress | None,
) -> Imported:
    from network.common.errors import NetworkError
    from network.domain.contacts import ImportProblem, MalformedRows, Parsed
    from network.formats import reading
    from network.store.writes import contacts as people
    from network.store.writes import ledger

    name: str | None = None
    encoding = ""
    parsed: Parsed | None = None
    try:
        name = _format(fmt, IMPORT_FORMATS, "import") if fmt is not None else None
        new_tie = ledger.check_tie(tie) if tie is not None else "roster"
        text, encoding = reading.read_text(file, name)
        if name is None:
            name = registry.sniff(text)
            if name is None:
                raise ImportProblem(
                    f"cannot tell what kind of file {file} is",
                    "name the format: network import " + "|".join(IMPORT_FORMATS) + f" {file}",
                )
        reader = registry.READERS[name]
        started = progress(len(text), f"Reading {file.name}") if progress else nullcontext(None)
        with started as tick:
            if reader.document:
                from network.store import snapshot
                from network.store.migrations import SCHEMA_VERSION
                from network.store.writes import document

                doc_ = reader.load().parse(
                    file, text, schema=SCHEMA_VERSION, known=snapshot.table_names()
                )
                rows, bad = document.decode_rows(doc_.tables, today)
                parsed = Parsed(contacts=[], bad=bad, layout="network JSON")
            else:
                parsed = reader.load().parse(
                    file, text, today=today, tick=tick or (lambda n: None), fmt=name
                )
        if parsed.bad and not skip_bad:
            raise MalformedRows(file, parsed.bad, truncated=parsed.truncated)
    except NetworkError as exc:
        exc.result = refused(  # type: ignore[attr-defined]
            file,
            name,
            exc,
            dry_run=dry_run,
            parsed=parsed,
            encoding=encoding,
            sniffed=fmt is None,
        )
        raise
    assert parsed is not None

    from network.common import config
    from network.domain.agenda import DAILY_BUDGET
    from network.store.writes.agenda import spread_first_due

    per_day = config.load().budget or DAILY_BUDGET

    def work(session: Any) -> people.Summary:
        from network.store import undo

        # named here, as undo will say it (and not derived from thousands of changed rows)
        undo.describe(session, f"import {name}: {file.name}")
        conn = session.connection()
        if reader.document:
            return document.restore(conn, rows, overwrite=overwrite)
        summary = people.import_contacts(
            conn, parsed.contacts, tie=new_tie, overwrite=overwrite, today=today
        )
        # new people on a rhythm trickle into `due` a budget a day (issue 11)
        spread_first_due(conn, today, per_day)
        return summary

    from network.app.dryrun import in_transaction

    summary = in_transaction(db_path, dry_run, work)
    return Imported(
        dry_run=dry_run,
        file=str(file),
        format=name,
        sniffed=fmt is None,
        layout=parsed.layout,
        encoding=encoding,
        refused=False,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        repeated=summary.repeated,
        same_name=summary.same_name,
        hidden=parsed.hidden,
        skipped=[Skipped(b.where, b.reason) for b in parsed.bad + parsed.skipped + summary.skipped],
        truncated=parsed.truncated,
        warnings=warned(parsed.notes),
        ignored_columns=parsed.ignored_columns,
        updated_names=summary.updated_names,
        rows=summary.tables,
        label=reader.label,
    )


@dataclass
class Exported(Result):
    """What `export` wrote."""

    format: str = doc("the format written")
    people: int = doc("people in the export")
    output: str | None = doc("the file written, or null for stdout")
    left_out: str = doc('what privacy left out, in words ("" when nothing)')
    text: str | None = view_only(default=None)  # the export itself, when it goes to stdout


def export(
    db_path: Path,
    fmt: str,
    *,
    output: Path | None = None,
    include_private: bool = False,
    today: date,
    now: datetime,
) -> Exported:
    """The network rendered as FMT, written owner-only to `output` (or returned as text)."""
    from network.domain.snapshot import left_out_text
    from network.formats import writing
    from network.store import snapshot

    name = _format(fmt, EXPORT_FORMATS, "export")
    snap = snapshot.load(db_path, include_private=include_private)
    text = registry.WRITERS[name].render(snap, today=today, now=now)
    if output is not None:
        writing.write(text, output)
    return Exported(
        format=name,
        people=len(snap.people),
        output=None if output is None else str(output),
        left_out=left_out_text(snap.left_out),
        text=text if output is None else None,
    )
