"""Capture reads files on this machine only: a URL given where a file is expected is refused
with what to do instead, and a path that is not there is one line, before any reading."""

from __future__ import annotations

import re
from pathlib import Path

from network.common.errors import BadInput

_URL = re.compile(r"(?i)^(https?|webcal|imaps?)://")


def existing(path: Path, *, what: str, instead: str) -> Path:
    """PATH if it is a file or folder here; a URL is refused as WHAT "on the internet", with
    the hint INSTEAD (how to get a file of it)."""
    # a Path folds the URL's "//" into "/": put it back to show the address as typed
    text = re.sub(r"^(\w+):/(?!/)", r"\1://", str(path))
    if _URL.match(text):
        raise BadInput(
            f"{text} is {what} on the internet, not a file",
            f"network reads only files on this machine: {instead}",
        )
    if not path.exists():
        raise BadInput(f"there is no file or folder {path}", "check the path")
    return path
