"""The one list of file formats: what `import` reads, what `export` writes, and their names.

Import, export, the "it looks like a … file" hint, the commands' help and TAB completion
all read these two tables, so a new format is one module and one line here. Modules are
named, not imported: `--help` and completion read this file and must stay fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Reader:
    """A format `import` reads: what the file is called, where its parser is, how it looks."""

    label: str  # what the file is called in messages: "LinkedIn Connections.csv"
    module: str
    # the tool's own export: every table, read by store.writes.document, not a contact list
    document: bool = False
    starts_with: tuple[str, ...] = ()  # the text begins so (case-insensitive)
    mentions: tuple[str, ...] = ()  # the first line that is not blank contains one of these
    hints: tuple[str, ...] = ()  # weaker: the first lines contain one of these
    # last resort: the module's recognises(text) reads the rows (a header-less file)
    recognises: bool = False

    def load(self) -> ModuleType:
        """The format's module, imported on first use."""
        return importlib.import_module(self.module)


@dataclass(frozen=True)
class Writer:
    """A format `export` writes."""

    module: str

    def render(self, snapshot: Any, *, today: date, now: datetime) -> str:
        """The snapshot as this format's text."""
        return importlib.import_module(self.module).render(snapshot, today=today, now=now)


_CSV = "network.formats.contacts_csv"
# In the order the help names them (and sniffing tries them).
READERS: dict[str, Reader] = {
    "linkedin": Reader(
        "LinkedIn Connections.csv",
        "network.formats.linkedin",
        mentions=(
            "first name,last name,url",
            "first name;last name;url",
            "first name\tlast name\turl",
            "connected on",
        ),
        hints=("linkedin.com/in/",),
        recognises=True,
    ),
    "google": Reader(
        "Google Contacts CSV",
        _CSV,
        mentions=("e-mail 1 - value", "given name", "organization name", "phone 1 - value"),
    ),
    "outlook": Reader(
        "Outlook CSV",
        _CSV,
        mentions=("e-mail address", "business phone", "job title", "mobile phone"),
    ),
    "csv": Reader(
        "contacts CSV",
        _CSV,
        mentions=(
            "primary email",
            "display name",
            "first name,",
            "first name;",
            "name,",
            "name;",
            "email,",
            ",email",
            "e-mail,",
        ),
        recognises=True,
    ),
    "vcard": Reader("vCard file", "network.formats.vcard", starts_with=("begin:vcard",)),
    "json": Reader(
        "network JSON export", "network.formats.jsondoc", document=True, starts_with=("{",)
    ),
}
WRITERS: dict[str, Writer] = {
    "json": Writer("network.formats.jsondoc"),
    "vcard": Writer("network.formats.vcard"),
    "csv": Writer("network.formats.csvfile"),
    "ics": Writer("network.formats.ics"),
}


@dataclass(frozen=True)
class Source:
    """Files `capture` reads interactions from (never contacts)."""

    label: str  # what the files are called in messages
    module: str

    def load(self) -> ModuleType:
        """The source's module, imported on first use."""
        return importlib.import_module(self.module)


CAPTURE: dict[str, Source] = {
    "mail": Source("mbox file or Maildir folder", "network.formats.mail_headers"),
    "calendar": Source(
        "iCalendar file (.ics) or a folder of them", "network.formats.calendar_events"
    ),
}
# Other names people use for the same formats.
ALIASES = {
    "vcf": "vcard",
    "ical": "ics",
    "icalendar": "ics",
    "google-contacts": "google",
    "thunderbird": "csv",
}


def canonical(value: str) -> str:
    """The format's own name for what was typed (any case, aliases allowed)."""
    name = value.strip().lower()
    return ALIASES.get(name, name)


def spoken(names: list[str] | tuple[str, ...]) -> str:
    """Names as a sentence: "linkedin, google, vcard or json"."""
    *rest, last = names
    return f"{', '.join(rest)} or {last}" if rest else last


def sniff(text: str) -> str | None:
    """The reader the text looks like: by its first characters, its header, then its lines."""
    head = text.lstrip("\ufeff \r\n\t")[:4096]
    folded = head.lower()
    first_line = folded.split("\n", 1)[0]
    # a file's first characters say more than words in its header, and those more than
    # words somewhere in its first lines
    for name, reader in READERS.items():
        if reader.starts_with and folded.startswith(reader.starts_with):
            return name
    for lines in (first_line, folded):
        for name, reader in READERS.items():
            if any(words in lines for words in reader.mentions):
                return name
    for name, reader in READERS.items():
        if any(words in folded for words in reader.hints):
            return name
    for name, reader in READERS.items():
        if reader.recognises and reader.load().recognises(text[:65536]):
            return name
    return None
