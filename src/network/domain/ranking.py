"""who-knows ranking: fit for the topic first, then whether it is fair to ask now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from network.common.dates import ago
from network.domain.signals import LEANING_ASKS
from network.domain.signals import LEANING_DAYS as RECENT_ASK_DAYS  # asks this recent count against

TIE_WEIGHT = {"close": 1.0, "casual": 0.6, "roster": 0.2}
LEANING_PENALTY = 1.0
BARELY_BALANCE = 2  # a roster tie, or a casual one at or below this balance, you barely know
WELL_BALANCE = 5  # a close tie, or anyone at or above this balance, you know well
BRIDGE_BONUS = 0.3  # someone you know well can introduce you


@dataclass
class Candidate:
    """A person who matched the topic, with what the ranking needs to know."""

    id: int
    name: str
    tie: str
    balance: int
    last_contact: date | None
    match: float  # 1.0 exact strength … 0.3 a word in their company, title or notes
    matched: list[str] = field(default_factory=list)
    asks_recent: int = 0
    prefers: str | None = None
    via: dict | None = None  # the best-placed person you know well who knows them
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    fair: str = ""


def _health(c: Candidate, today: date, asks: int, bridged: bool) -> float:
    """Relationship health: the tie, the balance (saturating), how recent, asks, a bridge.

    The one place the numbers are added, in one order, so that `ceiling` bounds `assess`
    exactly: dropping the asks (subtractions) and adding the bridge bonus can only raise
    the floating-point result, as rounding is monotonic.
    """
    health = TIE_WEIGHT.get(c.tie, 0.5)
    # balance counts, but saturates: a +40 friend is not forty times better than +1
    health += max(-1.0, min(1.0, c.balance / 6))
    if c.last_contact is None:
        health -= 0.3
    else:
        days = (today - c.last_contact).days
        health += 0.5 if days <= 90 else (0.2 if days <= 365 else -0.2)
    if asks:
        health -= 0.4 * asks
    if asks >= LEANING_ASKS:
        health -= LEANING_PENALTY
    if bridged:
        health += BRIDGE_BONUS
    return health


def assess(c: Candidate, today: date) -> Candidate:
    """Score one candidate and explain the score in words."""
    reasons = [", ".join(c.matched)] if c.matched else []
    reasons.append(c.tie)
    reasons.append(f"balance {c.balance:+d}" if c.balance else "balance 0")
    if c.last_contact is None:
        reasons.append("never in touch")
    else:
        reasons.append(f"seen {ago(c.last_contact, today)}")
    if c.asks_recent:
        reasons.append(f"asked {c.asks_recent}× in {RECENT_ASK_DAYS} days")
    if c.asks_recent >= LEANING_ASKS:
        reasons.append("ranked lower: you lean on them")
    if c.via is not None:
        reasons.append(f"via {c.via['name']} — {c.via['tie']}, {c.via['balance']:+d}")
    c.score = round(3 * c.match + _health(c, today, c.asks_recent, c.via is not None), 3)
    c.reasons = reasons
    if c.via is not None:
        c.fair = f"ask {c.via['name'].split()[0]} for an intro"
    elif c.balance <= 0:
        c.fair = "give first"
    elif c.asks_recent >= 2:
        c.fair = "ask someone else"
    else:
        c.fair = "yes"
    return c


def ceiling(c: Candidate, today: date) -> float:
    """The highest score `c` can get from facts not read yet: no recent asks and, for
    someone barely known, an introduction. Read from the stored columns alone."""
    bridged = barely_known(c.tie, c.balance)
    return round(3 * c.match + _health(c, today, 0, bridged), 3)


def barely_known(tie: str, balance: int) -> bool:
    """A roster tie, or a casual one with little or no give-and-take either way."""
    return tie == "roster" or (tie == "casual" and abs(balance) <= BARELY_BALANCE)


def known_well(tie: str, balance: int) -> bool:
    """A close tie in credit, or anyone you have given a lot to.

    Asking for an introduction is itself a withdrawal, so the bridge must be someone it
    is fair to ask: a balance above zero, as `fair` requires for a direct ask.
    """
    return balance > 0 and (tie == "close" or balance >= WELL_BALANCE)


def bridge(known: list[dict]) -> dict | None:
    """The best-placed person you know well among those who know someone (tie, then balance)."""
    well = [k for k in known if known_well(k["tie"], k["balance"])]
    if not well:
        return None
    best = min(
        well, key=lambda k: (-TIE_WEIGHT.get(k["tie"], 0.5), -k["balance"], k["name"].casefold())
    )
    return {"id": best["id"], "name": best["name"], "tie": best["tie"], "balance": best["balance"]}


def attach_bridges(candidates: list[Candidate], known: dict[int, list[dict]]) -> None:
    """Give each barely-known candidate the best-placed person you know well who knows them."""
    for c in candidates:
        if barely_known(c.tie, c.balance):
            c.via = bridge([k for k in known.get(c.id, []) if k["id"] != c.id])


def rank(candidates: list[Candidate], today: date) -> list[Candidate]:
    """Best first; ties broken by name so the order is stable."""
    assessed = [assess(c, today) for c in candidates]
    return sorted(assessed, key=lambda c: (-c.score, c.name.casefold()))


def settled_best(ranked: list[Candidate], limit: int, next_ceiling: float | None) -> bool:
    """Whether the best `limit` of the candidates assessed so far (`ranked`, best first)
    are the best of all: no candidate left (`next_ceiling` None) or none left can reach
    the last of them (a tie could still win on its name, so it must stay strictly below).
    """
    if next_ceiling is None:
        return True
    return len(ranked) >= limit and next_ceiling < ranked[limit - 1].score
