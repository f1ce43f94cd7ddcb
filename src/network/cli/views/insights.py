"""Looking back, on screen: the drift table and the stats page (or their JSON)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

from network.cli.views import output

if TYPE_CHECKING:
    from network.app.insights import Drift, Stats


def show_drift(found: Drift, json: bool) -> None:
    """Who is drifting, as a table (a message when nobody is) or JSON."""
    if json:
        output.emit_json(found.to_json())
        return
    if not found.items:
        output.message("Nobody is drifting away. Keep it up.")
        return
    output.table(
        ["person", "tie", "silent", "drift", "why"],
        [
            [d.name, d.tie, f"{d.days_silent} days", f"{d.drift:.1f}×", "; ".join(d.reasons)]
            for d in found.items
        ],
        title=f"Drifting {found.day.isoformat()}",
    )


def show_stats(s: Stats, json: bool) -> None:
    """The figures as aligned lines and the year's calendar, or JSON."""
    from network.domain import insights  # the calendar's drawing; not needed for --help

    if json:
        output.emit_json(s.to_json())
        return
    for warning in s.capacity:
        output.warn(warning)
    share = f", {round(100 * s.real_network / s.roster)}% of the roster" if s.roster else ""
    ratio = s.give_ask_ratio
    lines = [
        f"Roster           {s.roster} people",
        f"Real network     {s.real_network} (a two-way exchange in the last 12 months{share})",
        f"Give / ask       {output.plural(s.deposits_12m, 'deposit')}, "
        f"{output.plural(s.asks_12m, 'ask')}"
        + (f", {s.received_12m} help received" if s.received_12m else "")
        + (
            f": {ratio:g} gives per ask"
            if ratio is not None
            else ": no asks yet — ask for something small"
        )
        + " (last 12 months)",
        f"Pace             {output.plural(s.deposits_last_quarter, 'deposit')} "
        f"in the last 13 weeks: {s.deposits_per_week:g} a week",
        f"Streak           {output.plural(s.streak_days, 'day')} in a row with a deposit",
        f"Networking days  {s.networking_days_52w} in the last 52 weeks",
        f"Capacity         {s.close_ties} close, {s.on_rhythm} on a rhythm; they ask "
        f"{s.contacts_per_week:g} contacts a week, budget {s.budget_per_week}",
        "",
        *insights.heatmap({date.fromisoformat(d): n for d, n in s.calendar.items()}, s.day),
    ]
    typer.echo("\n".join(lines))
