"""`network config`: where the settings file is and what is set."""

from __future__ import annotations

from typing import Any

import typer

from network import app
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import output


def register(cli: typer.Typer) -> None:
    """Add the command to the app."""

    @cli.command()
    @guarded
    def config(json: Json = False) -> None:
        """Show where the settings file is and what it sets (and check it).

        The file is TOML in your user config dir (NETWORK_CONFIG names another): budget,
        birthday_window, default_tie, notify, and the rhythm per tie ([cadence] close = 30,
        casual = 90). An unknown key or a bad value is an error.

        Example: network config
        """
        result = app.config.show()
        if json:
            output.emit_json(result.to_json())
            return
        state = "" if result.exists else " (not there yet: every setting is its default)"
        output.message(f"Settings: {result.path}{state}")
        output.table(
            ["setting", "value", "from", "meaning"],
            [[s.key, _shown(s.value), s.source, s.meaning] for s in result.settings],
        )


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        import shlex

        return shlex.join(value)
    return str(value)


def __getattr__(name: str) -> Any:
    if name == "JSON_RESULTS":
        from network.app.config import Config

        return {"config": Config}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
