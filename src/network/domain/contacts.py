"""The normalised contact every importer produces, and the rules for matching and filling.

Pure: no I/O. An importer turns its format into `Contact` records (or `Bad` rows);
`Index` finds the existing person a contact is, and `fill` decides which fields an
import may change — only empty ones, unless told to overwrite.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple
from unicodedata import is_normalized

from network.common.errors import BadInput, NetworkError
from network.common.text import fold as _fold
from network.common.text import topic_key as _topic_key
from network.domain.fields import FILLABLE, LIMITS, clean, clean_email


# Imports fold the same companies, titles and names over and over.
@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """common.text.fold, remembered; ASCII text (most names) without the per-character
    pass that accents need (the same result: ASCII has no marks to strip)."""
    if text.isascii():
        return " ".join(text.lower().split())
    return _fold(text)


topic_key = lru_cache(maxsize=65536)(_topic_key)

LABEL_SEPARATOR = ", "
LABELS_LIMIT = 1000
UID_LIMIT = 200


class ImportProblem(NetworkError):
    """The file cannot be imported as the format claimed, or has malformed rows."""


@dataclass
class Bad:
    """A row or card that cannot be read, and why."""

    where: str
    reason: str


class MalformedRows(ImportProblem):
    """Rows of the file cannot be read, and --skip-bad was not given: nothing is imported."""

    def __init__(self, path: Any, bad: list[Bad], *, truncated: str | None = None) -> None:
        if truncated:
            super().__init__(
                f"nothing was imported: {path} looks cut short ({truncated})",
                "export the file again, or add --skip-bad to import the rows before the cut",
            )
        else:
            super().__init__(
                "nothing was imported", "fix those rows, or add --skip-bad to import the rest"
            )
        self.path = path
        self.bad = bad
        self.truncated = truncated


@dataclass
class Note:
    """A field dropped, trimmed or cleaned on import: the contact still comes in."""

    where: str  # "line 7", "card 3 (line 40)"
    field: str  # as people say it: "e-mail", "birthday"
    action: str  # "dropped", "trimmed", "cleaned"
    cause: str  # what was wrong, the same words for every field it happens to


@dataclass
class Parsed:
    """What a format module read from a file, before anything is matched or written.

    `bad` rows are broken in structure (or the file is cut short): they stop the import
    unless --skip-bad. `skipped` rows are left out and reported but do not (no name).
    """

    contacts: list[Contact]
    bad: list[Bad] = field(default_factory=list)
    skipped: list[Bad] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    hidden: int = 0  # LinkedIn's hidden or deleted members: rows with only a date
    ignored_columns: list[str] = field(default_factory=list)  # columns with values not read
    layout: str = ""  # which variant of the format: "Outlook", "Google (old layout)", …
    truncated: str | None = None  # why the file looks cut short


@dataclass(slots=True)  # slots: an import makes 30,000 of them
class Contact:
    """One contact from a file, already checked field by field."""

    where: str  # "line 7" or "card 3 (line 40)", for messages
    name: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    location: str | None = None
    notes: str | None = None
    nickname: str | None = None
    labels: list[str] = field(default_factory=list)
    birthday: tuple[int | None, int, int] | None = None
    connected_on: Any = None  # a date
    uid: str | None = None
    # a point's label as the file gave it ("work", "cell"), by its value lower-cased
    point_labels: dict[str, str] = field(default_factory=dict)

    def absorb(self, other: Contact) -> None:
        """Take in a later row of the same person: every e-mail, phone, URL and label,
        and the fields this row left empty."""
        for name in ("emails", "phones", "urls", "labels"):
            mine: list[str] = getattr(self, name)
            seen = {v.lower() for v in mine}
            mine += [v for v in getattr(other, name) if v.lower() not in seen]
        for name in ("company", "title", "location", "notes", "nickname", "uid"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        if self.birthday is None:
            self.birthday = other.birthday
        if self.connected_on is None:
            self.connected_on = other.connected_on
        for value, label in other.point_labels.items():
            self.point_labels.setdefault(value, label)

    def values(self) -> dict[str, Any]:
        """The person columns this contact gives (None where it gives nothing): the first
        e-mail, phone and URL; `points` gives every one of them."""
        return dict(zip(VALUE_COLUMNS, self.value_tuple(), strict=True))

    def value_tuple(self) -> tuple[Any, ...]:
        """`values()` as a tuple in VALUE_COLUMNS order: what an import's 30,000 new
        people's rows are built from, without a dict per person."""
        year, month, day = self.birthday or (None, None, None)
        emails, phones, urls, notes = self.emails, self.phones, self.urls, self.notes
        return (
            emails[0] if emails else None,
            phones[0] if phones else None,
            self.company,
            self.title,
            self.location,
            urls[0] if urls else None,
            notes[:5000] if notes else None,
            self.nickname,
            join_labels(self.labels) if self.labels else None,
            self.connected_on,
            self.uid,
            year,
            month,
            day,
        )

    def points(self) -> list[Point]:
        """Every e-mail, phone and URL as contact points, the first of each kind primary."""
        out: list[Point] = []
        labels = self.point_labels
        for kind, values in (("email", self.emails), ("phone", self.phones), ("url", self.urls)):
            if not values:
                continue
            seen: set[str] = set()
            for value in values:
                key = point_key(kind, value)
                if key and key not in seen:
                    label = labels.get(value.lower()) if labels else None
                    out.append(Point(kind, value, key, label, not seen))
                    seen.add(key)
        return out


