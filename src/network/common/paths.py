"""Where the database lives: --db beats NETWORK_DB beats the platform user data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "NETWORK_DB"


def default_db_path() -> Path:
    """The per-user data file, e.g. ~/.local/share/network/network.db on Linux."""
    from platformdirs import user_data_dir  # only when neither --db nor NETWORK_DB is set

    return Path(user_data_dir("network", appauthor=False)) / "network.db"


def resolve_db(cli_value: str | None) -> Path:
    """The database file this run uses."""
    value = cli_value or os.environ.get(ENV_VAR)
    if value:
        return Path(value).expanduser()
    return default_db_path()


def demo_db_path() -> Path:
    """The demo network's own file, never the user's."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("network", appauthor=False)) / "demo.db"
