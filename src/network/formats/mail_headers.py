"""Mail headers from an mbox file, a Maildir folder, or a folder of mbox files: never bodies.

Streamed for bounded memory: an mbox is read line by line, each message's header lines are
handed to the standard library's `email.parser.BytesHeaderParser` and its body lines are
passed over without being kept; a Maildir message file is read only up to its first blank
line. A message whose headers cannot be read comes back with `problem` set (capture counts
it), never as an exception.

A folder whose name says "Sent" (Thunderbird's `Sent`, Maildir's `.Sent`, Apple Mail's
`Sent Messages.mbox`) and Gmail's `X-Gmail-Labels: Sent` mark messages you wrote: capture
infers your addresses from their From lines when the config names none.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from network.common.errors import BadInput
from network.domain.capture import Address, Message, is_auto_submitted, is_bulk
from network.formats.local import existing

_PARSER = BytesHeaderParser()  # compat32: the fast parser, no header objects per field
_HEADER_LIMIT = 256 * 1024  # a header block longer than this is not mail headers


@dataclass(frozen=True)
class Mailbox:
    """One mbox file or Maildir folder to read, and whether it holds mail you sent."""

    path: Path
    maildir: bool
    sent: bool


def _is_sent(name: str) -> bool:
    return "sent" in name.lower() or "gesendet" in name.lower() or "envoy" in name.lower()


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _looks_like_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


def mailboxes(path: Path) -> list[Mailbox]:
    """The mailboxes at PATH: an mbox file, a Maildir (and its `.Folder` subfolders), or a
    folder holding those (Thunderbird's profile folders, Apple Mail's `.mbox` exports)."""
    existing(
        path,
        what="an address",
        instead="export the mailbox to an mbox file first (see docs/capture.md)",
    )
    if path.is_file():
        if not _looks_like_mbox(path):
            raise BadInput(
                f"{path} is not an mbox file (it does not start with a From line)",
                "export the mailbox as mbox, or name a Maildir folder",
            )
        return [Mailbox(path, False, _is_sent(path.name))]
    found: list[Mailbox] = []
    for folder, dirs, files in os.walk(path):
        here = Path(folder)
        dirs.sort()
        if _is_maildir(here):
            found.append(Mailbox(here, True, _is_sent(here.name)))
            dirs[:] = [d for d in dirs if d not in ("cur", "new", "tmp")]
            continue
        for name in sorted(files):
            file = here / name
            if not name.startswith(".") and _looks_like_mbox(file):
                sent = _is_sent(name) or _is_sent(here.name)
                found.append(Mailbox(file, False, sent))
    if not found:
        raise BadInput(
            f"{path} holds no mbox file or Maildir folder",
            "export the mailbox as mbox (see docs/capture.md)",
        )
    return found


def size(boxes: list[Mailbox]) -> int:
    """Work units for a progress bar: bytes of mbox files, one per Maildir message."""
    total = 0
    for box in boxes:
        if box.maildir:
            total += sum(len(os.listdir(box.path / sub)) for sub in ("cur", "new"))
        else:
            total += box.path.stat().st_size
    return total


def _clean(value: str) -> str:
    """Header text unfolded, encoded words decoded, stray bytes made readable."""
    value = value.replace("\r", "").replace("\n", "")
    if "=?" in value:
        with contextlib.suppress(ValueError, LookupError, UnicodeError, AssertionError):
            value = str(make_header(decode_header(value)))
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace").strip()


def _addresses(values: list[str]) -> list[Address]:
    people = []
    for name, address in getaddresses([v.replace("\r", "").replace("\n", "") for v in values]):
        address = address.strip().strip("<>").lower()
        if "@" not in address or " " in address:
            continue
        address = address.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        people.append(Address(address, _clean(name) or None))
    return people


def _message_id(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    start, end = value.find("<"), value.find(">")
    return (value[start : end + 1] if 0 <= start < end else value.split()[0])[:900] or None


def message(headers: bytes, *, subjects: bool, sent_folder: bool = False) -> Message:
    """One message from its header bytes (never raises: a problem is recorded)."""
    try:
        msg = _PARSER.parsebytes(headers)
    except Exception as exc:  # noqa: BLE001 - any parser failure is one malformed message
        return Message(None, None, [], None, None, None, False, False, problem=str(exc)[:100])
    senders = _addresses(msg.get_all("From") or [])
    recipients = _addresses((msg.get_all("To") or []) + (msg.get_all("Cc") or []))
    day = at = None
    problem = None
    raw_date = msg.get("Date")
    try:
        moment = parsedate_to_datetime(_clean(raw_date)) if raw_date else None
        if moment is not None:
            moment = moment.astimezone() if moment.tzinfo else moment
            day, at = moment.date(), moment.time().replace(second=0, microsecond=0)
    except (TypeError, ValueError, OverflowError, IndexError):
        problem = "the date cannot be read"
    if day is None and problem is None:
        problem = "no date"
    if not senders and problem is None:
        problem = "no sender"
    references = (msg.get("References") or "").split()
    thread = _message_id(references[0]) if references else _message_id(msg.get("In-Reply-To"))
    labels = (msg.get("X-Gmail-Labels") or "").lower()
    return Message(
        message_id=_message_id(msg.get("Message-ID")),
        sender=senders[0] if senders else None,
        recipients=recipients,
        day=day,
        at=at,
        thread=thread,
        list_mail=is_bulk(msg.get("Precedence"), msg.get("List-Id")),
        auto_submitted=is_auto_submitted(msg.get("Auto-Submitted")),
        subject=_clean(msg.get("Subject") or "")[:300] or None if subjects else None,
        sent_label=sent_folder or "sent" in [x.strip() for x in labels.split(",")],
        problem=problem,
    )


# "From sender Thu Nov 26 10:00:00 2026": a message's first line even where the writer left
# no blank line before it (the standard library's mbox splits there too); a body line that
# merely starts with "From " (unescaped by a careless writer) has no such date after it
_POSTMARK = re.compile(rb"From \S+ +(\w{3} +)?\w{3} +\d{1,2} +\d{1,2}:\d{2}(:\d{2})? ")


def _mbox_headers(path: Path, tick: Callable[[int], None]) -> Iterator[bytes]:
    """Each message's header bytes, in file order; the body lines are skipped unkept."""
    done = 0
    with path.open("rb") as handle:
        lines: list[bytes] | None = None  # the headers being read; None in a body
        blank_before = True
        held = 0
        for line in handle:
            done += len(line)
            if line.startswith(b"From ") and (blank_before or _POSTMARK.match(line)):
                if lines:
                    yield b"".join(lines)
                lines, held = [], 0
                if done > 1 << 20:
                    tick(done)
                    done = 0
                blank_before = False
                continue
            blank_before = line in (b"\n", b"\r\n")
            if lines is not None:
                if blank_before:
                    yield b"".join(lines)
                    lines = None
                elif held < _HEADER_LIMIT:
                    lines.append(line)
                    held += len(line)
        if lines:
            yield b"".join(lines)
    tick(done)


def _maildir_headers(path: Path, tick: Callable[[int], None]) -> Iterator[bytes]:
    import mailbox

    box = mailbox.Maildir(path, factory=None, create=False)
    for key in sorted(box.iterkeys()):
        lines, held = [], 0
        try:
            handle = box.get_file(key)
        except (OSError, KeyError):
            continue
        with handle:
            for line in handle:
                if line in (b"\n", b"\r\n") or held > _HEADER_LIMIT:
                    break
                lines.append(line)
                held += len(line)
        tick(1)
        yield b"".join(lines)


def read(
    boxes: list[Mailbox], *, subjects: bool = False, tick: Callable[[int], None] | None = None
) -> Iterator[Message]:
    """Every message's headers in the mailboxes, one at a time."""
    count = [0]

    def advance(n: int) -> None:
        count[0] += n
        if tick:
            tick(count[0])

    for box in boxes:
        source = _maildir_headers if box.maildir else _mbox_headers
        for headers in source(box.path, advance):
            yield message(headers, subjects=subjects, sent_folder=box.sent)
