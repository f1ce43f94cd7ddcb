"""Two consoles: results on stdout, messages on stderr. Rich is imported only to draw tables.

User text always reaches Rich as `Text` (never as markup), so a name like "[bold]" or
"Anne [admin]" is shown as typed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import cache
from typing import Any

from network.common.text import visible


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(data: Any) -> None:
    """Plain JSON on stdout: Rich would wrap long lines and eat [brackets].

    Indented for a person at a terminal; compact into a pipe or file, where it is read
    by programs (and indenting 100,000 people takes Python's slow encoder twice as long).
    """
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent, default=_default) + "\n")


def emit_json_listing(batches: Iterable[list[bytes]], limit: int | None = None) -> None:
    """A listing's envelope, `{"items": [...], "count": N, "more": M}`, its rows written
    batch by batch from the compact JSON text of each in UTF-8 (the first `limit` of them;
    the rest are counted for `more`, not written). A stream that was cut before it came
    here (app.people.PeopleJson) says in its `more`, once read, how many it left out.

    Byte for byte what emit_json prints for the whole document, without ever holding it:
    into a pipe the texts are joined as they come and go out as bytes (never decoded: that
    and encoding them back was a third of `people --json`); on a terminal each is
    re-indented (a person reads that, so its speed does not matter). Nothing is written
    before the first batch exists, so an error opening the database leaves stdout empty.
    """
    terminal = sys.stdout.isatty()
    sys.stdout.flush()  # what went before (nothing, as a rule) stays before
    raw = getattr(sys.stdout, "buffer", None)
    if raw is not None and not terminal:
        write = raw.write
    else:  # a stream of text only (or a terminal): hand it text

        def write(data: bytes) -> None:
            sys.stdout.write(data.decode())

    def indented(text: bytes) -> bytes:
        whole = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
        return ("    " + whole.replace("\n", "\n    ")).encode()

    count = more = 0
    try:
        for batch in batches:
            room = len(batch) if limit is None else max(0, limit - count)
            shown = batch[:room]
            more += len(batch) - len(shown)
            if not shown:
                continue
            if terminal:
                texts = b",\n".join(indented(text) for text in shown)
                write((b",\n" if count else b'{\n  "items": [\n') + texts)
            else:
                write((b", " if count else b'{"items": [') + b", ".join(shown))
            count += len(shown)
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()  # the reading connection closes now, not when collected
    more += getattr(batches, "more", 0)
    if terminal:
        items = b'{\n  "items": [],\n' if not count else b"\n  ],\n"
        write(items + f'  "count": {count},\n  "more": {more}\n}}\n'.encode())
    else:
        items = b'{"items": [], ' if not count else b"], "
        write(items + f'"count": {count}, "more": {more}}}\n'.encode())
    if raw is not None:
        raw.flush()


def message(text: str) -> None:
    """A message for the person at the terminal (stderr, no markup, controls escaped)."""
    sys.stderr.write(visible(text, keep_newlines=True) + "\n")


def warn(text: str) -> None:
    """A warning on stderr."""
    sys.stderr.write(f"Warning: {visible(text, keep_newlines=True)}\n")


def error(text: str, hint: str | None = None) -> None:
    """The one line every expected failure prints."""
    line = f"Error: {text}"
    if hint:
        line += f" — {hint}"
    # one line, whatever the user typed: an error echoes input, and input may be hostile
    sys.stderr.write(visible(line) + "\n")


def confirm(question: str, *, default: bool) -> bool:
    """Ask yes or no on stderr; the question's user text is shown escaped, like every line."""
    import typer

    return typer.confirm(visible(question), default=default, err=True)


@cache
def console():
    """The stdout console (Rich honours NO_COLOR and plain pipes by itself)."""
    from rich.console import Console

    return Console(highlight=False)


def styled(value: Any, style: str | None = None):
    """User data as a Rich Text, never parsed as markup."""
    from rich.text import Text

    return Text("" if value is None else visible(str(value), keep_newlines=True), style=style or "")


def _plain(cell: Any) -> str:
    """One cell on one line: tabs and line breaks would split a row in two."""
    return visible(" ".join(str("" if cell is None else cell).split()))


def table(
    columns: list[str],
    rows: list[list[Any]],
    *,
    title: str | None = None,
    caption: str | None = None,
    whole: tuple[str, ...] = (),
) -> None:
    """Draw a table on a terminal; into a pipe, write tab-separated lines (one row per line).

    Columns named in `whole` (dates) are never broken across lines: on a narrow terminal
    the other columns give way.

    A box table squeezed into 80 columns breaks rows over several lines, which defeats
    grep and cut; so a pipe gets a header line and one line per row, and the caption
    (a remark such as "7 more due") goes to stderr with the other messages.
    """
    if not sys.stdout.isatty():
        sys.stdout.write("\t".join(columns) + "\n")  # our own words
        for row in rows:
            sys.stdout.write("\t".join(_plain(cell) for cell in row) + "\n")
        if caption:
            message(caption)
        return
    from rich.table import Table

    # titles and captions carry user text too ("Who knows [red]"): never parse them as markup
    grid = Table(
        title=None if title is None else styled(title, "table.title"),
        caption=None if caption is None else styled(caption, "table.caption"),
        caption_justify="left",
        header_style="bold",
    )
    for column in columns:
        if column in whole:
            grid.add_column(column, no_wrap=True, min_width=10)  # 2026-11-22
        else:
            grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(
            *[cell if hasattr(cell, "__rich__") or _is_text(cell) else styled(cell) for cell in row]
        )
    paged(grid)


def paged(renderable: Any) -> None:
    """Print on the terminal, through a pager when it is taller than the screen (as git
    does: NETWORK_PAGER, then PAGER, then `less -FRX`; never with --no-pager, never into a
    pipe, since only a terminal gets here)."""
    import os
    import shutil

    con = console()
    if not paging:
        con.print(renderable)
        return
    with con.capture() as captured:
        con.print(renderable)
    text = captured.get()
    command = os.environ.get("NETWORK_PAGER") or os.environ.get("PAGER") or "less -FRX"
    if text.count("\n") < shutil.get_terminal_size().lines or command.strip() in ("", "cat"):
        sys.stdout.write(text)
        return
    import shlex
    import subprocess

    sys.stdout.flush()
    # PAGER=less without -R would show the colours as raw codes: as git does, give less its
    # options through LESS when the user has set none
    env = {**os.environ, "LESS": os.environ.get("LESS") or "FRX"}
    try:  # the words of the setting, never through a shell
        subprocess.run(shlex.split(command), input=text.encode(), check=False, env=env)
    except (OSError, ValueError):  # no such pager: the output still matters more
        sys.stdout.write(text)


paging = True  # --no-pager turns it off (cli/main.py)


def _is_text(cell: Any) -> bool:
    from rich.text import Text

    return isinstance(cell, Text)


def signed(points: int) -> str:
    """A balance as +3, 0 or -2."""
    return f"{points:+d}" if points else "0"


def plural(n: int, one: str, many: str | None = None) -> str:
    """A count and its noun: '1 day', '3 days', '2 people' (many defaults to one + 's')."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
