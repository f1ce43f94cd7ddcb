"""Who knows a topic, on screen: a ranked table with the reasons, or its JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.cli.views import output

if TYPE_CHECKING:
    from network.app.who_knows import WhoKnows


def show(found: WhoKnows, json: bool) -> None:
    """The ranked table (and your own matching strengths) or the JSON document."""
    if json:
        output.emit_json(found.to_json())
        return
    topic = found.topic
    if found.you:
        output.message(f"You know this yourself: {', '.join(found.you)}")
    if not found.items:
        output.message(
            f'Nobody in your network is known for "{topic}". '
            f'Record strengths with: network knows PERSON "{topic}"'
        )
        return
    output.table(
        ["#", "person", "why", "fair to ask?"],
        [[n, h.name, " · ".join(h.reasons), h.fair_to_ask] for n, h in enumerate(found.items, 1)],
        title=f"Who knows {topic}",
        caption=(
            f"{found.more} more — network who-knows {topic!r} --limit N" if found.more else None
        ),
    )
