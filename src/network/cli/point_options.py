"""The options `add` and `edit` take for e-mails, phones and web addresses, each repeatable
(contact points, issue 10): the first of a kind is the primary one, the rest are added
beside it; `edit --no-email ADDRESS` (and --no-phone, --no-url) removes one."""

from __future__ import annotations

from typing import Annotated

import typer

Emails = Annotated[
    list[str] | None,
    typer.Option(
        "--email", metavar="TEXT", help="E-mail address; again for more (the first is primary)."
    ),
]
Phones = Annotated[
    list[str] | None,
    typer.Option(
        "--phone", metavar="TEXT", help="Phone number; again for more (the first is primary)."
    ),
]
Urls = Annotated[
    list[str] | None,
    typer.Option(
        "--url",
        metavar="TEXT",
        help="LinkedIn or other profile URL; again for more (the first is primary).",
    ),
]
NoEmails = Annotated[
    list[str] | None,
    typer.Option("--no-email", metavar="TEXT", help="Remove this e-mail address (repeatable)."),
]
NoPhones = Annotated[
    list[str] | None,
    typer.Option("--no-phone", metavar="TEXT", help="Remove this phone number (repeatable)."),
]
NoUrls = Annotated[
    list[str] | None,
    typer.Option("--no-url", metavar="TEXT", help="Remove this web address (repeatable)."),
]


def points(
    emails: list[str] | None,
    phones: list[str] | None,
    urls: list[str] | None,
    *,
    no_emails: list[str] | None = None,
    no_phones: list[str] | None = None,
    no_urls: list[str] | None = None,
) -> dict[str, object]:
    """The Details fields these options fill: email, phone, url (the first of each, None
    when not given), `more` (the rest) and `drop` (the ones to remove)."""
    given = {"email": emails or [], "phone": phones or [], "url": urls or []}
    return {
        **{kind: values[0] if values else None for kind, values in given.items()},
        "more": {kind: values[1:] for kind, values in given.items() if len(values) > 1},
        "drop": {
            kind: values
            for kind, values in (("email", no_emails), ("phone", no_phones), ("url", no_urls))
            if values
        },
    }
