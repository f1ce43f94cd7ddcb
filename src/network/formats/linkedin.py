"""LinkedIn's Connections.csv, as it really comes.

The export starts with a `Notes:` preamble (quoted, or padded with commas, sometimes
cut short, sometimes with an unclosed quote) before the header, so the header is found
by its content, line by line, and only the rest goes through the csv reader. Files
re-saved by Excel use `;` (or a tab) and a legacy code page; some have lost the preamble
or the header itself, and then the columns are recognised by what they hold (a profile
URL, a date). Rows with only a date are hidden or deleted members: counted, not failed.
Older files (2018) write `1/8/18, 6:14 PM` and put `urn:li:member:…` in the e-mail
column: the date is read, the member id dropped, the person kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from unicodedata import is_normalized

from network.common.errors import BadInput
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact, Fields, Parsed
from network.domain.fields import LIMITS
from network.formats.reading import FIELD_LIMIT, wrong_format

HEADER = ("first name", "last name", "url", "email address", "company", "position", "connected on")
# what other versions and languages of the export call the same columns
_SYNONYMS = {
    "profile url": "url",
    "e-mail address": "email address",
    "email": "email address",
    "title": "position",
    "connected on date": "connected on",
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_TIME = r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)?"
_DATE_RES = (
    re.compile(r"(?P<d>\d{1,2})[ -](?P<mon>[A-Za-z]{3,9})\.?[ -](?P<y>\d{2}|\d{4})" + _TIME),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME),
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})" + _TIME),
    re.compile(r"(?P<mon>[A-Za-z]{3,9})\.? (?P<d>\d{1,2}),? (?P<y>\d{4})" + _TIME),
    # Excel re-saves a date in the user's locale: 12.03.2024 in Germany
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2}|\d{4})" + _TIME),
)
_PROFILE = re.compile(r"linkedin\.com/(?:in|pub)/", re.IGNORECASE)
_HEADER_SEARCH_LINES = 200
_DELIMITERS = (",", ";", "\t")


@lru_cache(maxsize=8192)  # a file repeats the same days (a date is immutable)
def connected_on(text: str) -> date | None:
    """LinkedIn's dates: `12 Mar 2024`, `7-Feb-22`, 2018's `1/8/18, 6:14 PM`, ISO."""
    text = text.strip()
    if not text:
        return None
    for regex in _DATE_RES:
        m = regex.fullmatch(text)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["m"]) if groups.get("m") else _MONTHS.get(groups["mon"][:3].lower())
        year, day = int(m["y"]), int(m["d"])
        if month and month > 12 and day <= 12:
            month, day = day, month  # 25/12/2019: a day-first locale's re-save
        if year < 100:
            year += 2000  # LinkedIn began in 2003: two-digit years are this century
        try:
            if month:
                return date(year, month, day)
        except ValueError:
            break
    raise BadInput(f'cannot read "{text[:40]}" as a date', "LinkedIn writes dates like 12 Mar 2024")


def _is_date(text: str) -> bool:
    try:
        return connected_on(text) is not None
    except BadInput:
        return False


def _cells(line: str, delimiter: str) -> list[str]:
    """One physical line split as CSV, folded, trailing empty cells dropped."""
    try:
        row = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    cells = [c.strip().strip('"').strip().lower() for c in row]
    cells = [_SYNONYMS.get(c, c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def find_header(lines: list[str]) -> tuple[int, list[str], str] | None:
    """(index, columns, delimiter) of the header line, found by its content."""
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        line = line.lstrip("\ufeff")
        for delimiter in _DELIMITERS:
            if delimiter not in line:
                continue
            cells = _cells(line, delimiter)
            if (
                "first name" in cells
                and "last name" in cells
                and ("connected on" in cells or "url" in cells)
            ):
                return index, cells, delimiter
    return None


def unwrap(row: list[str], delimiter: str) -> list[str]:
    """A row Excel wrote whole inside one pair of quotes, split into its cells again."""
    if len(row) > 1 and row[1]:
        return row  # the common case, answered without looking at every cell
    filled = [cell for cell in row if cell.strip()]
    if len(filled) != 1 or delimiter not in filled[0]:
        return row
    try:
        inner = next(csv.reader([filled[0]], delimiter=delimiter, skipinitialspace=True), row)
    except csv.Error:
        return row
    return inner if len(inner) >= 5 else row


def _split(line: str, delimiter: str) -> list[str]:
    try:
        row = next(csv.reader([line.lstrip("\ufeff")], delimiter=delimiter), [])
    except csv.Error:
        return []
    row = unwrap(row, delimiter)
    while row and not row[-1].strip():
        row.pop()
    return row


def guess_layout(lines: list[str]) -> tuple[int, list[str], str] | None:
    """A header-less file, read as the usual columns when its rows say so by content:
    a profile URL in the third cell, or (older files, no URL column) six cells ending
    in a date."""
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        for delimiter in _DELIMITERS:
            if delimiter not in line:
                continue
            row = _split(line, delimiter)
            if len(row) < 6 or not _is_date(row[-1]):
                continue
            if len(row) == len(HEADER) and (_PROFILE.search(row[2]) or not row[2].strip()):
                return index - 1, list(HEADER), delimiter
            if len(row) == len(HEADER) - 1 and not _PROFILE.search(line):
                return index - 1, [c for c in HEADER if c != "url"], delimiter
    return None


def recognises(text: str) -> bool:
    """Whether a file with no LinkedIn header still reads as connections (for sniffing)."""
    lines = text.lstrip("\ufeff").splitlines()[:_HEADER_SEARCH_LINES]
    return find_header(lines) is not None or guess_layout(lines) is not None


def truncation(body: str, last_row: list[str] | None, width: int) -> str | None:
    """Why the text after the header looks cut short, or None."""
    if body.count('"') % 2:
        return "the file ends inside a quoted field"
    if last_row is not None and len(last_row) < width and not body.endswith(("\n", "\r")):
        return f"the last row has {len(last_row)} of {width} columns and no line end"
    return None


def parse(
    path: Path, text: str, *, today: date, tick: Callable[[int], None], fmt: str = "linkedin"
) -> Parsed:
    """Contacts from a Connections.csv, with the rows and fields that could not be kept.

    (`today` is unused: LinkedIn gives no birthdays; the importers share one signature.)
    """
    lines = text.splitlines(keepends=True)
    found = find_header(lines)
    layout = "LinkedIn"
    if found is None:
        found = guess_layout(lines)
        layout = "LinkedIn, no header: columns recognised by content"
    if found is None:
        raise wrong_format(
            path, fmt, text, "no header line First Name,Last Name,URL,… and no profile URLs found"
        )
    start, header, delimiter = found
    if delimiter != ",":
        layout += f", {'tab' if delimiter == chr(9) else delimiter!r}-separated"
    column = {name: header.index(name) for name in header if name in HEADER}
    body = "".join(lines[start + 1 :])
    csv.field_size_limit(FIELD_LIMIT)  # a long note or pasted text is a field, not an error
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    result = Parsed(contacts=[], layout=layout)
    notes = result.notes
    width = len(header)
    last: list[str] | None = None
    last_where = ""
    # a column the file lacks reads as the empty cell appended past the row's end
    at = {name: column.get(name, width) for name in HEADER}
    first_at, last_at, url_at = at["first name"], at["last name"], at["url"]
    email_at, date_at = at["email address"], at["connected on"]
    company_at, title_at = at["company"], at["position"]
    name_limit, url_limit = LIMITS["name"], LIMITS["url"]
    company_limit, title_limit = LIMITS["company"], LIMITS["title"]
    # every column there: a full-width row needs no padding (the common case)
    complete = all(name in column for name in HEADER)
    contacts = result.contacts
    for where, row in records.csv_rows(
        reader, width, result.bad, first_line=start + 2, keep_short=True
    ):
        # csv_rows gives rows at most `width` wide; one unwrapped may be wider
        if len(row) < 2 or not row[1]:
            row = unwrap(row, delimiter)
            while len(row) > width and not row[-1].strip():
                row.pop()
            if len(row) > width:
                result.bad.append(Bad(where, f"{len(row)} columns where the header has {width}"))
                continue
        last, last_where = row, where
        if not complete or len(row) < width:
            row = row + [""] * (width + 1 - len(row))
        first, surname, url = row[first_at], row[last_at], row[url_at]
        if not (first.strip() or surname.strip() or url.strip()):
            result.hidden += 1  # a hidden or deleted member: LinkedIn gives only the date
            continue
        company, title = row[company_at], row[title_at]
        # The common row, checked once as a whole rather than field by field: printable
        # NFC text within every limit is kept as it is (stripped). The spaces joining the
        # cells neither compose nor reorder with them, so the whole is NFC exactly when
        # each cell is. Anything else takes the field-by-field path, with its warnings.
        whole = " ".join((first, surname, url, company, title))
        name = f"{first.strip()} {surname.strip()}".strip()
        check = None
        if (
            whole.isprintable()
            and (whole.isascii() or is_normalized("NFC", whole))
            and len(name) <= name_limit
            and len(url) <= url_limit
            and len(company) <= company_limit
            and len(title) <= title_limit
        ):
            url = url.strip()
            urls = [url] if url else []
            company, title = company.strip() or None, title.strip() or None
        else:
            check = Fields(where, notes)
            first_name = check.text(first, "name") or ""
            last_name = check.text(surname, "name") or ""
            name = check.text(f"{first_name} {last_name}", "name") or ""
            urls = check.plain([url], "url")
            company = check.text(company, "company")
            title = check.text(title, "title")
        if not name:
            result.skipped.append(Bad(where, "no first or last name"))
            continue
        email, day = row[email_at], row[date_at]
        try:
            connected = connected_on(day)
        except BadInput:
            check = check or Fields(where, notes)
            connected = check.day(connected_on, day, "connected on")  # dropped, noted
        contacts.append(
            Contact(
                where=where,
                name=name,
                emails=(check or Fields(where, notes)).emails([email]) if email else [],
                urls=urls,
                company=company,
                title=title,
                connected_on=connected,
            )
        )
        if len(contacts) % 500 == 0:
            tick(len(contacts))
    if why := truncation(body, last, width):
        result.truncated = why
        result.bad.append(Bad(last_where or f"line {len(lines)}", f"cut short: {why}"))
        if result.contacts and result.contacts[-1].where == last_where:
            result.contacts.pop()  # the cut-short row is not imported half
    if not result.contacts and not result.bad and not result.hidden and not result.skipped:
        raise wrong_format(path, fmt, text, "the header is there but no connections follow")
    return result
