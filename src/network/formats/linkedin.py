"""LinkedIn's Connections.csv, as it really comes.

The export starts with a `Notes:` preamble (quoted, or padded with commas, sometimes
cut short, sometimes with an unclosed quote) before the header, so the header is
found by its content, line by line, and only the rest goes through the csv reader.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from network.common.errors import BadInput
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact
from network.formats.reading import wrong_format

HEADER = ("first name", "last name", "url", "email address", "company", "position", "connected on")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DATE_RES = (
    re.compile(r"(?P<d>\d{1,2})[ -](?P<mon>[A-Za-z]{3,9})\.?[ -](?P<y>\d{2}|\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})"),
)
_HEADER_SEARCH_LINES = 200


def connected_on(text: str) -> date | None:
    """LinkedIn's dates: `12 Mar 2024`, older `7-Feb-22`, and ISO or US forms just in case."""
    text = text.strip()
    if not text:
        return None
    for regex in _DATE_RES:
        m = regex.fullmatch(text)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["m"]) if groups.get("m") else _MONTHS.get(groups["mon"][:3].lower())
        year = int(m["y"])
        if year < 100:
            year += 2000  # LinkedIn began in 2003: two-digit years are this century
        try:
            if month:
                return date(year, month, int(m["d"]))
        except ValueError:
            break
    raise BadInput(f'cannot read "{text[:40]}" as a date', "LinkedIn writes dates like 12 Mar 2024")


def _cells(line: str) -> list[str]:
    """One physical line split as CSV, folded, trailing empty cells dropped."""
    try:
        row = next(csv.reader([line]), [])
    except csv.Error:
        return []
    cells = [c.strip().strip('"').strip().lower() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def find_header(lines: list[str]) -> tuple[int, list[str]] | None:
    """(index, columns) of the header line, found by its content within the first lines."""
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        cells = _cells(line.lstrip("\ufeff"))
        if (
            "first name" in cells
            and "last name" in cells
            and ("connected on" in cells or "url" in cells or "profile url" in cells)
        ):
            return index, cells
    return None


def parse(
    path: Path, text: str, today: date, tick: Callable[[int], None]
) -> tuple[list[Contact], list[Bad]]:
    """Contacts from a Connections.csv; rows that cannot be read come back as Bad.

    (`today` is unused: LinkedIn gives no birthdays; the importers share one signature.)
    """
    lines = text.splitlines(keepends=True)
    found = find_header(lines)
    if found is None:
        raise wrong_format(
            path, "linkedin", text, "no header line First Name,Last Name,URL,… found"
        )
    start, header = found
    column = {name: header.index(name) for name in header if name}
    url_col = column.get("url", column.get("profile url"))
    reader = csv.reader(io.StringIO("".join(lines[start + 1 :]), newline=""))
    contacts: list[Contact] = []
    bad: list[Bad] = []
    for where, row in records.csv_rows(reader, len(header), bad, first_line=start + 2):

        def get(name: str, row: list[str] = row) -> str:
            index = column.get(name)
            return row[index] if index is not None else ""

        try:
            first = records.text_value(get("first name"), "name") or ""
            last = records.text_value(get("last name"), "name") or ""
            name = records.text_value(f"{first} {last}", "name")
            if not name:
                raise BadInput("no first or last name", "")
            url = get("url") if url_col is None else row[url_col]
            contacts.append(
                Contact(
                    where=where,
                    name=name,
                    emails=records.email_values([get("email address")]),
                    urls=records.plain_values([url], "url"),
                    company=records.text_value(get("company"), "company"),
                    title=records.text_value(get("position"), "title"),
                    connected_on=connected_on(get("connected on")),
                )
            )
        except BadInput as exc:
            bad.append(Bad(where, str(exc)))
        if len(contacts) % 500 == 0:
            tick(len(contacts) + len(bad))
    if not contacts and not bad:
        raise wrong_format(path, "linkedin", text, "the header is there but no connections follow")
    return contacts, bad
