"""Read-side SQL for drift and stats: window functions and GROUP BYs, one row per person or day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from network.domain import insights
from network.domain.cadence import TIE_CADENCE
from network.store import dialect
from network.store.connection import Reader
from network.store.reads.people import CADENCE_SQL


def rhythms(db: Reader, today: date) -> list[insights.Rhythm]:
    """Per active person with enough history: contact days, mean gap, last three gaps.

    Contact days follow the cadence rule: a close tie's group events don't count.
    """
    counts = dialect.counts_for_cadence("p.tie", "e.is_group")
    rows = db.rows(
        "WITH days AS ("
        " SELECT DISTINCT e.person_id, e.day FROM entry e JOIN person p ON p.id = e.person_id"
        f" WHERE p.archived = FALSE AND e.day <= :today AND {counts}"
        "), gaps AS ("
        " SELECT person_id, day,"
        " "
        + db.dialect.days_between("day", "LAG(day) OVER (PARTITION BY person_id ORDER BY day)")
        + " AS gap,"
        " ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY day DESC) AS rn FROM days"
        ") "
        f"SELECT g.person_id AS id, p.name, p.tie, {CADENCE_SQL} AS cadence, "
        "count(*) AS contacts, max(g.day) AS last_contact, avg(g.gap) AS avg_gap, "
        "max(CASE WHEN g.rn = 1 THEN g.gap END) AS g1, "
        "max(CASE WHEN g.rn = 2 THEN g.gap END) AS g2, "
        "max(CASE WHEN g.rn = 3 THEN g.gap END) AS g3 "
        "FROM gaps g JOIN person p ON p.id = g.person_id "
        # p.id grouped too: PostgreSQL accepts p's columns only when its key is grouped
        "GROUP BY g.person_id, p.id HAVING count(*) >= :min",
        {
            "today": today.isoformat(),
            "close": TIE_CADENCE["close"],
            "casual": TIE_CADENCE["casual"],
            "min": insights.DRIFT_MIN_CONTACTS,
        },
    )
    out = []
    for r in rows:
        gaps = [int(g) for g in (r["g3"], r["g2"], r["g1"]) if g is not None]
        out.append(
            insights.Rhythm(
                id=r["id"],
                name=r["name"],
                tie=r["tie"],
                cadence=r["cadence"],
                contacts=r["contacts"],
                last_contact=date.fromisoformat(str(r["last_contact"])[:10]),
                avg_gap=r["avg_gap"],
                gaps=gaps,
            )
        )
    return out


def figures(db: Reader, today: date) -> dict[str, Any]:
    """The counts behind `stats` for the last 12 months and the last quarter."""
    year = insights.year_start(today).isoformat()
    quarter = insights.quarter_start(today).isoformat()
    params = {"year": year, "quarter": quarter, "today": today.isoformat()}
    roster = db.one("SELECT count(*) AS n FROM person WHERE archived = FALSE")["n"]
    real = db.one(
        "SELECT count(*) AS n FROM (SELECT e.person_id FROM entry e "
        "JOIN person p ON p.id = e.person_id "
        "WHERE p.archived = FALSE AND e.day >= :year AND e.day <= :today GROUP BY e.person_id "
        "HAVING sum(CASE WHEN e.flow = 'deposit' THEN 1 ELSE 0 END) > 0 "
        "AND sum(CASE WHEN e.flow = 'withdrawal' THEN 1 ELSE 0 END) > 0) AS both_ways",
        params,
    )["n"]
    totals = db.one(
        "SELECT "
        "sum(CASE WHEN flow = 'deposit' THEN 1 ELSE 0 END) AS deposits, "
        "sum(CASE WHEN flow = 'withdrawal' AND received = FALSE THEN 1 ELSE 0 END) AS asks, "
        "sum(CASE WHEN received = TRUE THEN 1 ELSE 0 END) AS received, "
        "sum(CASE WHEN flow = 'deposit' AND day >= :quarter THEN 1 ELSE 0 END) AS quarter "
        "FROM entry WHERE day >= :year AND day <= :today",
        params,
    )
    return {"roster": roster, "real": real, **{k: v or 0 for k, v in totals.items()}}


def daily(db: Reader, since: date, today: date) -> list[dict[str, Any]]:
    """Entries and deposits per day with any entry (one GROUP BY over the window)."""
    rows = db.rows(
        "SELECT day, count(*) AS n, sum(CASE WHEN flow = 'deposit' THEN 1 ELSE 0 END) AS deposits "
        "FROM entry WHERE day >= :since AND day <= :today GROUP BY day",
        {"since": since.isoformat(), "today": today.isoformat()},
    )
    for r in rows:
        r["day"] = date.fromisoformat(str(r["day"])[:10])
    return rows


def deposit_days_before(db: Reader, before: date) -> set[date]:
    """Days with a deposit before a day (only read for a streak longer than the calendar)."""
    rows = db.rows(
        "SELECT DISTINCT day FROM entry WHERE flow = 'deposit' AND day < :before",
        {"before": before.isoformat()},
    )
    return {date.fromisoformat(str(r["day"])[:10]) for r in rows}


def streak_days(db: Reader, window: list[dict[str, Any]], since: date, today: date) -> int:
    """The current deposit streak, reading further back only when it fills the whole window."""
    days = {r["day"] for r in window if r["deposits"]}
    count = insights.streak(days, today)
    end = today if today in days else today - timedelta(days=1)
    if count and end - timedelta(days=count - 1) <= since:
        days |= deposit_days_before(db, since)
        count = insights.streak(days, today)
    return count
