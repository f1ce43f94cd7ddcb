"""The team commands on screen: one line for init and remove, two tables for who-knows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.cli.views import output
from network.cli.views import who_knows as own_view

if TYPE_CHECKING:
    from network.app.team import MemberRemoved, TeamReady, TeamWhoKnows, Unlisted


def ready(result: TeamReady) -> None:
    members = ", ".join(result.members) if result.members else "no members yet"
    output.message(f"Team network ready in {result.database} ({members}).")


def removed(result: MemberRemoved) -> None:
    counts = ", ".join(f"{n} {table}" for table, n in result.removed.items() if n)
    output.message(f"Removed {result.member} from the team ({counts or 'no rows'}).")


def unlisted(result: Unlisted) -> None:
    if result.private:
        output.message(f"{result.name} is kept out of the team directory.")
    else:
        output.message(f"{result.name} is in the team directory again.")


def who_knows(found: TeamWhoKnows, json: bool) -> None:
    if json:
        output.emit_json(found.to_json())
        return
    own_view.show(found.mine, False)
    if not found.team:
        output.message(f'Nobody else on the team knows someone for "{found.topic}".')
        return
    output.table(
        ["person", "why", "known to", "ask"],
        [
            [
                c.name + (f" ({c.company})" if c.company else ""),
                ", ".join(c.matched),
                ", ".join(f"{k.member} ({k.tie})" for k in c.known_to),
                f"ask {c.ask} for an intro",
            ]
            for c in found.team
        ],
        title=f"On the team, who knows {found.topic}",
    )
