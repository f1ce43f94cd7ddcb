"""Options that apply to every command (set by the root callback) and the clock."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

db_option: str | None = None
debug: bool = os.environ.get("NETWORK_DEBUG", "") not in ("", "0")


def db_path() -> Path:
    """The database file for this run (--db, then NETWORK_DB, then the user data dir)."""
    from network.common.paths import resolve_db

    return resolve_db(db_option)


def now() -> datetime:
    """The current moment; NETWORK_TODAY pretends to be another day (for trying things out)."""
    fake = os.environ.get("NETWORK_TODAY")
    if fake:
        from network.common.dates import in_range
        from network.common.errors import BadInput

        try:
            day = date.fromisoformat(fake)
        except ValueError:
            raise BadInput(
                f'NETWORK_TODAY="{fake}" is not a date', "use YYYY-MM-DD or unset it"
            ) from None
        if not in_range(day):
            raise BadInput(f'NETWORK_TODAY="{fake}" is outside the years 1900–2200', "unset it")
        return datetime.combine(day, datetime.now().time().replace(microsecond=0))
    return datetime.now().replace(microsecond=0)


def today() -> date:
    """Today's date (see now)."""
    return now().date()
