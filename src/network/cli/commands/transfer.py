"""Moving in and out: import, export, merge, dupes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import output

IMPORT_FORMATS = ("linkedin", "google", "vcard", "json")
EXPORT_FORMATS = ("json", "vcard", "csv", "ics")
SHOWN_PROBLEMS = 20
PROGRESS_FROM_BYTES = 256 * 1024
T = TypeVar("T")


class _DryRun(Exception):
    """Raised inside a write session to roll a dry run back, carrying its result."""

    def __init__(self, result: Any) -> None:
        self.result = result


def _format(value: str, known: tuple[str, ...], verb: str) -> str:
    from network.common.errors import BadInput

    fmt = value.strip().lower()
    aliases = {"vcf": "vcard", "ical": "ics", "icalendar": "ics", "google-contacts": "google"}
    fmt = aliases.get(fmt, fmt)
    if fmt not in known:
        raise BadInput(f'cannot {verb} "{value}"', f"use one of: {', '.join(known)}")
    return fmt


@contextmanager
def _progress(size: int, label: str):
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


def _problems(bad: list, heading: str) -> None:
    output.message(heading)
    for problem in bad[:SHOWN_PROBLEMS]:
        output.message(f"  {problem.where}: {problem.reason}")
    if len(bad) > SHOWN_PROBLEMS:
        output.message(f"  … and {len(bad) - SHOWN_PROBLEMS} more")


def _in_transaction(dry_run: bool, work: Callable[[Any], T]) -> T:
    """work(session) in one write transaction, committed, or rolled back for a dry run."""
    from network.store import connection as db

    try:
        with db.write_session(state.db_path()) as session:
            result = work(session)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as done:
        return done.result
    return result


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""

    @app.command("import")
    @guarded
    def import_(
        fmt: Annotated[
            str, typer.Argument(metavar="FORMAT", help="linkedin, google, vcard or json.")
        ],
        file: Annotated[Path, typer.Argument(metavar="FILE", help="The exported file.")],
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
        ] = False,
        skip_bad: Annotated[
            bool,
            typer.Option("--skip-bad", help="Import the good rows even if some are malformed."),
        ] = False,
        tie: Annotated[
            str | None,
            typer.Option("--tie", metavar="TIE", help="Tie for new people (default roster)."),
        ] = None,
        overwrite: Annotated[
            bool, typer.Option("--overwrite", help="Replace fields that already have a value.")
        ] = False,
        as_json: Json = False,
    ) -> None:
        """Bring contacts in from LinkedIn, Google Contacts, a vCard file or a network export.

        A contact that is already in your network (same e-mail, same profile URL, or the
        same name at the same company) only fills the fields that are empty there. The
        whole import runs in one transaction: a malformed row stops it, unless --skip-bad.

        Example: network import linkedin ~/Downloads/Connections.csv --dry-run
        """
        from network.formats import jsondoc
        from network.formats import reading as importers
        from network.store.writes import contacts as store
        from network.store.writes import ledger

        kind = _format(fmt, IMPORT_FORMATS, "import")
        new_tie = ledger.check_tie(tie) if tie is not None else "roster"
        text = importers.read_text(file, kind)
        today = state.today()
        with _progress(len(text), f"Reading {file.name}") as tick:
            if kind == "json":
                rows, bad = jsondoc.decode_rows(jsondoc.load(file, text), today)
            else:
                contacts, bad = importers.parse(kind, file, text, today, tick)
        if bad and not skip_bad:
            _problems(bad, f"{len(bad)} malformed {'row' if len(bad) == 1 else 'rows'} in {file}:")
            raise importers.ImportProblem(
                "nothing was imported", "fix those rows, or add --skip-bad to import the rest"
            )

        from network.common import config
        from network.domain.agenda import DAILY_BUDGET

        per_day = config.load().budget or DAILY_BUDGET

        def work(session: Any) -> store.Summary:
            conn = session.connection()
            if kind == "json":
                return jsondoc.restore(conn, rows, overwrite=overwrite)
            summary = store.import_contacts(
                conn, contacts, tie=new_tie, overwrite=overwrite, today=today
            )
            # new people on a rhythm trickle into `due` a budget a day (issue 11)
            from network.store.writes.agenda import spread_first_due

            spread_first_due(conn, today, per_day)
            return summary

        summary = _in_transaction(dry_run, work)
        summary.skipped = bad + summary.skipped
        if as_json:
            output.emit_json(
                {"dry_run": dry_run, "file": str(file), "format": kind, **summary.as_dict()}
            )
        counts = (
            f"{summary.created:,} created, {summary.updated:,} updated, "
            f"{summary.unchanged:,} unchanged, {len(summary.skipped):,} skipped"
        )
        if dry_run:
            output.message(f"Dry run, nothing was written. Importing {file} would give: {counts}.")
        else:
            output.message(f"Imported {file}: {counts}.")
        if summary.repeated:
            output.message(
                f"{summary.repeated:,} rows repeated an earlier one and were merged into it."
            )
        if summary.tables:
            output.message(
                "Rows added: " + ", ".join(f"{n:,} {t}" for t, n in summary.tables.items()) + "."
            )
        if summary.skipped:
            _problems(summary.skipped, "Skipped:")
        if summary.same_name:
            output.message(
                f"{summary.same_name:,} new people share a name with someone already there; "
                "see network dupes."
            )

    @app.command()
    @guarded
    def export(
        fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="json, vcard, csv or ics.")],
        out: Annotated[
            Path | None,
            typer.Option("--output", "-o", metavar="FILE", help="Write here (default: stdout)."),
        ] = None,
        include_private: Annotated[
            bool, typer.Option("--include-private", help="Include private entries and notes.")
        ] = False,
    ) -> None:
        """Take your network out: json (complete), vcard, csv (for spreadsheets) or ics (calendar).

        Private entries and notes about people stay out unless --include-private. Files
        are written readable by you only.

        Example: network export json -o network-backup.json --include-private
        """
        from network.formats import writing as exporters
        from network.store import snapshot

        kind = _format(fmt, EXPORT_FORMATS, "export")
        snap = snapshot.load(state.db_path(), include_private=include_private)
        if kind == "json":
            from network.formats import jsondoc as module

            text = module.render(snap)
        elif kind == "vcard":
            from network.formats import vcard as module

            text = module.render(snap)
        elif kind == "csv":
            from network.formats import csvfile as module

            text = module.render(snap, include_private=include_private)
        else:
            from network.formats import ics as module

            text = module.render(snap, today=state.today(), now=state.now())
        exporters.write(text, out)
        people = len(snap.tables.get("person", []))
        if out is not None:
            output.message(f"Exported {people:,} people to {out} ({kind}).")
        if snap.left_out:
            output.message(
                f"Left out as private: {snapshot.left_out_text(snap.left_out)}. "
                "Add --include-private to include them."
            )

    @app.command()
    @guarded
    def merge(
        keep: Annotated[
            str, typer.Argument(metavar="KEEP", help="The record to keep (name or #ID).")
        ],
        other: Annotated[
            str, typer.Argument(metavar="OTHER", help="The record merged into it and removed.")
        ],
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show the result; change nothing.")
        ] = False,
        as_json: Json = False,
    ) -> None:
        """Merge two records of one person: OTHER's history, strengths, links, fields go to KEEP.

        Nothing is lost: where both have a different value, OTHER's goes into KEEP's notes.

        Example: network merge "Alice Chen" "#812" --dry-run
        """
        from network.app import merge as merging
        from network.store import connection as db
        from network.store.reads import people as queries

        def work(session: Any) -> merging.MergeReport:
            reader = db.SessionReader(session)
            keep_id, _ = queries.find_person(reader, keep)
            other_id, _ = queries.find_person(reader, other)
            return merging.merge(session, keep_id, other_id)

        report = _in_transaction(dry_run, work)
        if as_json:
            output.emit_json({"dry_run": dry_run, **report.as_dict()})
        moved = ", ".join(f"{n} {what}" for what, n in report.moved.items()) or "nothing"
        verb = "Dry run, nothing was changed. Merging" if dry_run else "Merged"
        output.message(f"{verb} {report.other} into {report.keep}: moved {moved}.")
        if report.filled:
            output.message("Filled from the other record: " + ", ".join(report.filled) + ".")
        if report.kept_in_notes:
            output.message("Kept in notes: " + "; ".join(report.kept_in_notes) + ".")
        if dry_run and not as_json:
            r = report.result
            shown = [
                (k, r.get(k)) for k in ("name", "email", "phone", "company", "title", "url", "tie")
            ]
            output.table(["field", "after the merge"], [[k, v or ""] for k, v in shown])

    @app.command()
    @guarded
    def dupes(as_json: Json = False) -> None:
        """List people who are likely the same person (same e-mail, profile URL or name).

        Example: network dupes
        """
        from network.app import merge as merging
        from network.store import connection as db

        with db.reading(state.db_path()) as reader:
            pairs = merging.likely_duplicates(merging.people_for_dupes(reader))
        if as_json:
            output.emit_json(
                [
                    {
                        "a": {"id": p["a"]["id"], "name": p["a"]["name"]},
                        "b": {"id": p["b"]["id"], "name": p["b"]["name"]},
                        "why": p["why"],
                    }
                    for p in pairs
                ]
            )
            return
        if not pairs:
            output.message("No likely duplicates.")
            return
        output.table(
            ["#", "person", "#", "maybe the same as", "why", "to merge"],
            [
                [
                    p["a"]["id"],
                    _label(p["a"]),
                    p["b"]["id"],
                    _label(p["b"]),
                    ", ".join(p["why"]),
                    f"network merge '#{p['a']['id']}' '#{p['b']['id']}'",
                ]
                for p in pairs
            ],
        )


def _label(person: dict) -> str:
    extra = person.get("company") or person.get("email")
    return person["name"] + (f" ({extra})" if extra else "")
