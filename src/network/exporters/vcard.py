"""vCard 3.0 for address books, written with vobject.

A birthday without a year is written the way Apple Contacts writes it (year 1604 with
X-APPLE-OMIT-YEAR), since vCard 3.0 has no form for it; our importer reads it back
without a year. Notes are included only with --include-private.
"""

from __future__ import annotations

from typing import Any

from network.exporters.snapshot import Snapshot
from network.importers.records import split_labels

APPLE_NO_YEAR = 1604


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


def render(snap: Snapshot) -> str:
    """Every person as a vCard 3.0, in one file (CRLF line ends, folded at 75 octets)."""
    return "".join(card(person).serialize() for person in snap.tables["person"])
