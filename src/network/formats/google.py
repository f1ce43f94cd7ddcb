"""Google Contacts CSV: columns found by header name, numbered groups in any count and order.

Both the current export (`First Name`, `Organization Name`, `Labels`, `E-mail 1 - Value`)
and the older one (`Given Name`, `Organization 1 - Name`, `Group Membership`) are read.
A cell holding several values separates them with ` ::: `.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from network.common.dates import parse_birthday
from network.common.errors import BadInput
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact
from network.formats.reading import wrong_format

MULTI = " ::: "
_GROUP = re.compile(
    r"(?P<kind>e-mail|phone|website|address|organization) (?P<n>\d+) - (?P<part>.+)"
)
_NAME_COLUMNS = ("first name", "last name", "given name", "family name", "name", "nickname")
# Google's own groups, not labels a person chose
_SYSTEM_LABELS = {"* mycontacts", "mycontacts", "* other contacts"}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(MULTI) if v.strip()]


def _groups(header: list[str]) -> dict[str, list[tuple[int, dict[str, int]]]]:
    """Numbered column groups by kind: [(n, {part: column index})], sorted by n."""
    found: dict[str, dict[int, dict[str, int]]] = {}
    for index, name in enumerate(header):
        if m := _GROUP.fullmatch(name):
            found.setdefault(m["kind"], {}).setdefault(int(m["n"]), {})[m["part"]] = index
    return {kind: sorted(groups.items()) for kind, groups in found.items()}


def _label_sort(label: str) -> int:
    """Preferred values first (Google marks them `* `)."""
    return 0 if label.startswith("*") else 1


def parse(
    path: Path, text: str, today: date, tick: Callable[[int], None]
) -> tuple[list[Contact], list[Bad]]:
    """Contacts from a Google Contacts CSV; rows that cannot be read come back as Bad."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        raw_header = next(reader)
    except (StopIteration, csv.Error):
        raise wrong_format(path, "google", text, "no header line") from None
    header = [h.strip().lstrip("\ufeff").strip().lower() for h in raw_header]
    if not any(h in header for h in _NAME_COLUMNS) or len(header) < 3:
        raise wrong_format(path, "google", text, "no name columns (First Name, Last Name, …)")
    col = {name: i for i, name in reversed(list(enumerate(header)))}
    groups = _groups(header)
    contacts: list[Contact] = []
    bad: list[Bad] = []
    for where, row in records.csv_rows(reader, len(header), bad, pad=True):
        try:
            contacts.append(_contact(row, col, groups, where, today))
        except BadInput as exc:
            bad.append(Bad(where, str(exc)))
        if len(contacts) % 500 == 0:
            tick(len(contacts) + len(bad))
    return contacts, bad


def _contact(row: list[str], col: dict[str, int], groups: dict, where: str, today: date) -> Contact:
    def get(*names: str) -> str:
        for name in names:
            if name in col and row[col[name]].strip():
                return row[col[name]].strip()
        return ""

    def values(kind: str, part: str = "value") -> list[str]:
        found: list[tuple[int, str]] = []
        for _, parts in groups.get(kind, []):
            if part not in parts:
                continue
            label_col = parts.get("label", parts.get("type"))
            label = row[label_col] if label_col is not None else ""
            for value in _split(row[parts[part]]):
                found.append((_label_sort(label), value))
        return [v for _, v in sorted(found, key=lambda x: x[0])]

    given = " ".join(
        x
        for x in (
            get("first name", "given name"),
            get("middle name", "additional name"),
            get("last name", "family name"),
        )
        if x
    )
    name = given or get("name", "file as") or get("nickname")
    orgs = values("organization", "name")
    company = get("organization name") or (orgs[0] if orgs else "")
    titles = values("organization", "title")
    title = get("organization title") or (titles[0] if titles else "")
    emails = records.email_values(values("e-mail"))
    if not name:
        name = company or (emails[0] if emails else "")
    name = records.text_value(name, "name")
    if not name:
        raise BadInput("no name, company or e-mail", "")
    birthday = None
    if raw := get("birthday"):
        birthday = parse_birthday(raw, today=today)
    cities = values("address", "city") or values("address", "formatted")
    labels = [
        label.removeprefix("* ").strip()
        for label in _split(get("labels", "group membership"))
        if label.strip().lower() not in _SYSTEM_LABELS
    ]
    urls = values("website")
    urls.sort(key=lambda u: 0 if "linkedin.com" in u.lower() else 1)
    return Contact(
        where=where,
        name=name,
        emails=emails,
        phones=records.plain_values(values("phone"), "phone"),
        urls=records.plain_values(urls, "url"),
        company=records.text_value(company, "company"),
        title=records.text_value(title, "title"),
        location=records.text_value(cities[0].replace("\n", ", ") if cities else None, "location"),
        notes=records.text_value(get("notes"), "note", multiline=True),
        nickname=records.text_value(get("nickname"), "name"),
        labels=labels,
        birthday=birthday,
    )
