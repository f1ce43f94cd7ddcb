"""Address-book CSV: Google Contacts (old and current layouts), Outlook (Outlook's own
export and Google's "Outlook CSV"), Thunderbird, and any CSV with a name column.

Columns are mapped by header name, never by position: numbered groups (`E-mail 1 -
Value`, `E-mail 2 Address`, `Phone 3 - Value`) in any count and order. A cell holding
several values separates them with ` ::: ` (Google). A column that has values but that
no rule reads is named in the summary (`ignored_columns`): an e-mail, phone, company,
title, birthday or note column is never dropped without a word.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from network.common.dates import parse_birthday
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact, Fields, Parsed
from network.formats.csvfile import restore
from network.formats.reading import FIELD_LIMIT, wrong_format

MULTI = " ::: "
# Google's own groups, not labels a person chose
_SYSTEM_LABELS = {"*mycontacts", "mycontacts", "*othercontacts", "*starred"}  # spaces out

# Numbered groups: "E-mail 1 - Value" (Google), "E-mail 2 Address" (Outlook).
_GOOGLE_GROUP = re.compile(
    r"(?P<kind>e-mail|phone|website|address|organization|relation|event|im|custom field)"
    r" (?P<n>\d+) - (?P<part>.+)"
)
_OUTLOOK_EMAIL = re.compile(r"e-?mail(?: (?P<n>\d+))? address")
_OUTLOOK_PHONE = re.compile(
    r"(?:(?:primary|business|home|mobile|car|other|company main|assistant's|radio|"
    r"tty/tdd|work|callback|isdn|telex)\s*phone(?: \d+)?|(?:business|home|other) fax|"
    r"pager|fax number|pager number|mobile number|callback|isdn|telex|phone|telephone|"
    r"mobile|cell|cell phone|work phone)"
)
_NAME_COLUMNS = {
    "first name",
    "last name",
    "given name",
    "family name",
    "name",
    "full name",
    "display name",
    "nickname",
    "file as",
}
# Single columns, by (folded) header, to the part of a person they fill.
_SINGLE = {
    "first name": "first",
    "given name": "first",
    "middle name": "middle",
    "additional name": "middle",
    "last name": "last",
    "family name": "last",
    "surname": "last",
    "name prefix": "prefix",
    "name suffix": "suffix",
    "suffix": "suffix",
    "name": "name",
    "full name": "name",
    "display name": "name",
    "file as": "file_as",
    "nickname": "nickname",
    "organization name": "company",
    "organization": "company",
    "company": "company",
    "organization title": "title",
    "job title": "title",
    "position": "title",
    "birthday": "birthday",
    "notes": "notes",
    "note": "notes",
    "labels": "labels",
    "group membership": "labels",
    "categories": "labels",
    "location": "location",
    "city": "location",
    "home city": "location",
    "business city": "location",
    "work city": "location",
    "other city": "location",
    "web page": "url",
    "web page 1": "url",
    "web page 2": "url",
    "personal web page": "url",
    "website": "url",
    "url": "url",
    "linkedin": "url",
    "email": "email",
    "e-mail": "email",
    "primary email": "email",
    "secondary email": "email",
    "email address": "email",
    "birth year": "birth_year",
    "birth month": "birth_month",
    "birth day": "birth_day",
}
# Columns read only to order or label others, and columns that hold nothing of a person's
# (phonetic names, e-mail types): not reported as ignored.
_QUIET = re.compile(
    r".*(?: - (?:type|label)|e-?mail(?: \d+)? type|e-?mail(?: \d+)? display name)|"
    r"phonetic .*|.* yomi|photo|priority|sensitivity|private|gender|initials|"
    r"e-mail type|e-mail display name|e-mail 2 type|e-mail 3 type"
)
_GOOGLE_OLD_SIGNS = ("given name", "family name", "group membership", "e-mail 1 - type")
_GOOGLE_SIGNS = ("organization name", "labels", "e-mail 1 - label", "phone 1 - label")
_OUTLOOK_SIGNS = ("e-mail address", "business phone", "job title", "mobile phone", "home phone")
_THUNDERBIRD_SIGNS = ("primary email", "secondary email", "display name", "work phone")
OWN_EXPORT = "network's own CSV export"


def layout(header: list[str]) -> str:
    """Which address book wrote this header."""
    present = set(header)
    if header[:2] == ["name", "tie"]:
        return OWN_EXPORT
    if any(h in present for h in _GOOGLE_OLD_SIGNS):
        return "Google (old layout)"
    if any(h in present for h in _GOOGLE_SIGNS) or any(_GOOGLE_GROUP.fullmatch(h) for h in header):
        return "Google"
    if any(h in present for h in _THUNDERBIRD_SIGNS):
        return "Thunderbird"
    if any(h in present for h in _OUTLOOK_SIGNS):
        return "Outlook"
    return "CSV"


# Outlook writes its headers in the user's language (Vorname, Prénom, Имя, Nombre…).
# A header no English rule takes is matched by these words, folded (accents and case
# gone), first match wins: type and display-name columns are read by nothing.
_LOCALIZED = (
    (
        (
            "typ",
            "тип",
            "display",
            "anzeig",
            "angezeig",
            "отображ",
            "affich",
            "mostrar",
            "phonetic",
            "yomi",
            "кратк",
        ),
        "quiet",
    ),
    (("anrede", "обращение", "civilite", "tratamiento"), "prefix"),
    (("ort geschaft", "ort privat", "ville", "город", "ciudad", "citta", "plaats"), "location"),
    (("mail", "почт", "courriel", "correo"), "email"),
    (
        (
            "phone",
            "telefon",
            "телефон",
            "telefono",
            "mobil",
            "handy",
            "portable",
            "celular",
            "movil",
            "cellulare",
            "fax",
            "факс",
            "pager",
        ),
        "phone",
    ),
    (
        ("weitere vornamen", "deuxieme prenom", "отчество", "segundo nombre", "secondo nome"),
        "middle",
    ),
    (
        ("nachname", "nom de famille", "фамилия", "apellido", "cognome", "achternaam", "sobrenome"),
        "last",
    ),
    (("vorname", "prenom", "имя", "nombre", "nome", "voornaam"), "first"),
    (
        (
            "firma",
            "societe",
            "организация",
            "compania",
            "empresa",
            "societa",
            "azienda",
            "bedrijf",
            "organisation",
            "organizacion",
        ),
        "company",
    ),
    (("position", "fonction", "должность", "puesto", "cargo", "posizione", "functie"), "title"),
    (
        (
            "geburtstag",
            "anniversaire",
            "день рождения",
            "cumpleanos",
            "compleanno",
            "verjaardag",
            "aniversario",
            "nascimento",
        ),
        "birthday",
    ),
    (("notiz", "notes", "заметки", "notas", "opmerking"), "notes"),
    (("kategorie", "categorie", "категори", "categoria"), "labels"),
    (("webseite", "page web", "веб", "pagina web", "website", "webpagina"), "url"),
)
_EXACT_LOCALIZED = {"nom": "last", "note": "notes", "ort": "location", "ville": "location"}


def localized(header: str) -> str | None:
    """The part of a person a header in another language fills, "quiet", or None."""
    from network.domain.contacts import fold

    name = fold(header)
    if name in _EXACT_LOCALIZED:
        return _EXACT_LOCALIZED[name]
    for words, part in _LOCALIZED:
        if any(w in name for w in words):
            return part
    return None


def recognises(text: str) -> bool:
    """Whether the first line is an address book's header in any language we read: a
    name column and an e-mail or phone column (for sniffing)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = _sniff_delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        return False
    cols = columns([" ".join(h.strip().lower().split()) for h in header])
    named = any(part in cols.single for part in ("first", "last", "name"))
    return named and bool(cols.emails or cols.phones)


