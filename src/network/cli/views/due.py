"""The agenda on screen (`due`, and `demo`, which shows it for the network it built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.cli.views import output

if TYPE_CHECKING:
    from network.app.agenda import Agenda
    from network.app.demo import Demo


def show(agenda: Agenda, json: bool) -> None:
    """The agenda as a table on stdout (a message when nobody is due), or as JSON."""
    if json:
        output.emit_json(agenda.to_json())
        return
    if not agenda.items:
        output.message("Nobody is due today. Add people (network add) or log what you did.")
        return
    more = f"{agenda.more} more due — network due --all" if agenda.more else None
    output.table(
        ["who", "why", "last contact", "balance", "prefers", "suggestion"],
        [
            [
                i.name,
                "; ".join(i.reasons),
                i.last_contact_ago,
                output.signed(i.balance),
                i.prefers or "",
                i.suggestion,
            ]
            for i in agenda.items
        ],
        title=f"Due {agenda.date.isoformat()}",
        caption=more,
    )


def show_demo(demo: Demo, json: bool) -> None:
    """What `network demo` built, then its agenda (as `due` shows it), then where to go next."""
    counts = demo.counts
    output.message(
        f"Built a demo network in {demo.path}: {counts.people} people, "
        f"{counts.entries} entries, {counts.strengths} strengths."
    )
    show(demo.agenda, json)
    quoted = f'"{demo.path}"' if " " in str(demo.path) else str(demo.path)
    output.message(
        f"Explore it: network --db {quoted} who-knows cars   (or: show, people, history)"
    )
