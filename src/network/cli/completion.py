"""TAB completion: people's names, open asks and promises, and the fixed words options take.

Every TAB starts the program, so this reads the database through the standard library's
sqlite3 only (app/completion.py) and never completes file names. Bash inserts what it is
given as typed, so a name with spaces is escaped there ("Alice\\ Chen" stays one word);
zsh and fish quote by themselves and also show the description beside each value.
"""

from __future__ import annotations

import os
import re

import typer

from network.domain.names import entry_ref, obligation_ref

_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./-])")


class _Offered(str):
    """A completion offered whatever was typed: Typer keeps only the values that start
    with the word typed, case and all, which would drop "Alice Chen" for "chen" or "alcie"."""

    def startswith(self, *_: object) -> bool:  # type: ignore[override]
        return True


def _for_shell(value: str) -> str:
    """value as the shell should get it back: escaped for bash, as it is for zsh and fish."""
    if os.environ.get("_NETWORK_COMPLETE", "").endswith("bash"):
        value = _BASH_SPECIAL.sub(r"\\\1", value)
    return _Offered(value)


def _database(ctx: typer.Context) -> object | None:
    """The database this command line points at (--db before or after the command)."""
    from network.common.errors import NetworkError
    from network.common.paths import resolve_db

    value = None
    while ctx is not None:
        value = value or ctx.params.get("db")
        ctx = ctx.parent
    try:
        return resolve_db(value)
    except NetworkError:
        return None


def _words(options: tuple[str, ...], incomplete: str) -> list[str]:
    return [word for word in options if word.startswith(incomplete.lower())]


def person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """People whose name (or a word of it) starts with what was typed, or who it looks
    like a misspelling of; close ties and recent contacts first."""
    from network import app
    from network.cli import state
    from network.cli.views.pick import describe

    db = _database(ctx)
    if db is None:
        return []
    today = state.today()
    return [
        (_for_shell(choice.name), describe(choice, today)[len(choice.name) + 2 : -1])
        for choice in app.completion.people(db, incomplete)
    ]


def ask_or_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Open asks by id (e12, with whom and what), then people."""
    from network import app

    db = _database(ctx)
    if db is None:
        return []
    asks = [
        (entry_ref(ask_id), f"{name}: {summary}")
        for ask_id, name, summary in app.completion.open_asks(db)
        if entry_ref(ask_id).startswith(incomplete.lower())
    ]
    return asks + person(ctx, incomplete) if incomplete else asks


def promise_or_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """What is still owed by id (o3, with the kind, whom and what), then people."""
    from network import app

    db = _database(ctx)
    if db is None:
        return []
    owed = [
        (obligation_ref(item_id), f"{kind} {name}: {summary}")
        for item_id, kind, name, summary in app.completion.open_obligations(db)
        if obligation_ref(item_id).startswith(incomplete.lower())
    ]
    return owed + person(ctx, incomplete) if incomplete else owed


def kind(incomplete: str) -> list[str]:
    """Entry kinds."""
    from network.domain.kinds import KINDS

    return _words(KINDS, incomplete)


def tie(incomplete: str) -> list[str]:
    """Tie levels."""
    return _words(("close", "casual", "roster"), incomplete)


def outcome(incomplete: str) -> list[str]:
    """How an ask turned out."""
    from network.domain.loops import OUTCOMES

    return _words(OUTCOMES, incomplete)


def sort_key(incomplete: str) -> list[str]:
    """The orders `people` lists in."""
    return _words(("name", "last", "balance", "due"), incomplete)


def nothing(incomplete: str) -> list[str]:
    """Free text (a summary, a date): no suggestions, and never file names."""
    return []