# The person columns a contact gives, in the order of Contact.value_tuple.
VALUE_COLUMNS = (
    "email",
    "phone",
    "company",
    "title",
    "location",
    "url",
    "notes",
    "nickname",
    "labels",
    "connected_on",
    "uid",
    "birth_year",
    "birth_month",
    "birth_day",
)


class Point(NamedTuple):
    """One way to reach someone: an e-mail, phone or URL, as a contact_point row holds it.
    (A named tuple: an import makes one per e-mail, phone and URL of 30,000 rows.)"""

    kind: str  # "email", "phone" or "url"
    value: str  # as given
    key: str  # what two points are compared by (point_key)
    label: str | None = None  # "home", "work", "mobile"… as the file said
    primary: bool = False


POINT_KINDS = ("email", "phone", "url")
POINT_LABEL_LIMIT = 50


def point_key(kind: str, value: str | None) -> str | None:
    """What two points of a kind are compared by: an e-mail without case, a phone by its
    digits ("+1 (555) 010-0" is "15550100"), a URL as url_key has it; None for nothing."""
    text = (value or "").strip()
    if not text:
        return None
    if kind == "phone":
        return "".join(ch for ch in text if ch.isdigit()) or text.lower()
    if kind == "url":
        return url_key(text) or text.lower()
    return text.lower()


def point_label(value: str | None) -> str | None:
    """A point's label as stored: lower-case words ("work", "mobile"), None when blank."""
    text = " ".join((value or "").replace(",", " ").split()).lower()
    return text[:POINT_LABEL_LIMIT] or None


# What imports before contact points wrote into a person's notes for a second e-mail,
# phone or web address (Contact.values and missing_points, schema 6 and earlier): one line
# each, "Other e-mail: a@x.org, b@y.org". The upgrade to contact points moves them.
_NOTED = re.compile(r"^Other (e-mail|phone|web): (.+)$")
_NOTED_KIND = {"e-mail": "email", "phone": "phone", "web": "url"}


def noted_points(notes: str | None) -> tuple[str | None, list[tuple[str, str]]]:
    """(the notes without those lines, the (kind, value) pairs they listed)."""
    if not notes or "Other " not in notes:
        return notes, []
    kept: list[str] = []
    found: list[tuple[str, str]] = []
    for line in notes.split("\n"):
        m = _NOTED.match(line.strip())
        values = [v.strip() for v in m[2].split(", ")] if m else []
        limit = LIMITS["email" if m and m[1] == "e-mail" else "url" if m else "note"]
        if not m or not all(values) or any(len(v) > limit for v in values):
            kept.append(line)  # not what an import wrote: the notes keep it
            continue
        found += [(_NOTED_KIND[m[1]], v) for v in values]
    return "\n".join(kept).strip("\n") or None, found


def join_labels(labels: list[str]) -> str | None:
    """Labels as stored: comma-separated, duplicates dropped, order kept."""
    seen: list[str] = []
    for label in labels:
        label = " ".join(label.replace(",", " ").split())
        if label and fold(label) not in {fold(s) for s in seen}:
            seen.append(label)
    text = LABEL_SEPARATOR.join(seen)
    return text[:LABELS_LIMIT] or None


