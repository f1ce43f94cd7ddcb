"""Remembering an e-mail address for a person (provisional: the person's `email` column)."""

from __future__ import annotations

from network.store.schema import Person


def add_email(session, person_id: int, address: str, label: str | None = None) -> bool:
    """Remember an address for a person (set their e-mail when empty); whether anything changed."""
    person = session.get(Person, person_id)
    value = address.strip()
    if person is None or not value or person.email:
        return False
    person.email = value
    session.add(person)
    session.flush()
    return True
