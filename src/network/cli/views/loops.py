"""Closing loops on screen: the messages about thank-yous and reminders an entry opened."""

from __future__ import annotations

from typing import Any

from network.cli.views import output


def tell_effects(name: str, effects: Any, via_name: str | None = None) -> None:
    """Messages about the thank-yous and reminders an entry opened or settled."""
    from network.domain import loops as rules

    if effects.settled is not None:
        output.message(f"Thank-you settled: {rules.thanks_action(name, effects.settled.summary)}.")
    if effects.owed is not None:
        output.message(
            f"You owe {name} a thank-you ({effects.owed.summary}): network thank "
            f'"{name}" when you have said it.'
        )
    if effects.loop is not None and via_name:
        output.message(f"Once something comes of it, tell {via_name} how it went.")
