"""Looking back: who is drifting away, and the figures of your networking habit."""

from __future__ import annotations

from typing import Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json, Limit
from network.cli.views import insights as insights_view


def register(cli: typer.Typer) -> None:
    """Add these commands to the app."""

    @cli.command()
    @guarded
    def drift(limit: Limit = None, json: Json = False) -> None:
        """People drifting away: once regular, now silent past twice their cadence, or gaps growing.

        Largest drift (days silent / cadence) first. People with fewer than three contact
        days have no rhythm yet and are left out.

        Example: network drift --limit 10
        """
        found = app.insights.drift(state.db_path(), today=state.today()).first(limit)
        insights_view.show_drift(found, json)

    @cli.command()
    @guarded
    def stats(json: Json = False) -> None:
        """Your networking habit: real network vs roster, give/ask, pace, streak, a year's calendar.

        The real network counts people with a two-way exchange (a deposit and a withdrawal
        or help received) in the last 12 months.

        Example: network stats --json
        """
        figures = app.insights.stats(state.db_path(), today=state.today())
        insights_view.show_stats(figures, json)


def __getattr__(name: str) -> Any:
    # built on first use, so --help and TAB completion import no app module (see due.py)
    if name == "JSON_RESULTS":
        from network.app.insights import Drift, Stats

        return {"drift": Drift, "stats": Stats}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
