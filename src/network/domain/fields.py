"""Checking what the user typed before it reaches the database: lengths, control characters."""

from __future__ import annotations

import unicodedata

from network.common.errors import BadInput

# The free-text profile fields a person has (add/edit options, show, imports).
PROFILE_FIELDS = (
    "email",
    "phone",
    "company",
    "title",
    "location",
    "url",
    "met",
    "prefers",
    "notes",
)

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
