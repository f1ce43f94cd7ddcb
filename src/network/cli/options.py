"""Option types shared by several commands, so each is spelt and explained once."""

from __future__ import annotations

from typing import Annotated

import typer

from network.cli import completion

Json = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
Limit = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Show at most N rows.")]
PersonArg = Annotated[
    str,
    typer.Argument(
        metavar="PERSON",
        help="Name, unique prefix or first name, or their id (p12).",
        autocompletion=completion.person,
    ),
]
# The rest of the line: `network log maya had coffee, talked about the role` needs no
# quotes (after `--`, words may start with a dash); words() joins them back.
Summary = Annotated[
    list[str],
    typer.Argument(
        metavar="SUMMARY...",
        help="What happened, in a few words (quotes optional).",
        autocompletion=completion.nothing,
    ),
]


def words(summary: list[str] | None) -> str | None:
    """The summary typed as several words, as one line (None when none were given)."""
    return " ".join(summary) if summary else None


When = Annotated[
    str | None,
    typer.Option(
        "--when",
        "-w",
        metavar="DATE",
        help="When it happened: 2026-11-03, today, yesterday, '3 days ago', 'last friday', 'nov 3', "
        "optionally with a time ('yesterday 3pm').",
    ),
]
Kind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        autocompletion=completion.kind,
        help="coffee, call, email, meal, event, article, intro, referral, thanks, congrats, help, advice, ask, …",
    ),
]
Group = Annotated[
    bool, typer.Option("--group", help="A group event: does not reset a close tie's cadence.")
]
Private = Annotated[bool, typer.Option("--private", help="Keep out of exports unless asked for.")]
Points = Annotated[
    int | None,
    typer.Option("--points", "-p", metavar="N", help="Weight of the entry (default by kind)."),
]

# add / edit
Company = Annotated[str | None, typer.Option("--company", metavar="TEXT", help="Where they work.")]
Title = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Their role.")]
Email = Annotated[str | None, typer.Option("--email", metavar="TEXT", help="Email address.")]
Phone = Annotated[str | None, typer.Option("--phone", metavar="TEXT", help="Phone number.")]
Url = Annotated[
    str | None, typer.Option("--url", metavar="TEXT", help="LinkedIn or other profile URL.")
]
Location = Annotated[str | None, typer.Option("--location", metavar="TEXT", help="City or region.")]
Tie = Annotated[
    str | None,
    typer.Option(
        "--tie", metavar="TIE", help="close, casual or roster.", autocompletion=completion.tie
    ),
]
Every = Annotated[
    str | None,
    typer.Option(
        "--every", metavar="CADENCE", help="Keep in touch every 30d, 2w, 3m, 1y (0 clears)."
    ),
]
Knows = Annotated[
    str | None,
    typer.Option("--knows", metavar="TOPICS", help="What they are strong at: cars,resumes"),
]
Birthday = Annotated[
    str | None, typer.Option("--birthday", metavar="DATE", help="MM-DD or YYYY-MM-DD, e.g. 04-03.")
]
Met = Annotated[str | None, typer.Option("--met", metavar="TEXT", help="How you met.")]
Prefers = Annotated[
    str | None,
    typer.Option("--prefers", metavar="TEXT", help="Preferred channel/time: 'evenings, phone'."),
]
Note = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Notes about them.")]
