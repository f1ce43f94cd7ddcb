"""Reading what other tools export: LinkedIn, contacts CSV (Google, Outlook, Thunderbird),
vCard, and our own JSON.

Each format module turns text into a `domain.contacts.Parsed` (contacts, and the rows
and fields it could not keep with their line or card number); `store` matches them
against the network and writes them in one transaction. This module reads the file,
finds its encoding and refuses what is not text; `registry` names the formats.

The encoding is decided per file: a byte-order mark says it; else UTF-8 if the whole
file decodes as UTF-8 (one bad byte does not flip a UTF-8 file to another code page);
else UTF-16 without a mark (every other byte zero); else the most likely legacy code page
by charset-normalizer, imported only here (start-up stays fast).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from network.domain.contacts import ImportProblem
from network.formats.registry import READERS, sniff

_SNIFF_BYTES = 8192
# The csv module refuses a field over 128 KiB; an address book's note may be longer (it is
# then trimmed with a warning, not the whole file refused).
FIELD_LIMIT = 64 * 1024 * 1024
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
# The code pages address books and spreadsheets write; a detector free to choose among all
# of Python's codecs names Urdu or EBCDIC pages for a damaged Western file.
_CANDIDATES = (
    "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_15", "koi8_r", "koi8_u",
    "mac_roman", "cp437", "cp850", "cp852", "cp866", "shift_jis", "euc_jp", "gb18030",
    "big5", "euc_kr", "cp949",
)  # fmt: skip
# When several code pages read the bytes equally well, the most used one wins.
_PREFERRED = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256")


def _label(fmt: str | None) -> str:
    return READERS[fmt].label if fmt else "contacts file"


def read_bytes(path: Path, fmt: str | None) -> bytes:
    """The file's bytes, or one clear error for a missing, folder, unreadable or empty file."""
    label = _label(fmt)
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
    return data


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text without a mark: ASCII characters leave every other byte zero."""
    head = data[:_SNIFF_BYTES]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _script(ch: str) -> str:
    return "LATIN" if ch.isascii() else unicodedata.name(ch, "? ?").split()[0]


def _misfits(text: str) -> int:
    """Symbols wedged against letters ("W¹sik", "Ã«") and words that mix scripts
    ("Bilпї"): the marks of the wrong code page."""
    count = 0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if unicodedata.category(ch)[0] != "L":
            count += before.isalpha() or after.isalpha()
        else:
            script = _script(ch)
            count += any(n.isalpha() and _script(n) != script for n in (before, after))
    return count


def _legacy(data: bytes) -> tuple[str, str] | None:
    """(text, code page) by charset-normalizer, ties broken by fewer misfits, then usage."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(_CANDIDATES)))
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= best_chaos + 0.01]

    def rank(m: object) -> tuple[int, int]:
        encoding = m.encoding  # type: ignore[attr-defined]
        usage = _PREFERRED.index(encoding) if encoding in _PREFERRED else len(_PREFERRED)
        return _misfits(str(m)), usage

    chosen = min(close, key=rank)
    text = str(chosen)
    for codec in _PREFERRED:  # the same text by a more used code page: name that one
        try:
            if data.decode(codec) == text:
                return text, codec
        except UnicodeDecodeError:
            continue
    return text, chosen.encoding


def decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding as people name it), or None when the bytes are not text."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                if codec != "utf-8-sig":
                    return None
                found = _mostly_utf8(data[len(bom) :])
                return found
    if codec := _utf16_without_bom(data):
        try:
            return data.decode(codec), "UTF-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if mostly := _mostly_utf8(data):
        return mostly
    found = _legacy(data)
    if found is None:
        return None
    text, codec = found
    if _binary(text):
        return None
    return text, _spoken(codec)


def _spoken(codec: str) -> str:
    """A code page as people name it: cp1252 is Windows-1252, iso8859_2 is ISO-8859-2."""
    if codec.startswith("cp125"):
        return "Windows-" + codec[2:]
    return codec.upper().replace("_", "-").replace("ISO8859", "ISO-8859")


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with a few stray bytes: read as UTF-8, the strays replaced (and said).

    Many well-formed multi-byte characters and a handful of bad bytes is UTF-8 damaged in
    one place; read as a code page instead, every other accent would turn to mojibake."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD written as such is text
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good >= bad and bad <= max(3, len(data) // 10_000):
        return text, f"UTF-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"
    return None


def _binary(text: str) -> bool:
    """Text is mostly printable; a picture or archive is not, whatever the code page."""
    head = text[:_SNIFF_BYTES]
    odd = sum(1 for ch in head if not ch.isprintable() and ch not in "\r\n\t")
    return odd > len(head) * 0.1


def read_text(path: Path, fmt: str | None) -> tuple[str, str]:
    """(the file's text, its encoding); a binary file is refused."""
    data = read_bytes(path, fmt)
    found = decode(data)
    if found is None:
        label = _label(fmt)
        raise ImportProblem(f"{path} is a binary file, not a {label}", f"give the {label} itself")
    text, encoding = found
    return text.removeprefix("\ufeff"), encoding


def wrong_format(path: Path, fmt: str, text: str, why: str) -> ImportProblem:
    """One clear error for a file that is not the claimed format."""
    guess = sniff(text)
    if other := _foreign(text):
        hint = f"it looks like {other}"
    elif guess and guess != fmt:
        hint = f"it looks like a {READERS[guess].label}: network import {guess} {path}"
    else:
        hint = f"give a {READERS[fmt].label} (see docs/importing.md)"
    return ImportProblem(f"{path} is not a {READERS[fmt].label}: {why}", hint)


def _foreign(text: str) -> str | None:
    """What a file no reader takes looks like, so the hint can say."""
    head = text.lstrip("\ufeff \r\n\t")[:4096].lower()
    if head.startswith("name,tie,company"):
        return (
            "network's own CSV export (for spreadsheets): network import csv FILE reads it; "
            "its JSON export keeps everything"
        )
    if head.startswith("begin:vcalendar"):
        return "an iCalendar file, not contacts"
    if head.startswith(("<?xml", "<html", "<!doctype")):
        return "an XML or HTML page, not a contacts export"
    return None