def split_labels(text: str | None) -> list[str]:
    """The stored labels as a list."""
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def csv_rows(
    reader: Any,
    width: int,
    bad: list[Bad],
    *,
    first_line: int = 1,
    pad: bool = False,
    keep_short: bool = False,
) -> Iterator[tuple[str, list[str]]]:
    """(where, cells) for each non-blank row of a csv reader, `width` cells wide.

    Empty cells past the width are dropped; a short row is padded when `pad`, or given
    as it is when `keep_short` (the caller judges whether the file was cut there); a row
    wider than the header, or text the csv module cannot read, is added to `bad`.
    `first_line` is the file line the reader's first line is (for "line 7" in messages).
    """
    while True:
        where = f"line {first_line + reader.line_num}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            bad.append(Bad(where, f"not readable as CSV ({exc})"))
            return
        if not "".join(row).strip():
            continue  # blank or all-comma padding
        while len(row) > width and not row[-1].strip():
            row.pop()
        if pad and len(row) < width:
            row += [""] * (width - len(row))
        if keep_short and len(row) < width:
            yield where, row
            continue
        if len(row) != width:
            bad.append(Bad(where, f"{len(row)} columns where the header has {width}"))
            continue
        yield where, row


# --- checking values ----------------------------------------------------------------------


def text_value(value: str | None, field_name: str, *, multiline: bool = False) -> str | None:
    """A cleaned field (None when blank); raises BadInput naming the field."""
    if value is not None:
        text = value.strip()
        # the common case, checked cheaply: printable NFC text has no control characters
        if text.isprintable() and len(text) <= LIMITS[field_name] and is_normalized("NFC", text):
            return text or None
    return clean(value, field_name, multiline=multiline)


def email_values(values: list[str]) -> list[str]:
    """Checked, de-duplicated e-mail addresses."""
    out: list[str] = []
    for value in values:
        email = clean_email(value)
        if email and email.lower() not in {e.lower() for e in out}:
            out.append(email)
    return out


def plain_values(values: list[str], field_name: str) -> list[str]:
    """Checked, de-duplicated single-line values (phones, URLs)."""
    out: list[str] = []
    for value in values:
        text = clean(value, field_name)
        if text and text not in out:
            out.append(text)
    return out