@dataclass
class Columns:
    """Which column indexes fill which part of a person."""

    single: dict[str, list[int]] = field(default_factory=dict)
    emails: list[tuple[int, int | None]] = field(default_factory=list)  # (value, label)
    phones: list[tuple[int, int | None]] = field(default_factory=list)
    urls: list[tuple[int, int | None]] = field(default_factory=list)
    companies: list[int] = field(default_factory=list)
    titles: list[int] = field(default_factory=list)
    cities: list[int] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    quiet: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(
        default_factory=dict
    )  # a point's label from its header  # types and display names: nothing to keep


# what an Outlook phone column's header says besides "phone": its label ("business", "mobile")
_PHONE_WORDS = re.compile(r"\s*(?:phone|number)(?: \d+)?$")
# network's own CSV export: a person's further points in "email 2", "phone 3", "url 2"…,
# and a point's label beside it ("email label", "phone 2 label")
_OWN_MORE = re.compile(r"(?P<kind>email|phone|url) \d+")
_OWN_LABEL = re.compile(r"(?P<point>(?:email|phone|url)(?: \d+)?) label")


def columns(header: list[str]) -> Columns:
    """The mapping of a header (folded names) to a person's parts."""
    cols = Columns()
    groups: dict[tuple[str, int], dict[str, int]] = {}
    outlook_has_job_title = "job title" in header
    own_labels = {m["point"]: i for i, h in enumerate(header) if (m := _OWN_LABEL.fullmatch(h))}
    for index, name in enumerate(header):
        if _OWN_LABEL.fullmatch(name):
            cols.used.add(index)  # read with the point beside it
            continue
        label_at = own_labels.get(name)
        if m := _OWN_MORE.fullmatch(name):
            name = m["kind"]
        if m := _GOOGLE_GROUP.fullmatch(name):
            groups.setdefault((m["kind"], int(m["n"])), {})[m["part"]] = index
            continue
        part = _SINGLE.get(name)
        if part is None and not _OUTLOOK_EMAIL.fullmatch(name):
            part = localized(name)
            if part == "quiet":
                cols.quiet.add(index)
                continue
        if name == "title":
            # Outlook's "Title" is Mr./Dr. when it also has "Job Title"; elsewhere the job
            part = "prefix" if outlook_has_job_title else "title"
        if part == "email" or (part is None and _OUTLOOK_EMAIL.fullmatch(name)):
            cols.emails.append((index, label_at))
        elif part == "phone" or (part is None and _OUTLOOK_PHONE.fullmatch(name)):
            cols.phones.append((index, label_at))
            if _OUTLOOK_PHONE.fullmatch(name) and (label := _PHONE_WORDS.sub("", name).strip()):
                cols.labels[index] = label  # Outlook's "Business Phone": a work number
        elif part == "url":
            cols.urls.append((index, label_at))
        elif part is not None:
            cols.single.setdefault(part, []).append(index)
        else:
            continue
        cols.used.add(index)
    for (kind, _), parts in sorted(groups.items(), key=lambda g: g[0][1]):
        label = parts.get("label", parts.get("type"))
        for part, index in parts.items():
            cols.used.add(index)
            target = {
                ("e-mail", "value"): cols.emails,
                ("phone", "value"): cols.phones,
                ("website", "value"): cols.urls,
            }.get((kind, part))
            if target is not None:
                target.append((index, label))
            elif (kind, part) == ("organization", "name"):
                cols.companies.append(index)
            elif (kind, part) == ("organization", "title"):
                cols.titles.append(index)
            elif kind == "address" and part in ("city", "formatted"):
                if part == "city":
                    cols.cities.insert(0, index)
                else:
                    cols.cities.append(index)
            elif part not in ("label", "type"):
                cols.used.discard(index)  # read by nothing: reported if it has values
    return cols


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(MULTI) if v.strip()]


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def truncation(body: str, last_row: list[str] | None, width: int) -> str | None:
    """Why the text looks cut short, or None."""
    if body.count('"') % 2:
        return "the file ends inside a quoted field"
    if last_row is not None and len(last_row) < width and not body.endswith(("\n", "\r")):
        return f"the last row has {len(last_row)} of {width} columns and no line end"
    return None


