"""Looking back: who is drifting away, and the figures of your networking habit."""

from __future__ import annotations

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json, Limit
from network.cli.views import output


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""

    @app.command()
    @guarded
    def drift(limit: Limit = None, json: Json = False) -> None:
        """People drifting away: once regular, now silent past twice their cadence, or gaps growing.

        Largest drift (days silent / cadence) first. People with fewer than three contact
        days have no rhythm yet and are left out.

        Example: network drift --limit 10
        """
        from network.domain import insights
        from network.store import connection as db
        from network.store.reads import insights as insight_queries

        today = state.today()
        with db.reading(state.db_path()) as reader:
            found = insights.drifting(insight_queries.rhythms(reader, today), today)
        if limit:
            found = found[:limit]
        if json:
            output.emit_json(
                [
                    {
                        "id": d.id,
                        "name": d.name,
                        "tie": d.tie,
                        "baseline_days": d.baseline,
                        "days_silent": d.silence,
                        "drift": d.ratio,
                        "reasons": d.reasons,
                    }
                    for d in found
                ]
            )
            return
        if not found:
            output.message("Nobody is drifting away. Keep it up.")
            return
        output.table(
            ["who", "tie", "silent", "drift", "why"],
            [
                [d.name, d.tie, f"{d.silence} days", f"{d.ratio:.1f}×", "; ".join(d.reasons)]
                for d in found
            ],
            title=f"Drifting {today.isoformat()}",
        )

    @app.command()
    @guarded
    def stats(json: Json = False) -> None:
        """Your networking habit: real network vs roster, give/ask, pace, streak, a year's calendar.

        The real network counts people with a two-way exchange (a deposit and a withdrawal
        or help received) in the last 12 months.

        Example: network stats --json
        """
        from network.domain import insights
        from network.store import connection as db
        from network.store.reads import insights as insight_queries

        today = state.today()
        start = insights.heatmap_start(today)
        with db.reading(state.db_path()) as reader:
            figures = insight_queries.figures(reader, today)
            window = insight_queries.daily(reader, min(start, insights.year_start(today)), today)
            streak = insight_queries.streak_days(
                reader, window, min(start, insights.year_start(today)), today
            )
        counts = {r["day"]: r["n"] for r in window if r["day"] >= start}
        per_week = round(figures["quarter"] / insights.QUARTER_WEEKS, 2)
        data = {
            "date": today,
            "roster": figures["roster"],
            "real_network": figures["real"],
            "deposits_12m": figures["deposits"],
            "asks_12m": figures["asks"],
            "received_12m": figures["received"],
            "give_ask_ratio": insights.ratio(figures["deposits"], figures["asks"]),
            "deposits_last_quarter": figures["quarter"],
            "deposits_per_week": per_week,
            "streak_days": streak,
            "networking_days_52w": len(counts),
            "calendar_start": start,
            "calendar": {d.isoformat(): n for d, n in sorted(counts.items())},
        }
        if json:
            output.emit_json(data)
            return
        share = (
            f", {round(100 * figures['real'] / figures['roster'])}% of the roster"
            if figures["roster"]
            else ""
        )
        ratio = data["give_ask_ratio"]
        lines = [
            f"Roster           {figures['roster']} people",
            f"Real network     {figures['real']} (a two-way exchange in the last 12 months{share})",
            f"Give / ask       {output.plural(figures['deposits'], 'deposit')}, "
            f"{output.plural(figures['asks'], 'ask')}"
            + (f", {figures['received']} help received" if figures["received"] else "")
            + (
                f": {ratio:g} gives per ask"
                if ratio is not None
                else ": no asks yet — ask for something small"
            )
            + " (last 12 months)",
            f"Pace             {output.plural(figures['quarter'], 'deposit')} "
            f"in the last 13 weeks: {per_week:g} a week",
            f"Streak           {output.plural(streak, 'day')} in a row with a deposit",
            f"Networking days  {len(counts)} in the last 52 weeks",
            "",
            *insights.heatmap(counts, today),
        ]
        typer.echo("\n".join(lines))
