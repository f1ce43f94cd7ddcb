"""vCard, both directions: 2.1, 3.0 and 4.0 files read with vobject, 3.0 written for address books.

Reading:
The file is cut into cards here (so a broken card is reported with its number and
line, and --skip-bad can go on past it); each card is then parsed by vobject, which
unfolds lines, undoes escapes and understands Apple's `item1.` groups. Photos and
other binary properties are dropped before parsing (with vCard 2.1's unindented base64
lines): they are not kept, and a corrupt one must not cost the whole card. vCard 2.1 as
Outlook, Android and older phones write it (`ENCODING=QUOTED-PRINTABLE` with `=` soft
line breaks, `CHARSET=` parameters) is decoded here into 3.0 lines first: vobject alone
refuses it. A field that cannot be kept (a text birthday) is dropped with a note.

Writing: a birthday without a year is written the way Apple Contacts writes it (year
1604 with X-APPLE-OMIT-YEAR), since vCard 3.0 has no form for it; the reader reads it
back without a year. `N` holds only the name's words: a suffix, credential or pronouns
in the name ("Smith, PhD", "(she/her)") go to its suffix or nowhere, never the family
name. Notes are included only with --include-private.
"""

from __future__ import annotations

import quopri
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from network.common.dates import parse_birthday
from network.domain.contacts import Bad, Contact, Fields, Parsed, split_labels
from network.domain.fields import VCARD_PROPERTIES
from network.domain.snapshot import Snapshot
from network.formats.reading import wrong_format

_BINARY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+[;:]")
_BDAY = re.compile(r"(?:(?P<y>\d{4})|--)-?(?P<m>\d{2})-?(?P<d>\d{2})(?:T.*)?")
APPLE_NO_YEAR = 1604  # Apple's placeholder year for a birthday without one
_PARAM = re.compile(r'[A-Za-z0-9-]+(?:=(?:"[^"]*"|[^=";:(),]*)(?:,(?:"[^"]*"|[^=";:(),]*))*)?')
_NEXT = re.compile(
    r"(?:END:VCARD|(?:item\d+\.)?(?:BEGIN|VERSION|FN|N|TEL|EMAIL|ADR|ORG|TITLE|NOTE|BDAY|URL|"
    r"PHOTO|CATEGORIES|UID|REV|LABEL|NICKNAME|X-[A-Z0-9-]+)[;:])",
    re.IGNORECASE,
)
_STRUCTURED = {"N", "ADR", "ORG"}  # `;` separates components: kept as it is
_LISTS = {"CATEGORIES", "NICKNAME"}  # `,` separates values: kept as it is


def cards(text: str) -> tuple[list[tuple[int, int, list[str]]], list[Bad]]:
    """(card number, first line, lines) for every BEGIN:VCARD … END:VCARD, binaries dropped."""
    found: list[tuple[int, int, list[str]]] = []
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
        if skipping and line.strip() and ":" not in line:
            continue  # vCard 2.1 base64 goes on in unindented lines
        skipping = bool(_BINARY.match(line))
        if skipping:
            continue
        current.append(line)
        if head == "END:VCARD":
            found.append((len(found) + len(bad) + 1, start, current))
            current = None
    if current is not None:
        bad.append(
            Bad(f"card {len(found) + len(bad) + 1} (line {start})", "cut short: no END:VCARD")
        )
    return found, bad


