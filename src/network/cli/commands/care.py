"""Looking after the data file: backup, restore, doctor."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import care as care_view


def register(cli: typer.Typer) -> None:
    """Add these commands to the app."""

    @cli.command()
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
        target = Path(path).expanduser() if path else None
        done = app.care.backup(state.db_path(), target, now=_wall_clock())
        care_view.backed_up(done)

    @cli.command()
    @guarded
    def restore(
        path: Annotated[str, typer.Argument(metavar="PATH", help="A file made by network backup.")],
    ) -> None:
        """Replace the database with a backup, after checking the backup.

        The current content is kept aside first (network-before-restore-….db beside it),
        so a restore can itself be undone with another restore.

        Example: network restore ~/backups/network-backup-20261122-142301.db
        """
        done = app.care.restore(state.db_path(), Path(path).expanduser(), now=_wall_clock())
        care_view.restored(done)

    @cli.command()
    @guarded
    def doctor(json: Json = False) -> None:
        """Check the database: integrity, links, schema version, permissions, where it lives.

        Exits 1 when the file is damaged or unusable; warnings (permissions, a cloud-synced
        or network folder) are printed but exit 0.

        Example: network doctor
        """
        report = app.care.doctor(state.db_path())
        care_view.checkup(report, json)
        if report.problems:
            raise typer.Exit(1)


def _wall_clock() -> datetime:
    # backup file names carry the real time, even while NETWORK_TODAY pretends another day
    return datetime.now().replace(microsecond=0)


def __getattr__(name: str) -> Any:
    # built on first use, so --help and TAB completion import no app module (see due.py)
    if name == "JSON_RESULTS":
        from network.app.care import Checkup

        return {"doctor": Checkup}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
