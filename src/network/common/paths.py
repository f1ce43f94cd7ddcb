"""Where the database lives: --db beats NETWORK_DB beats the platform user data dir."""

from __future__ import annotations

import os
import re
from pathlib import Path

from network.common.errors import BadInput

ENV_VAR = "NETWORK_DB"


def default_db_path() -> Path:
    """The per-user data file, e.g. ~/.local/share/network/network.db on Linux."""
    from platformdirs import user_data_dir  # only when neither --db nor NETWORK_DB is set

    return Path(user_data_dir("network", appauthor=False)) / "network.db"


# scheme://… (postgresql+psycopg://, sqlite:///, file://): never a file name to create
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def resolve_db(cli_value: str | None) -> Path:
    """The database file this run uses."""
    value = cli_value or os.environ.get(ENV_VAR)
    if value and _URL.match(value):
        where = "--db" if cli_value else ENV_VAR
        raise BadInput(
            f"{where} is a URL ({value.split('://')[0]}://…), not a database file",
            "this version keeps the network in a SQLite file: give a file path",
        )
    if value:
        return Path(value).expanduser()
    return default_db_path()


def demo_db_path() -> Path:
    """The demo network's own file, never the user's."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("network", appauthor=False)) / "demo.db"