def _escape(value: str, name: str) -> str:
    """A decoded value as vCard 3.0 text: escapes where 3.0 needs them."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    if name not in _LISTS:
        value = value.replace(",", "\\,")
    if name not in _STRUCTURED:
        value = value.replace(";", "\\;")
    return value


def _decode_qp(data: str, charset: str) -> str:
    raw = quopri.decodestring(data.encode("latin-1", "replace"))
    for codec in (charset, "utf-8", "cp1252"):
        try:
            return raw.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


def modernise(lines: list[str], check: Fields) -> str:
    """A card's lines as vobject reads them: quoted-printable joined and decoded, stray
    lines dropped (noted), `CHARSET=` removed."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line[:1] in (" ", "\t"):
            if out:
                out.append(line)
            continue
        if not line.strip():
            continue
        if not _PROPERTY.match(line):
            check.note("line", "dropped", "not a vCard property")
            continue
        head, _, value = line.partition(":")
        params = head.split(";")
        upper = [p.upper() for p in params]
        qp = "ENCODING=QUOTED-PRINTABLE" in upper or "QUOTED-PRINTABLE" in upper
        charset = next((p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), "")
        if not qp and not charset and all(_PARAM.fullmatch(p) for p in params[1:]):
            out.append(line)
            continue
        kept = [p for p, u in zip(params, upper, strict=True) if not _drop_param(u)]
        if qp:
            # `=` at the end is a soft line break, unless what follows is the next property
            # (a stray `=` before END:VCARD)
            while value.endswith("=") and i < len(lines) and not _NEXT.match(lines[i]):
                value = value[:-1] + lines[i]
                i += 1
            value = value.removesuffix("=")
            name = kept[0].split(".")[-1].upper()
            value = _escape(_decode_qp(value, charset.strip('"') or "utf-8"), name)
        out.append(";".join(kept) + ":" + value)
    return "\r\n".join(out) + "\r\n"


def _drop_param(upper: str) -> bool:
    """QP and CHARSET are undone here; Android's `X-CUSTOM(CHARSET=…,=D7=A0…)` labels and
    other parameters vobject cannot read would cost the whole card."""
    return (
        upper in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE")
        or upper.startswith("CHARSET=")
        or not _PARAM.fullmatch(upper)
    )


def _preferred(lines: list[Any]) -> list[Any]:
    """Lines marked preferred (TYPE=pref, PREF=1) first, file order otherwise."""

    def rank(line: Any) -> int:
        pref = line.params.get("PREF", [])
        return 0 if "pref" in _types(line) or pref else 1

    return sorted(lines, key=rank)


# TYPE values that say what a line is rather than where: not a label of the point
_NOT_LABELS = {"internet", "pref", "voice", "x400", "text", "msg", "uri"}


def _types(line: Any) -> list[str]:
    """A line's types, lower-cased: TYPE=work,pref and vCard 2.1's bare ones (TEL;CELL;PREF,
    which vobject keeps apart as singleton parameters)."""
    given = [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]
    return [t for t in (x.strip() for x in ",".join(given).lower().split(",")) if t]


_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


def _apple_labels(contents: dict[str, list[Any]]) -> dict[str, str]:
    """Apple's custom labels by group: `item1.X-ABLabel:school` names `item1.EMAIL`'s
    address, `_$!<Other>!$_` is one of Apple's own ("other")."""
    out: dict[str, str] = {}
    for line in contents.get("x-ablabel", []):
        text = _text(line.value).strip()
        if line.group and text:
            m = _APPLE_LABEL.match(text)
            out[line.group.lower()] = (m[1] if m else text).lower()
    return out


def _label(line: Any, apple: dict[str, str] | None = None) -> str | None:
    """A point's label: Apple's X-ABLabel for its group, else its TYPE parameters ("work",
    "cell", "home,fax"), or None."""
    if apple and line.group and (named := apple.get(line.group.lower())):
        return named
    kept = [t for t in _types(line) if t not in _NOT_LABELS]
    return ",".join(kept) or None


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    # `\:` is not a vCard escape, but Apple writes it in URLs (http\://…)
    return str(value or "").replace("\\:", ":")


def _phone(value: Any) -> str:
    """A TEL value as written; vCard 4.0's tel: URI as a number ("tel:+1-555-0101;ext=12"
    is "+1-555-0101 ext. 12")."""
    text = _text(value)
    if text[:4].lower() == "tel:":
        number, _, ext = text[4:].partition(";ext=")
        text = f"{number} ext. {ext.split(';')[0]}" if ext else number.split(";")[0]
    return text


def birthday(value: str, params: dict, today: date) -> tuple[int | None, int, int]:
    """(year or None, month, day) from 1985-04-03, 19850403, --0403, 0000-04-03 or Apple's 1604."""
    text = value.strip()
    m = _BDAY.fullmatch(text)
    if not m:
        return parse_birthday(text, today=today)  # raises BadDate with the reason
    year = int(m["y"]) if m["y"] else None
    if year in (0, APPLE_NO_YEAR) or params.get("X-APPLE-OMIT-YEAR"):
        year = None
    shown = f"{year:04d}-{m['m']}-{m['d']}" if year else f"{m['m']}-{m['d']}"
    return parse_birthday(shown, today=today)


