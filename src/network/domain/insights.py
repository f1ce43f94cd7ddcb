"""Looking back over the ledger: drift, the stats figures, and the small charts. Pure, no I/O.

The queries in `insight_queries.py` aggregate in SQL (one row per person or per day);
these functions turn those rows into verdicts and pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

YEAR_DAYS = 365  # "the last 12 months": today and the 364 days before
QUARTER_WEEKS = 13  # "the last quarter": today and the 90 days before
HEATMAP_WEEKS = 52
DRIFT_MIN_CONTACTS = 3  # fewer contact days than this says nothing about a rhythm
DRIFT_FACTOR = 2.0  # silent for more than twice the cadence is drifting
GROWTH_STEP = 1.2  # "gaps keep growing": each of the last three at least 20% longer
SPARK = "▁▂▃▄▅▆▇█"
SHADES = "·░▒▓█"  # no entry, 1, 2, 3–4, 5 or more


def year_start(today: date) -> date:
    """The first day of the last-12-months window."""
    return today - timedelta(days=YEAR_DAYS - 1)


def quarter_start(today: date) -> date:
    """The first day of the last-quarter window (13 weeks, today included)."""
    return today - timedelta(days=QUARTER_WEEKS * 7 - 1)


# --- drift ------------------------------------------------------------------------------


@dataclass
class Rhythm:
    """One person's contact history, as the drift query returns it."""

    id: int
    name: str
    tie: str
    cadence: int | None  # their effective cadence (None for roster ties without one)
    contacts: int  # distinct days with an entry
    last_contact: date
    avg_gap: float | None  # mean days between contact days
    gaps: list[int] = field(default_factory=list)  # the last (up to) three gaps, oldest first


@dataclass
class Drift:
    """A person drifting away, why, and by how much."""

    id: int
    name: str
    tie: str
    baseline: int  # their cadence, or their usual gap when they have no cadence
    silence: int  # days since the last contact
    ratio: float  # silence / baseline: the size of the drift
    reasons: list[str]


def assess_drift(r: Rhythm, today: date) -> Drift | None:
    """Drifting: used to be regular and now silent past twice the cadence, or gaps keep growing."""
    if r.contacts < DRIFT_MIN_CONTACTS or r.avg_gap is None:
        return None
    baseline = r.cadence or max(1, round(r.avg_gap))
    silence = (today - r.last_contact).days
    reasons = []
    regular = r.avg_gap <= baseline
    if regular and silence > DRIFT_FACTOR * baseline:
        reasons.append(
            f"used to be every ~{round(r.avg_gap)} days, now {silence} days silent "
            f"({silence / baseline:.1f}× {'the cadence' if r.cadence else 'their usual gap'})"
        )
    # the silence so far is a gap too, once it is longer than the last one closed
    seq = list(r.gaps) + ([silence] if r.gaps and silence > r.gaps[-1] else [])
    if len(seq) >= 3 and seq[-3] * GROWTH_STEP <= seq[-2] and seq[-2] * GROWTH_STEP <= seq[-1]:
        shown = " → ".join(str(g) for g in seq[-3:])
        reasons.append(f"gaps keep growing: {shown} days")
    if not reasons:
        return None
    return Drift(r.id, r.name, r.tie, baseline, silence, round(silence / baseline, 2), reasons)


def drifting(rhythms: list[Rhythm], today: date) -> list[Drift]:
    """Everyone drifting, largest drift first (ties by name)."""
    found = [d for r in rhythms if (d := assess_drift(r, today)) is not None]
    return sorted(found, key=lambda d: (-d.ratio, d.name.casefold()))


# --- stats ------------------------------------------------------------------------------


def ratio(given: int, asked: int) -> float | None:
    """Gives per ask, rounded; None when you asked for nothing."""
    return round(given / asked, 2) if asked else None


def streak(deposit_days: set[date], today: date) -> int:
    """Consecutive days with a deposit, ending today (or yesterday, while today is young)."""
    day = today if today in deposit_days else today - timedelta(days=1)
    count = 0
    while day in deposit_days:
        count += 1
        day -= timedelta(days=1)
    return count


def heatmap_start(today: date) -> date:
    """The Monday that opens the 52-week calendar ending with today's week."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=HEATMAP_WEEKS - 1)


def shade(count: int) -> str:
    """One cell of the calendar for a day with count entries."""
    if count <= 0:
        return SHADES[0]
    if count <= 2:
        return SHADES[count]
    return SHADES[3] if count <= 4 else SHADES[4]


def heatmap(counts: dict[date, int], today: date) -> list[str]:
    """The calendar as lines: a month row, then Mon…Sun rows of one cell per week."""
    start = heatmap_start(today)
    weeks = HEATMAP_WEEKS
    months = [" "] * weeks
    last_label_end = -1
    for w in range(weeks):
        monday = start + timedelta(weeks=w)
        first = None
        for d in range(7):
            day = monday + timedelta(days=d)
            if day.day == 1:
                first = day
        if first is not None and w > last_label_end:
            label = first.strftime("%b")
            if w + len(label) <= weeks:
                months[w : w + len(label)] = list(label)
                last_label_end = w + len(label)
    lines = ["    " + "".join(months).rstrip()]
    for d, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        cells = []
        for w in range(weeks):
            day = start + timedelta(weeks=w, days=d)
            cells.append(" " if day > today else shade(counts.get(day, 0)))
        lines.append(f"{name} " + "".join(cells).rstrip())
    lines.append("    less " + " ".join(SHADES) + " more")
    return lines


# --- show: monthly interactions ---------------------------------------------------------


def last_months(today: date, n: int = 12) -> list[str]:
    """The n months ending with today's, oldest first, as '2026-03'."""
    year, month = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def months_start(today: date, n: int = 12) -> date:
    """The first day of the oldest of the last n months."""
    return date.fromisoformat(last_months(today, n)[0] + "-01")


def sparkline(values: list[int]) -> str:
    """One block per value, scaled to the largest; zero is a blank-ish dot."""
    top = max(values, default=0)
    if top <= 0:
        return "·" * len(values)
    return "".join(
        "·" if v <= 0 else SPARK[min(len(SPARK) - 1, (v * len(SPARK) - 1) // top)] for v in values
    )


def month_initial(month: str) -> str:
    """'J' for '2026-01': one letter per month under a sparkline."""
    return "JFMAMJJASOND"[int(month[5:7]) - 1]
