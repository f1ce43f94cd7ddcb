"""The numbered picker: which of several people a short name meant (asked on stderr)."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from network.cli.views import output
from network.common.text import visible

if TYPE_CHECKING:
    from network.domain.names import Choice, PickPerson

SHOWN = 9  # one keystroke each


def describe(choice: Choice, today: date) -> str:
    """'Ben Ortiz (close, Acme, last contact 3 days ago)'."""
    from network.common.dates import ago

    facts = [choice.tie or "roster"]
    if choice.company:
        facts.append(choice.company)
    contact = ago(choice.last_contact, today)
    facts.append("never contacted" if contact == "never" else f"last contact {contact}")
    return f"{choice.name} ({', '.join(facts)})"


def pick(problem: PickPerson, today: date) -> int | None:
    """Offer the likeliest people as a numbered list; the id chosen, or None for Enter
    (or end of input). Asked again on an answer that is not one of the numbers."""
    shown = problem.choices[:SHOWN]
    lines = [
        f'"{problem.query}" matches {output.plural(len(problem.choices), "person", "people")}:'
    ]
    lines += [f"  {n}) {describe(c, today)}" for n, c in enumerate(shown, 1)]
    if len(problem.choices) > len(shown):
        lines.append(f"  … and {len(problem.choices) - len(shown)} more: type more of the name")
    output.message("\n".join(lines))
    question = (
        f"Which one? [1-{len(shown)}, Enter to cancel]: "
        if len(shown) > 1
        else ("Which one? [1, Enter to cancel]: ")
    )
    while True:
        sys.stderr.write(visible(question))
        sys.stderr.flush()
        answer = sys.stdin.readline()
        if not answer.strip():  # Enter, or the input ended
            if not answer:
                sys.stderr.write("\n")
            return None
        text = answer.strip()
        if text.isascii() and text.isdigit() and 1 <= int(text) <= len(shown):
            return shown[int(text) - 1].id
        output.message(f"Type a number from 1 to {len(shown)}, or press Enter to cancel.")
