"""`network demo`: a realistic sample network in its own file, so a new user sees the tool work."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.commands.due import DEFAULT_BUDGET
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import due as due_view


def register(cli: typer.Typer) -> None:
    """Add the command to the app."""

    @cli.command()
    @guarded
    def demo(
        path: Annotated[
            str | None,
            typer.Option(
                "--path",
                metavar="FILE",
                help="Where to build it (default: demo.db in your data dir).",
            ),
        ] = None,
        json: Json = False,
    ) -> None:
        """Build a sample network (never your own data) and show today's `due` on it.

        The demo has three dozen people with ties, strengths, birthdays and a year of
        entries, dated relative to today. It is rebuilt from scratch on every run.

        Example: network demo   (then: network --db <printed path> who-knows cars)
        """
        from network.common.errors import BadInput
        from network.common.paths import demo_db_path

        if path is None and state.db_option is not None:
            # the demo rebuilds its file from scratch: never a database only named by --db
            # (the option is not repeated: a server's address can hold its password)
            raise BadInput(
                "demo builds a file of its own and never writes to the --db database",
                "leave out --db, or name a new file for it: network demo --path FILE",
            )
        target = Path(path).expanduser() if path else demo_db_path()
        built = app.demo.create(
            target, own_db=state.db_path(), today=state.today(), budget=DEFAULT_BUDGET
        )
        due_view.show_demo(built, json)


def __getattr__(name: str) -> Any:
    # built on first use, so --help and TAB completion import no app module (see due.py)
    if name == "JSON_RESULTS":
        from network.app.demo import Demo

        return {"demo": Demo}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
