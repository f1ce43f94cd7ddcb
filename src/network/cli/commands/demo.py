"""`network demo`: a realistic sample network in its own file, so a new user sees the tool work."""

from __future__ import annotations

from typing import Annotated

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import output


def register(app: typer.Typer) -> None:
    """Add the command to the app."""

    @app.command()
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
        from pathlib import Path

        from network.app import demo as sample
        from network.cli.commands.due import DEFAULT_BUDGET, show_due
        from network.common.errors import BadInput
        from network.common.paths import demo_db_path, resolve_db
        from network.store import connection as db

        target = Path(path).expanduser() if path else demo_db_path()
        if target.resolve() == resolve_db(state.db_option).resolve():
            raise BadInput(f"{target} is your own database", "give the demo another --path")
        if not sample.is_replaceable(target):
            raise BadInput(f"{target} exists and is not a demo network", "give a new --path")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        with db.write_session(target) as session:
            counts = sample.build(session, state.today())
        output.message(
            f"Built a demo network in {target}: {counts['people']} people, "
            f"{counts['entries']} entries, {counts['strengths']} strengths."
        )
        show_due(target, DEFAULT_BUDGET, json)
        quoted = f'"{target}"' if " " in str(target) else str(target)
        output.message(
            f"Explore it: network --db {quoted} who-knows cars   (or: show, people, history)"
        )
