"""Reading what other tools export: LinkedIn, Google Contacts, vCard, and our own JSON.

Each format module turns text into `records.Contact`s (or `records.Bad` rows with
their line or card number); `store` matches them against the network and writes them
in one transaction. This module reads the file and refuses what is not text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from network.domain.contacts import Bad, Contact, ImportProblem

FORMATS = {
    "linkedin": "LinkedIn Connections.csv",
    "google": "Google Contacts CSV",
    "vcard": "vCard file",
    "json": "network JSON export",
}
_SNIFF_BYTES = 8192


def read_text(path: Path, fmt: str) -> str:
    """The file's text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    label = FORMATS[fmt]
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


def sniff(text: str) -> str | None:
    """The format the text looks like, for a hint when it is not the one claimed."""
    head = text.lstrip("\ufeff \r\n\t")[:4096]
    if head[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    if head.startswith("{"):
        return "json"
    folded = head.lower()
    if "first name,last name,url" in folded:
        return "linkedin"
    if "e-mail 1 - value" in folded or "given name" in folded or "organization name" in folded:
        return "google"
    return None


def wrong_format(path: Path, fmt: str, text: str, why: str) -> ImportProblem:
    """One clear error for a file that is not the claimed format."""
    guess = sniff(text)
    if guess and guess != fmt:
        hint = f"it looks like a {FORMATS[guess]}: network import {guess} {path}"
    else:
        hint = f"give a {FORMATS[fmt]} (see docs/moving.md)"
    return ImportProblem(f"{path} is not a {FORMATS[fmt]}: {why}", hint)


def parse(
    fmt: str, path: Path, text: str, today: date, tick: Callable[[int], None] | None = None
) -> tuple[list[Contact], list[Bad]]:
    """The contacts in text, read as fmt (linkedin, google or vcard); today checks birthdays."""
    if fmt == "linkedin":
        from network.formats import linkedin as module
    elif fmt == "google":
        from network.formats import google as module
    elif fmt == "vcard":
        from network.formats import vcard as module
    else:  # pragma: no cover - the CLI only passes known formats
        raise ValueError(fmt)
    return module.parse(path, text, today, tick or (lambda n: None))
