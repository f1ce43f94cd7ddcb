"""vCard, both directions: 3.0 and 4.0 files read with vobject, 3.0 written for address books.

Reading:
The file is cut into cards here (so a broken card is reported with its number and
line, and --skip-bad can go on past it); each card is then parsed by vobject, which
unfolds lines, undoes escapes and understands Apple's `item1.` groups. Photos and
other binary properties are dropped before parsing: they are not kept, and a corrupt
one must not cost the whole card.

Writing: a birthday without a year is written the way Apple Contacts writes it (year
1604 with X-APPLE-OMIT-YEAR), since vCard 3.0 has no form for it; the reader reads it
back without a year. Notes are included only with --include-private.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from network.common.dates import parse_birthday
from network.common.errors import BadInput
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact, split_labels
from network.domain.snapshot import Snapshot
from network.formats.reading import wrong_format

_BINARY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_BDAY = re.compile(r"(?:(?P<y>\d{4})|--)-?(?P<m>\d{2})-?(?P<d>\d{2})(?:T.*)?")
APPLE_NO_YEAR = 1604  # Apple's placeholder year for a birthday without one


def cards(text: str) -> tuple[list[tuple[int, int, str]], list[Bad]]:
    """(card number, first line, text) for every BEGIN:VCARD … END:VCARD, binaries dropped."""
    found: list[tuple[int, int, str]] = []
    bad: list[Bad] = []
    current: list[str] | None = None
    start = 0
    skipping = False
    for number, line in enumerate(text.splitlines(), 1):
        head = line.strip().upper()
        if head == "BEGIN:VCARD":
            if current is not None:
                bad.append(Bad(f"card {len(found) + len(bad) + 1} (line {start})", "no END:VCARD"))
            current, start, skipping = [line], number, False
            continue
        if current is None:
            continue
        if line[:1] in (" ", "\t"):
            if not skipping:
                current.append(line)
            continue
        skipping = bool(_BINARY.match(line))
        if skipping:
            continue
        current.append(line)
        if head == "END:VCARD":
            found.append((len(found) + len(bad) + 1, start, "\r\n".join(current) + "\r\n"))
            current = None
    if current is not None:
        bad.append(
            Bad(f"card {len(found) + len(bad) + 1} (line {start})", "cut short: no END:VCARD")
        )
    return found, bad


def _preferred(lines: list[Any]) -> list[Any]:
    """Lines marked preferred (TYPE=pref, PREF=1) first, file order otherwise."""

    def rank(line: Any) -> int:
        types = ",".join(line.params.get("TYPE", [])).lower().split(",")
        pref = line.params.get("PREF", [])
        return 0 if "pref" in types or pref else 1

    return sorted(lines, key=rank)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value or "")


def birthday(value: str, params: dict, today: date) -> tuple[int | None, int, int]:
    """(year or None, month, day) from 1985-04-03, 19850403, --0403, --04-03 or Apple's 1604."""
    text = value.strip()
    m = _BDAY.fullmatch(text)
    if not m:
        return parse_birthday(text, today=today)  # raises BadDate with the reason
    year = int(m["y"]) if m["y"] else None
    if year == APPLE_NO_YEAR or params.get("X-APPLE-OMIT-YEAR"):
        year = None
    shown = f"{year:04d}-{m['m']}-{m['d']}" if year else f"{m['m']}-{m['d']}"
    return parse_birthday(shown, today=today)


