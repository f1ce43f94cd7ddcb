"""Kinds of ledger entry and the points each weighs by default.

The weights are deliberately coarse: they rank generosity, they don't keep score.
An introduction or a referral puts your own reputation on the line, so it weighs
more than forwarding an article.
"""

from __future__ import annotations

DEFAULT_POINTS: dict[str, int] = {
    "article": 1,
    "email": 1,
    "message": 1,
    "congrats": 1,
    "thanks": 1,
    "event": 1,
    "call": 2,
    "coffee": 2,
    "meal": 3,
    "gift": 2,
    "help": 3,
    "advice": 2,
    "ask": 2,
    "intro": 5,
    "referral": 5,
    "note": 1,
}
KINDS = tuple(DEFAULT_POINTS)
MAX_POINTS = 100


# Words in a summary that name its kind, so `log alice "coffee chat"` needs no --kind.
KIND_WORDS: dict[str, str] = {
    "coffee": "coffee",
    "call": "call",
    "called": "call",
    "phone": "call",
    "zoom": "call",
    "email": "email",
    "emailed": "email",
    "lunch": "meal",
    "dinner": "meal",
    "breakfast": "meal",
    "meal": "meal",
    "drinks": "meal",
    "event": "event",
    "conference": "event",
    "meetup": "event",
    "article": "article",
    "link": "article",
    "intro": "intro",
    "introduced": "intro",
    "introduction": "intro",
    "referral": "referral",
    "referred": "referral",
    "thanks": "thanks",
    "thank": "thanks",
    "congrats": "congrats",
    "congratulations": "congrats",
    "congratulated": "congrats",
    "helped": "help",
    "help": "help",
    "advice": "advice",
    "gift": "gift",
}


def default_kind(flow: str, summary: str = "") -> str:
    """The kind a summary names ("coffee chat" is coffee); else a note, or an ask when asking."""
    for word in summary.lower().replace(",", " ").replace(".", " ").split():
        kind = KIND_WORDS.get(word)
        if kind and not (flow == "deposit" and kind == "advice"):
            return kind
    return "ask" if flow == "withdrawal" else "note"


def default_points(kind: str) -> int:
    """Points for a kind; unknown kinds weigh like a note."""
    return DEFAULT_POINTS.get(kind, 1)


def signed(flow: str, points: int) -> int:
    """A deposit adds to the balance, a withdrawal takes from it."""
    return points if flow == "deposit" else -points


def balance(entries: list[tuple[str, int]]) -> int:
    """Deposit points minus withdrawal points over (flow, points) pairs."""
    return sum(signed(flow, points) for flow, points in entries)
