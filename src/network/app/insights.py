"""Looking back: who is drifting away (`drift`) and the figures of your habit (`stats`).

The rules (what drifting means, the streak, the calendar's window) are in domain/insights.py;
the aggregates are SQL in store/reads/insights.py. These use cases read both in one go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from network.app.results import Result, doc, view_only
from network.domain import capacity, insights
from network.store import connection as db
from network.store.reads import agenda as agenda_queries
from network.store.reads import capacity as capacity_queries
from network.store.reads import insights as insight_queries


@dataclass
class Drifter(Result):
    """Someone drifting away, and by how much."""

    id: int = doc("the person's id")
    name: str = doc("the person's name")
    tie: str = doc("close, casual or roster")
    baseline_days: int = doc("their cadence, or their usual gap when they have none")
    days_silent: int = doc("days since the last contact")
    drift: float = doc("days silent / baseline: the size of the drift")
    reasons: list[str] = doc("the words shown in the why column")


@dataclass
class Drift(Result):
    """People drifting away, largest drift first (`network drift`)."""

    JSON_ROOT = "items"

    items: list[Drifter] = doc("the people drifting away, largest drift first")
    day: date = view_only()


@dataclass
class Stats(Result):
    """The figures of your networking habit (`network stats`)."""

    day: date = doc("the day the figures are for")
    roster: int = doc("people not archived")
    real_network: int = doc("people with a two-way exchange in the last 12 months")
    deposits_12m: int = doc("deposits in the last 12 months")
    asks_12m: int = doc("asks (withdrawals other than help received) in the last 12 months")
    received_12m: int = doc("help received in the last 12 months")
    give_ask_ratio: float | None = doc("deposits per ask, or null with no asks")
    deposits_last_quarter: int = doc("deposits in the last 13 weeks")
    deposits_per_week: float = doc("deposits a week over the last 13 weeks")
    streak_days: int = doc("days in a row with a deposit, up to today")
    networking_days_52w: int = doc("days with any entry in the 52-week calendar")
    calendar_start: date = doc("the Monday that opens the 52-week calendar")
    calendar: dict[str, int] = doc("entries per day with any, ISO day to count, oldest first")
    close_ties: int = doc("close ties on a rhythm (about 15 can be kept up)")
    on_rhythm: int = doc("people on a rhythm, their own or their tie's (about 150 can be kept up)")
    contacts_per_week: float = doc("contacts a week the rhythms ask for: 7 / cadence, summed")
    budget_per_week: int = doc("contacts a week the daily budget allows (budget × 7)")
    capacity: list[str] = doc(
        "warnings: more close ties or people on a rhythm than can be kept up (naming whom to "
        "move, longest silent first), or rhythms asking more than the budget allows"
    )


def drift(db_path: Path, today: date) -> Drift:
    """Everyone drifting away, the largest drift first."""
    with db.reading(db_path) as reader:
        found = insights.drifting(insight_queries.rhythms(reader, today), today)
    return Drift(
        items=[
            Drifter(
                id=d.id,
                name=d.name,
                tie=d.tie,
                baseline_days=d.baseline,
                days_silent=d.silence,
                drift=d.ratio,
                reasons=d.reasons,
            )
            for d in found
        ],
        day=today,
    )


def stats(db_path: Path, today: date, budget: int | None = None) -> Stats:
    """Roster, real network, give/ask, pace, streak, the year's calendar, and what the
    rhythms ask for against `budget` people a day (the setting when not given)."""
    if budget is None:
        from network.common import config

        budget = config.load().budget
    start = insights.heatmap_start(today)
    since = min(start, insights.year_start(today))
    with db.reading(db_path) as reader:
        figures = insight_queries.figures(reader, today)
        window = insight_queries.daily(reader, since, today)
        streak = insight_queries.streak_days(reader, window, since, today)
        close, kept, silent_close, silent_kept = agenda_queries.capacity(reader, capacity.NAMED)
        per_week = capacity_queries.contacts_per_week(reader)
    warnings = capacity.warnings(close, kept, silent_close, silent_kept)
    if too_much := capacity.budget_warning(per_week, budget):
        warnings.append(too_much)
    counts = {r["day"]: r["n"] for r in window if r["day"] >= start}
    return Stats(
        day=today,
        roster=figures["roster"],
        real_network=figures["real"],
        deposits_12m=figures["deposits"],
        asks_12m=figures["asks"],
        received_12m=figures["received"],
        give_ask_ratio=insights.ratio(figures["deposits"], figures["asks"]),
        deposits_last_quarter=figures["quarter"],
        deposits_per_week=round(figures["quarter"] / insights.QUARTER_WEEKS, 2),
        streak_days=streak,
        networking_days_52w=len(counts),
        calendar_start=start,
        calendar={d.isoformat(): n for d, n in sorted(counts.items())},
        close_ties=close,
        on_rhythm=kept,
        contacts_per_week=round(per_week, 1),
        budget_per_week=budget * capacity.WEEK,
        capacity=warnings,
    )