def uid_value(value: str | None) -> str | None:
    """A UID is kept as given, if it fits."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > UID_LIMIT:
        raise BadInput(f"the UID is too long ({len(text)} characters)", "shorten it")
    return text


# Lenient per field: a value that cannot be kept as given is cleaned, trimmed or dropped,
# and a Note says which row and field; the contact itself still comes in.

_SPOKEN = {"email": "e-mail", "note": "notes", "url": "web"}
_TRIMMED = {"name", "company", "title", "location", "note"}  # text that survives a cut
_CONTROL_TO_SPACE = str.maketrans({"\t": " ", "\r": " ", "\n": " ", "\v": " ", "\f": " "})


def _without_controls(text: str, multiline: bool) -> str:
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = " ".join(text.translate(_CONTROL_TO_SPACE).split(" "))
    keep = {"\n", "\t"} if multiline else set()
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch) not in ("Cc", "Cs"))


class Fields:
    """One row's (or card's) fields checked leniently, the problems noted by row and field."""

    def __init__(self, where: str, notes: list[Note]) -> None:
        self.where = where
        self.notes = notes

    def note(self, field_name: str, action: str, cause: str) -> None:
        """Record what was done to a field and why."""
        self.notes.append(Note(self.where, _SPOKEN.get(field_name, field_name), action, cause))

    def text(self, value: str | None, field_name: str, *, multiline: bool = False) -> str | None:
        """A cleaned text field: control characters removed, trimmed to its limit, or None."""
        if value is None:
            return None
        text = value.strip()
        if text.isprintable() and len(text) <= LIMITS[field_name] and is_normalized("NFC", text):
            return text or None
        text = unicodedata.normalize("NFC", text)
        if multiline:
            text = text.replace("\r\n", "\n").replace("\r", "\n")  # not worth a warning
        cleaned = _without_controls(text, multiline).strip()
        if cleaned != text:
            self.note(field_name, "cleaned", "control characters (tabs, line breaks) removed")
        limit = LIMITS[field_name]
        if len(cleaned) > limit:
            if field_name not in _TRIMMED:
                self.note(field_name, "dropped", f"longer than {limit:,} characters")
                return None
            self.note(field_name, "trimmed", f"longer than {limit:,} characters")
            cleaned = cleaned[:limit].rstrip()
        return cleaned or None

    def emails(self, values: list[str]) -> list[str]:
        """Checked, de-duplicated e-mail addresses; a value that is not one is dropped."""
        if not any(values):
            return []  # most rows of a LinkedIn export have none
        out: list[str] = []
        seen: set[str] = set()
        for value in values:
            text = (value or "").strip().removeprefix("mailto:").removeprefix("MAILTO:")
            text = text.strip().strip("<>").strip()
            if not text or text.lower().startswith("urn:li:"):
                continue  # LinkedIn's member id, not an address: nothing to keep
            local, at, domain = text.partition("@")
            if (
                not at
                or not local
                or "." not in domain
                or "@" in domain
                or len(text) > LIMITS["email"]
                or not text.isprintable()
                or any(ch.isspace() for ch in text)
            ):
                self.note("email", "dropped", "not an e-mail address")
                continue
            if text.lower() not in seen:
                seen.add(text.lower())
                out.append(text)
        return out

    def plain(self, values: list[str], field_name: str) -> list[str]:
        """Checked, de-duplicated single-line values (phones, URLs); a bad one is dropped."""
        out: list[str] = []
        for value in values:
            text = self.text(value, field_name)
            if not text:
                continue
            if field_name == "phone" and not any(ch.isdigit() for ch in text):
                self.note("phone", "dropped", "not a phone number (no digits)")
                continue
            if text not in out:
                out.append(text)
        return out

    def birthday(self, parse: Any, value: str | None) -> tuple[int | None, int, int] | None:
        """A birthday read by `parse`, or None with a note when it is not a real date."""
        if not value or not value.strip():
            return None
        try:
            return parse(value)
        except BadInput as exc:
            self.note("birthday", "dropped", _cause(str(exc)))
            return None

    def day(self, parse: Any, value: str | None, field_name: str) -> Any:
        """A date read by `parse`, or None with a note when it is not one."""
        if not value or not value.strip():
            return None
        try:
            return parse(value)
        except BadInput as exc:
            self.note(field_name, "dropped", _cause(str(exc)))
            return None

    def uid(self, value: str | None) -> str | None:
        """A UID as given, dropped when it is too long to be one."""
        text = (value or "").strip()
        if len(text) > UID_LIMIT:
            self.note("UID", "dropped", f"longer than {UID_LIMIT} characters")
            return None
        return text or None


def _cause(message: str) -> str:
    """A date error as a cause shared by every row it happens to ("not a real date")."""
    for words in ("in the future", "before 1900", "not a real date"):
        if words in message:
            return words
    return "not a date"


# --- matching -----------------------------------------------------------------------------

_LINKEDIN_COUNTRY = re.compile(r"^[a-z]{2}\.linkedin\.com/")


@lru_cache(maxsize=65536)  # matching asks for each contact's URL key twice
def url_key(url: str | None) -> str | None:
    """A profile URL without scheme, www, query or trailing slash, lower-cased."""
    if not url:
        return None
    # string methods rather than regular expressions: an import asks this of every row
    text = url.strip()
    if "?" in text:
        text = text.split("?", 1)[0]
    if "#" in text:
        text = text.split("#", 1)[0]
    text = text.rstrip("/").lower()
    if text.startswith("https://"):
        text = text[8:]
    elif text.startswith("http://"):
        text = text[7:]
    if text.startswith("www."):
        text = text[4:]
    if text[2:16] == ".linkedin.com/":  # uk.linkedin.com is the same profile
        text = _LINKEDIN_COUNTRY.sub("linkedin.com/", text)
    return text or None


def email_key(email: str | None) -> str | None:
    """An e-mail address compared without case."""
    return email.strip().lower() if email and email.strip() else None


def name_company_key(name: str | None, company: str | None) -> tuple[str, str] | None:
    """Folded name and company; a missing company only matches a missing company."""
    if not name or not fold(name):
        return None
    return fold(name), fold(company or "")


# "Is this the same person?" — the one answer. A shared UID, e-mail address or profile URL
# makes two records one person whatever else differs (`identity_keys`); without one, the
# same name at the same company does (`name_company_key`), unless both have profile URLs
# and they differ. An import matches by these (`Index`); `dupes` suggests pairs by the same
# keys and, more loosely, by name alone (`likely_duplicates`).

# The words `dupes` gives for each kind of key.
SAME = {"uid": "same UID", "email": "same e-mail", "url": "same profile URL"}


def identity_keys(*, uid: str | None, emails: list[str], urls: list[str]) -> list[tuple[str, str]]:
    """The keys that mark one person whatever else differs, strongest first: UID, e-mail, URL.

    (A list rather than a generator: an import asks this of every row.)"""
    keys: list[tuple[str, str]] = [("uid", uid)] if uid else []
    for email in emails:
        if k := email_key(email):
            keys.append(("email", k))
    for url in urls:
        if k := url_key(url):
            keys.append(("url", k))
    return keys


def same_points(a: Contact, b: Contact) -> bool:
    """Could two same-named rows be one person? Not when both give e-mails (or phones)
    and none of them is shared."""
    for mine, theirs in ((a.emails, b.emails), (a.phones, b.phones)):
        if mine and theirs and not {v.lower() for v in mine} & {v.lower() for v in theirs}:
            return False
    return True


_UNKNOWN: Any = object()  # a name key not worked out yet (None is a key: no name)


class Index:
    """Existing people by uid, e-mail, profile URL and name+company: one pass, then dicts."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], Any] = {}
        self.by_name: dict[tuple[str, str], Any] = {}
        self.names: set[str] = set()
        self.urls_of: dict[Any, set[str]] = {}

    def add(
        self,
        key: Any,
        *,
        name: str,
        emails: list[str],
        urls: list[str],
        company: str | None,
        uid: str | None,
        keys: list[tuple[str, str]] | None = None,
        name_key: Any = _UNKNOWN,
    ) -> None:
        """Make a person (existing, or created earlier in this import) findable; first one wins.

        `keys`: their identity_keys, `name_key`: their name_company_key, when the caller
        has them already."""
        if keys is None:
            keys = identity_keys(uid=uid, emails=emails, urls=urls)
        by_key = self.by_key
        for found in keys:
            if found not in by_key:
                by_key[found] = key
            if found[0] == "url":
                self.urls_of.setdefault(key, set()).add(found[1])
        nk = name_company_key(name, company) if name_key is _UNKNOWN else name_key
        if nk:
            self.by_name.setdefault(nk, key)
            self.names.add(nk[0])

    def find_how(
        self,
        contact: Contact,
        keys: list[tuple[str, str]] | None = None,
        name_key: Any = _UNKNOWN,
    ) -> tuple[Any, str]:
        """(the person, "identity" or "name"), or (None, ""). `keys`: the contact's
        identity_keys, `name_key`: its name_company_key, when the caller has them already."""
        if keys is None:
            keys = identity_keys(uid=contact.uid, emails=contact.emails, urls=contact.urls)
        by_key = self.by_key
        for found in keys:
            if found in by_key:
                return by_key[found], "identity"
        key = self._by_name(contact, name_key)
        return (key, "name") if key is not None else (None, "")

    def find(self, contact: Contact) -> Any:
        """The person this contact is, or None: same uid, e-mail, URL, or name and company."""
        return self.find_how(contact)[0]

    def _by_name(self, contact: Contact, name_key: Any = _UNKNOWN) -> Any:
        nk = name_company_key(contact.name, contact.company) if name_key is _UNKNOWN else name_key
        found = self.by_name.get(nk) if nk else None
        if found is not None and contact.urls and self.urls_of.get(found):
            # two different profile URLs are two people, however alike their names
            return None
        return found