def parse(
    path: Path, text: str, *, today: date, tick: Callable[[int], None], fmt: str = "csv"
) -> Parsed:
    """Contacts from an address book's CSV, with the rows and fields that could not be kept."""
    body = text.lstrip("\ufeff")
    first_line = body.split("\n", 1)[0]
    delimiter = _sniff_delimiter(first_line)
    csv.field_size_limit(FIELD_LIMIT)  # a long note or pasted text is a field, not an error
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        raw_header = next(reader)
    except (StopIteration, csv.Error):
        raise wrong_format(path, fmt, text, "no header line") from None
    header = [" ".join(h.strip().lstrip("\ufeff").lower().split()) for h in raw_header]
    while header and not header[-1]:
        header.pop()
    kind = layout(header)
    named = {"first", "last", "name", "file_as", "nickname"}
    if (
        not any(h in _NAME_COLUMNS for h in header) and not named & set(map(localized, header))
    ) or len(header) < 2:
        raise wrong_format(path, fmt, text, "no name columns (First Name, Last Name, Name, …)")
    if kind == OWN_EXPORT and fmt != "csv":
        # our export is for spreadsheets; as an address book's file it would be half read
        raise wrong_format(path, fmt, text, "these are network's own export columns")
    cols = columns(header)
    width = len(header)
    result = Parsed(contacts=[], layout=kind)
    has_values: set[int] = set()
    last: list[str] | None = None
    last_where = ""
    for where, row in records.csv_rows(reader, width, result.bad, keep_short=True):
        last, last_where = row, where
        if len(row) < width:
            row = row + [""] * (width - len(row))
        if kind == OWN_EXPORT:
            row = [restore(cell) for cell in row]  # "'+1 555 0101" was written for spreadsheets
        for index, cell in enumerate(row):
            if index not in cols.used and cell.strip():
                has_values.add(index)
        contact = _contact(row, cols, Fields(where, result.notes), today)
        if isinstance(contact, str):
            result.skipped.append(Bad(where, contact))
        else:
            result.contacts.append(contact)
        if len(result.contacts) % 500 == 0:
            tick(len(result.contacts))
    if why := truncation(body, last, width):
        result.truncated = why
        result.bad.append(Bad(last_where or "the last line", f"cut short: {why}"))
        if result.contacts and result.contacts[-1].where == last_where:
            result.contacts.pop()
    result.ignored_columns = [
        raw_header[i].strip()
        for i in sorted(has_values)
        if not _QUIET.fullmatch(header[i]) and i not in cols.quiet
    ]
    return result


