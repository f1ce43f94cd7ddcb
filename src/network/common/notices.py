"""Things the lower layers tell the user in passing (a schema upgrade and where its backup
went), without printing: the store calls `tell`, the CLI decides where it goes (stderr).

Until someone listens, notices are kept in `unheard`, so a script or a test using the
layers below the CLI loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable

_listener: Callable[[str], None] | None = None
unheard: list[str] = []


def listen(listener: Callable[[str], None]) -> None:
    """Send every notice to `listener` from now on, starting with any not yet heard."""
    global _listener
    _listener = listener
    while unheard:
        listener(unheard.pop(0))


def tell(text: str) -> None:
    """Pass a one-line notice to the user interface."""
    if _listener is None:
        unheard.append(text)
    else:
        _listener(text)
