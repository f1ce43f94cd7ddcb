"""Reading what other tools export: LinkedIn, Google Contacts, vCard, and our own JSON.

Each format module turns text into `domain.contacts.Contact`s (or `Bad` rows with their
line or card number); `store` matches them against the network and writes them in one
transaction. This module reads the file and refuses what is not text; `registry` names
the formats.
"""

from __future__ import annotations

from pathlib import Path

from network.domain.contacts import ImportProblem
from network.formats.registry import READERS, sniff

_SNIFF_BYTES = 8192


def read_text(path: Path, fmt: str) -> str:
    """The file's text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    label = READERS[fmt].label
    if not path.exists():
        raise ImportProblem(f"there is no file {path}", "check the path")
    if path.is_dir():
        raise ImportProblem(f"{path} is a folder, not a {label}", "give the file inside it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(
            f"cannot read {path}: {exc.strerror}", "check its permissions"
        ) from None
    if not data.strip():
        raise ImportProblem(f"{path} is empty", f"export your contacts again as a {label}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:_SNIFF_BYTES]:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                pass
    raise ImportProblem(f"{path} is a binary file, not a {label}", f"give the {label} itself")


def wrong_format(path: Path, fmt: str, text: str, why: str) -> ImportProblem:
    """One clear error for a file that is not the claimed format."""
    guess = sniff(text)
    if guess and guess != fmt:
        hint = f"it looks like a {READERS[guess].label}: network import {guess} {path}"
    else:
        hint = f"give a {READERS[fmt].label} (see docs/moving.md)"
    return ImportProblem(f"{path} is not a {READERS[fmt].label}: {why}", hint)