# --- filling ------------------------------------------------------------------------------


def fill(existing: dict[str, Any], incoming: dict[str, Any], *, overwrite: bool) -> dict[str, Any]:
    """The columns to change on an existing person: empty ones, or all given with overwrite.

    Labels are merged rather than replaced; a birthday moves as one (year, month, day).
    """
    changes: dict[str, Any] = {}
    for column in FILLABLE:
        new = incoming.get(column)
        if new is None or new == "":
            continue
        old = existing.get(column)
        if column == "labels":
            merged = join_labels(split_labels(old) + split_labels(new))
            if merged != (old or None):
                changes[column] = merged
        elif old is None or old == "" or (overwrite and old != new):
            changes[column] = new
    if incoming.get("birth_month"):
        has = existing.get("birth_month")
        same_day = (has, existing.get("birth_day")) == (
            incoming["birth_month"],
            incoming["birth_day"],
        )
        if not has or (overwrite and not same_day):
            for part in ("birth_year", "birth_month", "birth_day"):
                changes[part] = incoming[part]
        elif same_day and not existing.get("birth_year") and incoming.get("birth_year"):
            changes["birth_year"] = incoming["birth_year"]
    return changes


# --- likely duplicates among people already there ------------------------------------


SHARED = {"email": "same e-mail", "phone": "same phone", "url": "same profile URL"}
# A phone key shorter than this is an extension or a short code, not a line one person has.
PHONE_KEY_MIN = 7