def _contact(row: list[str], cols: Columns, check: Fields, today: date) -> Contact | str:
    """The contact in one row, or why the row has none."""

    def get(part: str) -> str:
        for index in cols.single.get(part, []):
            if row[index].strip():
                return row[index].strip()
        return ""

    point_labels: dict[str, str] = {}

    def every(pairs: list[tuple[int, int | None]]) -> list[str]:
        found: list[tuple[int, str]] = []
        for index, label_at in pairs:
            label = row[label_at] if label_at is not None else cols.labels.get(index, "")
            for value in _split(row[index]):
                found.append((0 if label.startswith("*") else 1, value))  # `* ` marks preferred
                if words := label.removeprefix("*").strip():
                    point_labels.setdefault(value.strip().lower(), words)
        return [v for _, v in sorted(found, key=lambda x: x[0])]

    def firsts(indexes: list[int]) -> str:
        for index in indexes:
            if values := _split(row[index]):
                return values[0]
        return ""

    given = " ".join(x for x in (get("first"), get("middle"), get("last")) if x)
    if given and (suffix := get("suffix")):
        given = f"{given} {suffix}"
    company = check.text(get("company") or firsts(cols.companies), "company")
    emails = check.emails(every(cols.emails))
    name = given or get("name") or get("file_as") or get("nickname")
    name = name or company or (emails[0] if emails else "")
    name = check.text(name, "name")
    if not name:
        return "no name, company or e-mail"
    raw_birthday = get("birthday")
    if not raw_birthday and get("birth_month") and get("birth_day"):
        year = get("birth_year")
        raw_birthday = f"{year + '-' if year else ''}{get('birth_month')}-{get('birth_day')}"
    urls = every(cols.urls)
    urls.sort(key=lambda u: 0 if "linkedin.com" in u.lower() else 1)
    city = get("location") or firsts(cols.cities)
    # Google joins with " ::: ", Outlook's Categories with ";", our own export with ", "
    # (a stored label never holds a comma: domain.contacts.join_labels)
    labels = [
        label.removeprefix("* ").strip()
        for label in re.split(r" ::: |;|,", get("labels"))
        if label.strip() and label.lower().replace(" ", "") not in _SYSTEM_LABELS
    ]
    return Contact(
        where=check.where,
        name=name,
        point_labels=point_labels,
        emails=emails,
        phones=check.plain(every(cols.phones), "phone"),
        urls=check.plain(urls, "url"),
        company=company,
        title=check.text(get("title") or firsts(cols.titles), "title"),
        location=check.text(city.replace("\n", ", ") if city else None, "location"),
        notes=check.text(get("notes"), "note", multiline=True),
        nickname=check.text(get("nickname"), "name"),
        labels=labels,
        birthday=check.birthday(lambda v: birthday(v, today), raw_birthday),
    )


_EMPTY_DATES = {"0/0/00", "0/0/0000", "00/00/0000", "1/1/1900"}  # Outlook's "none"
_US_DATE = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})")
_DOTTED_DATE = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2}|\d{4})")  # 03.04.1985


def birthday(text: str, today: date) -> tuple[int | None, int, int] | None:
    """A birthday as address books write it: ISO, `--04-03`, Outlook's `4/3/1985`."""
    text = text.strip()
    if not text or text in _EMPTY_DATES:
        return None
    if text in ("0.0.00", "00.00.0000"):
        return None
    if m := _US_DATE.fullmatch(text) or _DOTTED_DATE.fullmatch(text):
        year = int(m["y"])
        if year < 100:
            year += 1900 if year > today.year % 100 else 2000
        month, day = int(m["m"]), int(m["d"])
        if month > 12 >= day:
            month, day = day, month
        text = f"{year:04d}-{month:02d}-{day:02d}"
    elif text.startswith("0000-"):
        text = text[5:]
    return parse_birthday(text, today=today)
