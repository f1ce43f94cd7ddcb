"""Moving in and out: import, export, merge, dupes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from network import app
from network.cli import completion, state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import transfer as view

JSON_RESULTS = {
    "import": app.transfer.Imported,
    "merge": app.transfer.Merged,
    "dupes": app.transfer.Dupes,
}
_IMPORTS = app.transfer.IMPORT_FORMATS
_EXPORTS = app.transfer.EXPORT_FORMATS


def register(cli: typer.Typer) -> None:
    """Add these commands to the app."""

    @cli.command("import")
    @guarded
    def import_(
        fmt_or_file: Annotated[
            str,
            typer.Argument(
                metavar="[FORMAT]",
                help="The format: "
                + app.transfer.formats_help(_IMPORTS).rstrip(".")
                + " (left out: recognised from the file).",
                autocompletion=app.transfer.complete(_IMPORTS),
            ),
        ],
        file: Annotated[
            Path | None,
            typer.Argument(metavar="FILE", help="The exported file.", show_default=False),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
        ] = False,
        skip_bad: Annotated[
            bool,
            typer.Option(
                "--skip-bad", help="Import the good rows even if some are malformed or cut short."
            ),
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
        """Bring contacts in from LinkedIn, Google, Outlook or Thunderbird CSV, vCard or a network export.

        Without FORMAT the file's kind is recognised from its content, and said. A contact
        that is already in your network (same e-mail, same profile URL, or the same name at
        the same company) only fills the fields that are empty there. A field that cannot
        be kept (an e-mail with a space, a date that is not one) is dropped with a warning;
        the whole import runs in one transaction: a malformed row or a file cut short
        stops it, unless --skip-bad.

        Example: network import linkedin ~/Downloads/Connections.csv --dry-run
        """
        from network.common.errors import NetworkError
        from network.domain.contacts import MalformedRows

        fmt, path = (None, Path(fmt_or_file)) if file is None else (fmt_or_file, file)
        try:
            result = app.transfer.import_file(
                state.db_path(),
                fmt,
                path,
                dry_run=dry_run,
                skip_bad=skip_bad,
                tie=tie,
                overwrite=overwrite,
                today=state.today(),
                progress=view.progress,
            )
        except NetworkError as exc:
            view.refused(exc, as_json=as_json)
            if isinstance(exc, MalformedRows):
                view.malformed(exc)
            raise
        view.imported(result, as_json=as_json)

    @cli.command()
    @guarded
    def export(
        fmt: Annotated[
            str,
            typer.Argument(
                metavar="FORMAT",
                help=app.transfer.formats_help(_EXPORTS),
                autocompletion=app.transfer.complete(_EXPORTS),
            ),
        ],
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
        result = app.transfer.export(
            state.db_path(),
            fmt,
            output=out,
            include_private=include_private,
            today=state.today(),
            now=state.now(),
        )
        view.exported(result)

    @cli.command()
    @guarded
    def merge(
        keep: Annotated[
            str,
            typer.Argument(
                metavar="KEEP",
                help="The record to keep (name or id, p12).",
                autocompletion=completion.person,
            ),
        ],
        other: Annotated[
            str,
            typer.Argument(
                metavar="OTHER",
                help="The record merged into it and removed.",
                autocompletion=completion.person,
            ),
        ],
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show the result; change nothing.")
        ] = False,
        as_json: Json = False,
    ) -> None:
        """Merge two records of one person: OTHER's history, strengths, links, fields go to KEEP.

        Nothing is lost: where both have a different value, OTHER's goes into KEEP's notes.

        Example: network merge "Alice Chen" p812 --dry-run
        """
        result = app.transfer.merge(state.db_path(), keep, other, dry_run=dry_run)
        view.merged(result, as_json=as_json)

    @cli.command()
    @guarded
    def dupes(as_json: Json = False) -> None:
        """List people who are likely the same person (any e-mail, phone or profile URL in common, or the same name).

        Example: network dupes
        """
        view.dupes(app.transfer.dupes(state.db_path()), as_json=as_json)