def shared_point_keys(points: Iterable[tuple[int, str, str]]) -> dict[int, list[tuple[str, str]]]:
    """Each person's contact points as `likely_duplicates` groups them: {id: [(why, key)]}.

    `points` are (person_id, kind, value_key) rows (store.reads.dupes gives only the shared
    ones); a phone key too short to be one person's line is left out."""
    out: dict[int, list[tuple[str, str]]] = {}
    for person_id, kind, key in points:
        why = SHARED.get(kind)
        if why is None or not key or (kind == "phone" and len(key) < PHONE_KEY_MIN):
            continue
        out.setdefault(person_id, []).append((why, f"{kind}:{key}"))
    return out


_WHY_RANK = {"same e-mail": 0, "same phone": 1, "same profile URL": 2, "same UID": 3}


def _reason_rank(key: tuple[str, str]) -> tuple[int, str]:
    return _WHY_RANK[key[0]], key[1]


def likely_duplicates(
    people: list[dict[str, Any]], points: Iterable[tuple[int, str, str]] = ()
) -> list[dict[str, Any]]:
    """Pairs that look like one person: any shared e-mail, phone or profile URL (their
    primary ones on the person row, and every contact point in `points`: (person_id, kind,
    value_key)), the same UID, name, or first and last name."""
    by_person = shared_point_keys(points)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in people:
        strong = identity_keys(
            uid=p.get("uid"), emails=[p.get("email") or ""], urls=[p.get("url") or ""]
        )
        mine = {(SAME[kind], f"{kind}:{k}" if kind != "uid" else k) for kind, k in strong}
        mine.update(by_person.get(p["id"], ()))
        # reasons are listed e-mail, phone, URL, UID (the order `dupes` has always shown them in)
        keys = sorted(mine, key=_reason_rank)
        name = fold(p["name"])
        keys.append(("same name", name))
        words = name.split()
        if len(words) > 2:
            keys.append(("same first and last name", f"{words[0]} {words[-1]}"))
        elif len(words) == 2:
            keys.append(("same first and last name", name))
        for key in keys:
            groups.setdefault(key, []).append(p)
    pairs: dict[tuple[int, int], dict[str, Any]] = {}
    for (why, _), members in groups.items():
        if len(members) < 2 or len(members) > 20:
            continue  # twenty people called "John Smith" are not one person
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                key = (min(a["id"], b["id"]), max(a["id"], b["id"]))
                found = pairs.setdefault(
                    key,
                    {
                        "a": a if a["id"] < b["id"] else b,
                        "b": b if a["id"] < b["id"] else a,
                        "why": [],
                    },
                )
                if why not in found["why"] and not (
                    why == "same first and last name" and "same name" in found["why"]
                ):
                    found["why"].append(why)
    strength = {
        "same UID": 4,
        "same e-mail": 3,
        "same phone": 2,
        "same profile URL": 3,
        "same name": 1,
        "same first and last name": 0,
    }
    return sorted(
        pairs.values(),
        key=lambda p: (
            -sum(strength[w] for w in p["why"]),
            fold(p["a"]["name"]),
            p["a"]["id"],
            p["b"]["id"],
        ),
    )
