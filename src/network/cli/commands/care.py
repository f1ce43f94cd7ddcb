"""Looking after the data file: backup, restore, doctor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import output


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""

    @app.command()
    @guarded
    def backup(
        path: Annotated[
            str | None,
            typer.Argument(metavar="[PATH]", help="Where to write the copy (a file or a folder)."),
        ] = None,
    ) -> None:
        """Make a consistent copy of the database, safe while it is in use.

        Without PATH the copy goes beside the database, named with the time:
        network-backup-20261122-142301.db. The copy is complete (private entries
        included) and readable by you only.

        Example: network backup ~/backups/
        """
        from network.store import backup as backups

        target = Path(path).expanduser() if path else None
        done = backups.backup(state.db_path(), target)
        output.message(
            f"Backed up {output.plural(done.people, 'person', 'people')} and "
            f"{output.plural(done.entries, 'entry', 'entries')} to {done.path}"
        )
        typer.echo(str(done.path))

    @app.command()
    @guarded
    def restore(
        path: Annotated[str, typer.Argument(metavar="PATH", help="A file made by network backup.")],
    ) -> None:
        """Replace the database with a backup, after checking the backup.

        The current content is kept aside first (network-before-restore-….db beside it),
        so a restore can itself be undone with another restore.

        Example: network restore ~/backups/network-backup-20261122-142301.db
        """
        from network.store import backup as backups

        done = backups.restore(state.db_path(), Path(path).expanduser())
        if done.kept:
            output.message(f"Kept the previous content at {done.kept}")
        output.message(
            f"Restored {output.plural(done.restored.people, 'person', 'people')} and "
            f"{output.plural(done.restored.entries, 'entry', 'entries')} "
            f"from {done.restored.path}"
        )

    @app.command()
    @guarded
    def doctor(json: Json = False) -> None:
        """Check the database: integrity, links, schema version, permissions, where it lives.

        Exits 1 when the file is damaged or unusable; warnings (permissions, a cloud-synced
        or network folder) are printed but exit 0.

        Example: network doctor
        """
        from network.store.doctor import examine

        report = examine(state.db_path())
        if json:
            output.emit_json(report)
        else:
            _print_report(report)
        if report["problems"]:
            raise typer.Exit(1)


def _print_report(report: dict) -> None:
    lines = [f"database        {report['path']}"]
    if report["exists"]:
        version = report["schema_version"]
        lines.append(
            f"schema version  {version} (this program: {report['program_schema_version']})"
        )
        for name, size in report["sizes"].items():
            lines.append(f"size            {name}: {_size(size)}")
        if report["counts"]:
            counts = ", ".join(f"{n} {table}" for table, n in report["counts"].items())
            lines.append(f"records         {counts}")
        lines.append(f"integrity       {'ok' if report['integrity'] == 'ok' else 'FAILED'}")
        lines.append(f"foreign keys    {'ok' if report['foreign_keys'] == 'ok' else 'FAILED'}")
        for name, mode in report["permissions"].items():
            lines.append(f"permissions     {name}: {mode}")
    if report["filesystem"]:
        fs = report["filesystem"]
        lines.append(f"file system     {fs['type']} (mounted at {fs['mount']})")
    for line in lines:
        typer.echo(line)
    for warning in report["warnings"]:
        output.warn(warning)
    for problem in report["problems"]:
        output.error(problem)
    if not report["problems"] and not report["warnings"]:
        output.message("All checks passed.")
