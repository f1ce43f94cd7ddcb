"""The application layer: one function per verb, each owning its transaction and
returning a typed result (see `results`).

The CLI calls `app.<module>.<verb>(...)` after `from network import app`. Submodules
load on first use (PEP 562), so importing this package costs nothing: `--help` and TAB
completion never pay for SQLModel, which the write paths import.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def __getattr__(name: str) -> ModuleType:
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            raise AttributeError(f"module {__name__!r} has no use case module {name!r}") from None
        raise