def _contact(card: Any, where: str, today: date) -> Contact:
    contents = card.contents

    def first(name: str) -> Any:
        lines = contents.get(name)
        return lines[0] if lines else None

    def value(name: str) -> str:
        line = first(name)
        return _text(line.value).strip() if line is not None else ""

    n = first("n")
    from_n = ""
    if n is not None and not isinstance(n.value, str):
        parts = [n.value.prefix, n.value.given, n.value.additional, n.value.family, n.value.suffix]
        from_n = " ".join(_text(p) for p in parts if _text(p).strip())
    elif n is not None:
        pieces = n.value.split(";")
        from_n = " ".join(p for p in (pieces[1:2] + pieces[:1]) if p)
    org = first("org")
    company = ""
    if org is not None:
        company = org.value[0] if isinstance(org.value, list) and org.value else _text(org.value)
    emails = records.email_values(
        [
            _text(line.value).removeprefix("mailto:")
            for line in _preferred(contents.get("email", []))
        ]
    )
    name = value("fn") or from_n or value("nickname") or company or (emails[0] if emails else "")
    name = records.text_value(name, "name")
    if not name:
        raise BadInput("no name (FN or N), organisation or e-mail", "")
    phones = [
        _text(line.value).removeprefix("tel:") for line in _preferred(contents.get("tel", []))
    ]
    urls = [_text(line.value) for line in _preferred(contents.get("url", []))]
    urls.sort(key=lambda u: 0 if "linkedin.com" in u.lower() else 1)
    labels: list[str] = []
    for line in contents.get("categories", []):
        labels += [
            v.strip()
            for v in (line.value if isinstance(line.value, list) else _text(line.value).split(","))
        ]
    bday = first("bday")
    city = ""
    adr = first("adr")
    if adr is not None and not isinstance(adr.value, str):
        city = ", ".join(x for x in (_text(adr.value.city), _text(adr.value.region)) if x.strip())
    notes = "\n".join(
        _text(line.value) for line in contents.get("note", []) if _text(line.value).strip()
    )
    return Contact(
        where=where,
        name=name,
        emails=emails,
        phones=records.plain_values(phones, "phone"),
        urls=records.plain_values(urls, "url"),
        company=records.text_value(company, "company"),
        title=records.text_value(value("title"), "title"),
        location=records.text_value(city, "location"),
        notes=records.text_value(notes, "note", multiline=True),
        nickname=records.text_value(value("nickname"), "name"),
        labels=labels,
        birthday=birthday(_text(bday.value), bday.params, today)
        if bday is not None and _text(bday.value).strip()
        else None,
        uid=records.uid_value(value("uid")),
    )


def parse(
    path: Path, text: str, today: date, tick: Callable[[int], None]
) -> tuple[list[Contact], list[Bad]]:
    """Contacts from a .vcf file; cards that cannot be read come back as Bad."""
    import vobject

    found, bad = cards(text)
    if not found and not bad:
        raise wrong_format(path, "vcard", text, "no BEGIN:VCARD … END:VCARD in it")
    contacts: list[Contact] = []
    for number, line, card_text in found:
        where = f"card {number} (line {line})"
        try:
            card = vobject.readOne(card_text)
            contacts.append(_contact(card, where, today))
        except BadInput as exc:
            bad.append(Bad(where, str(exc)))
        except Exception as exc:  # vobject raises ParseError, binascii and value errors alike
            first_line = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
            bad.append(Bad(where, f"not a readable vCard ({first_line})"))
        if number % 500 == 0:
            tick(number)
    bad.sort(key=lambda b: int(b.where.split()[1]))
    return contacts, bad


# Writing


def _name_parts(name: str) -> tuple[str, str]:
    """(given, family): the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return " ".join(words[:-1]), words[-1]


def card(person: dict[str, Any]) -> Any:
    """One person as a vobject vCard component."""
    import vobject

    c = vobject.vCard()
    c.add("fn").value = person["name"]
    given, family = _name_parts(person["name"])
    c.add("n").value = vobject.vcard.Name(family=family, given=given)
    if person.get("nickname"):
        c.add("nickname").value = person["nickname"]
    if person.get("email"):
        c.add("email").value = person["email"]
    if person.get("phone"):
        c.add("tel").value = person["phone"]
    if person.get("company"):
        c.add("org").value = [person["company"]]
    if person.get("title"):
        c.add("title").value = person["title"]
    if person.get("url"):
        c.add("url").value = person["url"]
    if person.get("birth_month") and person.get("birth_day"):
        line = c.add("bday")
        year = person.get("birth_year")
        line.value = (
            f"{year or APPLE_NO_YEAR:04d}-{person['birth_month']:02d}-{person['birth_day']:02d}"
        )
        if not year:
            line.params["X-APPLE-OMIT-YEAR"] = [str(APPLE_NO_YEAR)]
    labels = split_labels(person.get("labels"))
    if labels:
        c.add("categories").value = labels
    if person.get("location"):
        c.add("adr").value = vobject.vcard.Address(city=person["location"])
    if person.get("notes"):
        c.add("note").value = person["notes"]
    c.add("uid").value = person.get("uid") or f"network-person-{person['id']}"
    return c


def render(snap: Snapshot, *, today: date | None = None, now: datetime | None = None) -> str:
    """Every person as a vCard 3.0, in one file (CRLF line ends, folded at 75 octets).

    (`today` and `now` are unused: every writer shares one signature.)"""
    return "".join(card(person).serialize() for person in snap.tables["person"])
