"""Where the database lives: --db beats NETWORK_DB beats the platform user data dir.

A SQLite file by default; a postgresql:// URL names a database on a PostgreSQL server.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from network.common.errors import BadInput

ENV_VAR = "NETWORK_DB"


def user_dir(kind: str) -> Path:
    """The per-user "data" or "config" folder of the program, as platformdirs names it.

    On Linux it is the XDG rule, worked out here: importing platformdirs costs 13-17 ms, on
    every command that reads the settings. Other systems ask platformdirs."""
    if sys.platform.startswith("linux"):
        variable, fallback = {
            "data": ("XDG_DATA_HOME", "~/.local/share"),
            "config": ("XDG_CONFIG_HOME", "~/.config"),
        }[kind]
        base = os.environ.get(variable, "").strip() or os.path.expanduser(fallback)
        return Path(base) / "network"
    import platformdirs

    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_config_dir
    return Path(find("network", appauthor=False))


def default_db_path() -> Path:
    """The per-user data file, e.g. ~/.local/share/network/network.db on Linux."""
    return user_dir("data") / "network.db"


# scheme://… : a server's URL, or one we do not speak (sqlite:///, file://) — never a file name
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


class ServerDatabase:
    """A network kept in a PostgreSQL database, named by a URL.

    str() and repr() show the URL with any password masked, so no message, traceback or
    log line built from it can print the password (libpq's own PGPASSWORD, PGPASSFILE and
    service files are the better place for it).
    """

    def __init__(self, url: str) -> None:
        from urllib.parse import urlsplit

        scheme, _, rest = url.partition("://")
        self.url = "postgresql://" + rest  # libpq's spelling; psycopg parses it
        parts = urlsplit(self.url)
        self.password = parts.password
        netloc = parts.netloc
        if parts.password is not None:
            user, _, host = netloc.rpartition("@")
            netloc = user.partition(":")[0] + ":***@" + host
        query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
        self.masked = f"postgresql://{netloc}{parts.path}" + (f"?{query}" if query else "")

    @property
    def sqlalchemy_url(self) -> str:
        return "postgresql+psycopg://" + self.url.partition("://")[2]

    def mask(self, text: str) -> str:
        """`text` with this URL's password, wherever it appears, replaced by ***."""
        if self.password:
            from urllib.parse import unquote

            for secret in {self.password, unquote(self.password)}:
                text = text.replace(secret, "***")
        return text.replace(self.url, self.masked)

    def resolve(self) -> ServerDatabase:
        """Itself: code comparing database locations (demo's "not your own") can ask."""
        return self

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"ServerDatabase({self.masked!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerDatabase) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)


def resolve_db(cli_value: str | None) -> Path | ServerDatabase:
    """The database this run uses: a SQLite file, or a PostgreSQL database by URL."""
    value = cli_value or os.environ.get(ENV_VAR)
    if value and _URL.match(value):
        scheme = value.split("://")[0]
        if scheme.lower() in _POSTGRES_SCHEMES:
            return ServerDatabase(value)
        where = "--db" if cli_value else ENV_VAR
        raise BadInput(
            f"{where} is a URL ({scheme}://…) of a kind network does not use",
            "give a SQLite file path, or a PostgreSQL URL (postgresql://user@host/dbname)",
        )
    if value:
        return Path(value).expanduser()
    return default_db_path()


def demo_db_path() -> Path:
    """The demo network's own file, never the user's."""
    return user_dir("data") / "demo.db"
