"""who-knows ranking: fit for the topic first, then whether it is fair to ask now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from network.dates import ago

TIE_WEIGHT = {"close": 1.0, "casual": 0.6, "roster": 0.2}
RECENT_ASK_DAYS = 90


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
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    fair: str = ""


def assess(c: Candidate, today: date) -> Candidate:
    """Score one candidate and explain the score in words."""
    reasons = [", ".join(c.matched)] if c.matched else []
    health = TIE_WEIGHT.get(c.tie, 0.5)
    reasons.append(c.tie)
    # balance counts, but saturates: a +40 friend is not forty times better than +1
    health += max(-1.0, min(1.0, c.balance / 6))
    reasons.append(f"balance {c.balance:+d}")
    if c.last_contact is None:
        health -= 0.3
        reasons.append("never in touch")
    else:
        days = (today - c.last_contact).days
        health += 0.5 if days <= 90 else (0.2 if days <= 365 else -0.2)
        reasons.append(f"seen {ago(c.last_contact, today)}")
    if c.asks_recent:
        health -= 0.4 * c.asks_recent
        reasons.append(f"asked {c.asks_recent}× in {RECENT_ASK_DAYS} days")
    c.score = round(3 * c.match + health, 3)
    c.reasons = reasons
    if c.balance <= 0:
        c.fair = "give first"
    elif c.asks_recent >= 2:
        c.fair = "ask someone else"
    else:
        c.fair = "yes"
    return c


def rank(candidates: list[Candidate], today: date) -> list[Candidate]:
    """Best first; ties broken by name so the order is stable."""
    assessed = [assess(c, today) for c in candidates]
    return sorted(assessed, key=lambda c: (-c.score, c.name.casefold()))
