"""A person's fields: the one list of them (what imports fill, merges copy, exports keep
private), and checking what the user typed before it reaches the database."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from network.common.errors import BadInput


@dataclass(frozen=True)
class PersonField:
    """One column of a person, and what each part of the program does with it."""

    name: str
    label: str | None = None  # how it is named to people (default: the name, spaced)
    profile: bool = False  # free text that `add` and `edit` set and `show` shows
    imported: bool = False  # an import fills it when empty (or replaces it with --overwrite)
    identity: bool = False  # who the record is (id, name): never filled from another record
    kept: bool = False  # the record's own state (tie, archived, day added): imports leave it
    derived: bool = False  # computed from other rows: never copied, imported or merged
    private: bool = False  # what people trusted you with: out of exports unless asked
    noted: bool = True  # a merge keeps OTHER's differing value in KEEP's notes
    # the kind of contact point ("email", "phone", "url") whose primary value the column
    # holds: every value of that kind is a row of contact_point, the column the first
    point: str | None = None
    vcard: str | None = None  # the vCard property that carries it (exports; imports read it)
    csv: int | None = None  # its column's place in network's CSV export (None: no column)

    @property
    def spoken(self) -> str:
        """The field as people read it: "e-mail", "keep-in-touch cadence", "birth year"."""
        return self.label or self.name.replace("_", " ")


# Every column of a person, in the order the profile and imports show them.
PERSON = (
    PersonField("id", identity=True),
    PersonField("name", identity=True, vcard="FN", csv=1),
    PersonField(
        "email", "e-mail", profile=True, imported=True, point="email", vcard="EMAIL", csv=5
    ),
    PersonField("phone", profile=True, imported=True, point="phone", vcard="TEL", csv=6),
    PersonField("company", profile=True, imported=True, vcard="ORG", csv=3),
    PersonField("title", profile=True, imported=True, vcard="TITLE", csv=4),
    PersonField("location", profile=True, imported=True, vcard="ADR", csv=7),
    PersonField("url", "web", profile=True, imported=True, point="url", vcard="URL", csv=8),
    PersonField("met", profile=True),
    PersonField("prefers", profile=True),
    # private: the CSV's last column, and a vCard's NOTE, only with --include-private
    PersonField("notes", profile=True, imported=True, private=True, vcard="NOTE", csv=17),
    PersonField("nickname", imported=True, vcard="NICKNAME"),
    PersonField("labels", imported=True, vcard="CATEGORIES", csv=9),
    PersonField("connected_on", "connected on", imported=True, csv=15),
    PersonField("uid", "UID", imported=True, noted=False, vcard="UID"),
    PersonField("tie", kept=True, csv=2),
    PersonField("cadence_days", "keep-in-touch cadence", csv=13),
    # the three birthday columns are one vCard BDAY and one CSV "birthday" column
    PersonField("birth_year", vcard="BDAY", csv=14),
    PersonField("birth_month"),
    PersonField("birth_day"),
    PersonField("archived", kept=True, csv=16),
    PersonField("created_on", "added on", kept=True),
    PersonField("via_id", "introduced by"),
    # `due`'s own state (issue 11): an import's spread first contact, and a snooze
    PersonField("first_due", "first due", kept=True, noted=False),
    PersonField("snoozed_until", "snoozed until", kept=True, noted=False),
    PersonField("snoozed_on", "snoozed on", kept=True, noted=False),
    PersonField("name_key", derived=True),
    PersonField("last_contact", derived=True, csv=10),
    PersonField("next_due", derived=True, csv=12),
    PersonField("balance", derived=True, csv=11),
    PersonField("search_key", derived=True),
    PersonField("open_ask_since", derived=True),
    PersonField("open_ask_latest", derived=True),
)
FIELD = {f.name: f for f in PERSON}
# A birthday is three columns that move together.
BIRTHDAY = ("birth_year", "birth_month", "birth_day")
# The free-text profile fields a person has (add/edit options, show, imports).
PROFILE_FIELDS = tuple(f.name for f in PERSON if f.profile)
# Person columns an import may fill, in the order they are shown (a birthday moves whole).
FILLABLE = tuple(f.name for f in PERSON if f.imported)
# Computed from the ledger and the other columns; recomputed after every write.
DERIVED = tuple(f.name for f in PERSON if f.derived)
# Left out of an export unless --include-private.
PRIVATE = tuple(f.name for f in PERSON if f.private)
# network's CSV export: (column header, field) in the order a person scans them; the
# birthday's three columns are one "birthday" column.
CSV_COLUMNS = tuple(
    ("birthday" if f.name in BIRTHDAY else f.name, f)
    for f in sorted((f for f in PERSON if f.csv), key=lambda f: f.csv or 0)
)
# vCard properties in the order a card lists them (the registry's order), by field.
VCARD_PROPERTIES = tuple((f.vcard, f) for f in PERSON if f.vcard)
# The person column holding each kind of contact point's primary value: {"email": "email", …}.
POINT_COLUMNS = {f.point: f.name for f in PERSON if f.point}


def spoken(name: str) -> str:
    """A person column as people read it (a column not listed loses its underscores)."""
    field = FIELD.get(name)
    return field.spoken if field else name.replace("_", " ")


# Limits are generous for people and strict enough that a pasted file is caught.
LIMITS = {
    "name": 200,
    "email": 320,
    "phone": 64,
    "company": 200,
    "title": 200,
    "location": 200,
    "url": 500,
    "met": 500,
    "prefers": 200,
    "note": 5000,
    "summary": 1000,
    "topic": 100,
    "detail": 500,
}


def _has_control(text: str, multiline: bool) -> bool:
    allowed = {"\n", "\t"} if multiline else set()
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in text)


def clean(
    value: str | None, field: str, *, required: bool = False, multiline: bool = False
) -> str | None:
    """Strip the value and check it; None or blank becomes None unless required."""
    if value is None:
        if required:
            raise BadInput(f"the {field} is missing", f"give a {field}")
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        if required:
            raise BadInput(f"the {field} cannot be empty", f"give a {field}")
        return None
    limit = LIMITS[field]
    if len(text) > limit:
        raise BadInput(
            f"the {field} is too long ({len(text):,} characters; the limit is {limit:,})",
            f"shorten the {field}",
        )
    if _has_control(text, multiline):
        raise BadInput(
            f"the {field} contains control characters", f"type the {field} as plain text"
        )
    return text


def clean_email(value: str | None) -> str | None:
    """A light check: one @ with something on both sides and no spaces."""
    text = clean(value, "email")
    if text is None:
        return None
    local, at, domain = text.partition("@")
    if not at or not local or not domain or " " in text or "@" in domain:
        raise BadInput(f'"{text}" is not an email address', "use a form like name@example.com")
    return text


def clean_topics(values: list[str]) -> list[str]:
    """Topics given as several arguments or comma-separated, each checked, order kept."""
    topics: list[str] = []
    for value in values:
        for part in value.split(","):
            topic = clean(part, "topic")
            if topic and topic not in topics:
                topics.append(topic)
    return topics