def _contact(card: Any, check: Fields, today: date) -> Contact | str:
    """The contact on one card, or why the card has none."""
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
        # ORG's first component, itself a list when it holds an unescaped comma
        company = (
            _text(org.value[0]) if isinstance(org.value, list) and org.value else _text(org.value)
        )
    emails = check.emails([_text(line.value) for line in _preferred(contents.get("email", []))])
    name = value("fn") or from_n or value("nickname") or company or (emails[0] if emails else "")
    name = check.text(name, "name")
    if not name:
        return "no name (FN or N), organisation or e-mail"
    phones = [_phone(line.value) for line in _preferred(contents.get("tel", []))]
    urls = [_text(line.value) for line in _preferred(contents.get("url", []))]
    urls.sort(key=lambda u: 0 if "linkedin.com" in u.lower() else 1)
    labels: list[str] = []
    for line in contents.get("categories", []):
        labels += [
            _text(v).strip()
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
    apple = _apple_labels(contents)
    point_labels = {
        (_phone(line.value) if kind == "tel" else _text(line.value)).strip().lower(): label
        for kind in ("email", "tel", "url")
        for line in contents.get(kind, [])
        if (label := _label(line, apple))
    }
    return Contact(
        where=check.where,
        name=name,
        point_labels=point_labels,
        emails=emails,
        phones=check.plain(phones, "phone"),
        urls=check.plain(urls, "url"),
        company=check.text(company, "company"),
        title=check.text(value("title"), "title"),
        location=check.text(city, "location"),
        notes=check.text(notes, "note", multiline=True),
        nickname=check.text(value("nickname"), "name"),
        labels=labels,
        birthday=check.birthday(lambda v: birthday(v, bday.params, today), _text(bday.value))
        if bday is not None
        else None,
        uid=check.uid(value("uid")),
    )


def parse(
    path: Path, text: str, *, today: date, tick: Callable[[int], None], fmt: str = "vcard"
) -> Parsed:
    """Contacts from a .vcf file, with the cards and fields that could not be kept."""
    import vobject

    found, bad = cards(text)
    if not found and not bad:
        raise wrong_format(path, fmt, text, "no BEGIN:VCARD … END:VCARD in it")
    result = Parsed(contacts=[], bad=bad, layout="vCard")
    versions: set[str] = set()
    for number, line, lines in found:
        where = f"card {number} (line {line})"
        check = Fields(where, result.notes)
        try:
            card_text = modernise(lines, check)
            card = vobject.readOne(card_text)
            if version := card.contents.get("version"):
                versions.add(_text(version[0].value).strip())
            contact = _contact(card, check, today)
        except Exception as exc:  # vobject raises ParseError, binascii and value errors alike
            first_line = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
            result.bad.append(Bad(where, f"not a readable vCard ({first_line})"))
            continue
        if isinstance(contact, str):
            result.skipped.append(Bad(where, contact))
        else:
            result.contacts.append(contact)
        if number % 500 == 0:
            tick(number)
    if cut := [b for b in result.bad if b.reason.startswith("cut short")]:
        result.truncated = cut[0].reason.removeprefix("cut short: ")
    result.bad.sort(key=lambda b: int(b.where.split()[1]))
    if versions:
        result.layout = "vCard " + ", ".join(sorted(versions))
    return result


# Writing


_PREFIXES = {"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "rev"}
_SUFFIX = re.compile(
    r"(?:jr|sr|ii|iii|iv|v|esq|phd|ph\.d|md|m\.d|mba|cpa|pmp|cfa|cissp|pe|rn|dds|jd|llm|msc|"
    r"bsc|ma|ba|ms|bs|frsa|obe|mbe|cbe|facs|acca|aca|cma|shrm-cp|shrm-scp|phr|sphr)\.?",
    re.IGNORECASE,
)


def _plain_word(word: str) -> str:
    """A word without emoji and other symbols (kept in FN, left out of N)."""
    kept = "".join(ch for ch in word if unicodedata.category(ch)[0] in "LMN" or ch in "-'.’")
    return kept.strip(".") if not any(c.isalpha() for c in kept) else kept


def name_parts(name: str) -> tuple[str, str, str, str, str]:
    """(prefix, given, additional, family, suffix) of a name as written.

    Pronouns and nicknames in brackets or quotes are left out; what follows a comma,
    and credentials or generational suffixes at the end, are the suffix; emoji go.
    Only the last remaining word is the family name."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]|\"[^\"]*\"|“[^”]*”", " ", name)
    main, _, after = text.partition(",")
    suffixes = [p.strip() for p in after.split(",") if p.strip()]
    words = [w for w in (_plain_word(w) for w in main.split()) if w]
    while len(words) > 1 and (
        _SUFFIX.fullmatch(words[-1])
        or (
            words[-1].isupper()
            and len(words[-1]) <= 5
            and words[-1].isalpha()
            and not words[-2].isupper()
        )
    ):
        suffixes.insert(0, words.pop())
    prefix = ""
    if len(words) > 1 and words[0].lower().rstrip(".") in _PREFIXES:
        prefix = words.pop(0)
    suffix = " ".join(_plain_word(s) or s for s in suffixes).strip()
    if not words:
        return prefix, "", "", "", suffix
    if len(words) == 1:
        return prefix, words[0], "", "", suffix
    return prefix, words[0], " ".join(words[1:-1]), words[-1], suffix


def _name(c: Any, person: dict[str, Any]) -> None:
    import vobject

    c.add("fn").value = person["name"]
    prefix, given, additional, family, suffix = name_parts(person["name"])
    c.add("n").value = vobject.vcard.Name(
        family=family, given=given, additional=additional, prefix=prefix, suffix=suffix
    )


def _birthday(c: Any, person: dict[str, Any]) -> None:
    if person.get("birth_month") and person.get("birth_day"):
        line = c.add("bday")
        year = person.get("birth_year")
        line.value = (
            f"{year or APPLE_NO_YEAR:04d}-{person['birth_month']:02d}-{person['birth_day']:02d}"
        )
        if not year:
            line.params["X-APPLE-OMIT-YEAR"] = [str(APPLE_NO_YEAR)]


def _value(field: str, person: dict[str, Any]) -> Any:
    """A field's value as its vCard property holds it, or None to leave the line out."""
    import vobject

    value = person.get(field)
    if field == "uid":
        return value or f"network-person-{person['id']}"
    if not value:
        return None
    if field == "company":
        return [value]
    if field == "labels":
        return split_labels(value) or None
    if field == "location":
        return vobject.vcard.Address(city=value)
    return value


def card(person: dict[str, Any], points: list[dict[str, Any]] | None = None) -> Any:
    """One person as a vobject vCard component: the properties the field registry names
    (domain.fields.VCARD_PROPERTIES), every contact point with its label as TYPE, the
    primary one marked pref."""
    import vobject

    c = vobject.vCard()
    points = points or []
    for prop, field in VCARD_PROPERTIES:
        if prop == "FN":
            _name(c, person)
        elif prop == "BDAY":
            _birthday(c, person)
        elif field.point:
            mine = [p for p in points if p["kind"] == field.point]
            if not mine and person.get(field.name):  # a snapshot without its points
                mine = [{"value": person[field.name], "label": None, "is_primary": True}]
            for point in sorted(mine, key=lambda p: not p["is_primary"]):
                line = c.add(prop.lower())
                line.value = point["value"]
                types = [t for t in (point["label"] or "").replace(" ", "-").split(",") if t]
                if point["is_primary"] and len(mine) > 1:
                    types.append("pref")
                if types:
                    line.params["TYPE"] = types
        elif (value := _value(field.name, person)) is not None:
            c.add(prop.lower()).value = value
    return c


def render(snap: Snapshot, *, today: date | None = None, now: datetime | None = None) -> str:
    """Every person as a vCard 3.0, in one file (CRLF line ends, folded at 75 octets).

    (`today` and `now` are unused: every writer shares one signature.)"""
    points: dict[Any, list[dict[str, Any]]] = {}
    for point in snap.tables.get("contact_point", []):
        points.setdefault(point["person_id"], []).append(point)
    return "".join(
        card(person, points.get(person["id"])).serialize() for person in snap.tables["person"]
    )
