"""The brief as cards on stdout (or JSON)."""

from __future__ import annotations

import sys
from typing import Any

from network.cli.views import output
from network.common.text import visible


def _line(text: str) -> None:
    sys.stdout.write(visible(text) + "\n")


def brief(result: Any, *, as_json: bool) -> None:
    """Each meeting, then a few lines per person you know there."""
    if as_json:
        output.emit_json(result.to_json())
        return
    if not result.meetings:
        days = " or ".join(d.isoformat() for d in result.days)
        output.message(f"No meetings with other people on {days} in {result.calendar}.")
        return
    for n, meeting in enumerate(result.meetings):
        if n:
            _line("")
        when = meeting.day.isoformat() + (f" {meeting.at:%H:%M}" if meeting.at else "")
        _line(f"{when}  {meeting.title or '(no title)'}")
        for card in meeting.people:
            balance = output.signed(card.balance)
            _line(
                f"  {card.name} ({card.tie}): last contact {card.last_contact_ago}, balance {balance}"
            )
            if card.strengths:
                _line(f"    strong at: {', '.join(card.strengths)}")
            for ask in card.open_asks:
                _line(f"    you asked: {ask}")
            for owed in card.owed:
                _line(f"    you owe: {owed}")
            _line(f"    deposit: {card.suggestion}")
        if meeting.others:
            _line(f"  also there: {', '.join(meeting.others)}")
