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
    "meeting": 2,  # what `capture calendar` logs (with 0 points: contact, not giving)
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


# --- direction: a deposit is never an ask, and an ask never a deposit --------------------

# Kinds that only ever go one way: you ask (a withdrawal) or you give (a deposit). The
# others (an intro, a referral, advice, help, a coffee) can go either way.
WITHDRAWAL_ONLY: frozenset[str] = frozenset({"ask"})
DEPOSIT_ONLY: frozenset[str] = frozenset({"thanks", "congrats"})

# Words that make a summary read as a request: "asked for an intro", "ask for a referral".
ASK_WORDS = frozenset({"ask", "asked", "asking", "request", "requested", "requesting"})
# ...unless someone asked *you*: "she asked me for advice" is help you gave.
ASKED_OF_YOU = frozenset({"me", "us"})


def wrong_direction(flow: str, kind: str) -> str | None:
    """Why `kind` cannot be recorded as a `flow` entry, or None when it can."""
    if flow == "deposit" and kind in WITHDRAWAL_ONLY:
        return f'"{kind}" is something you ask for, not a deposit'
    if flow == "withdrawal" and kind in DEPOSIT_ONLY:
        return f'"{kind}" is something you give, not a withdrawal'
    return None


def reads_as_ask(summary: str) -> bool:
    """Whether a summary says you asked for something ("asked Sam for an intro").

    "asked me …" and "asks us …" are someone asking you, so they do not count.
    """
    words = summary.lower().replace(",", " ").replace(".", " ").replace(":", " ").split()
    for i, word in enumerate(words):
        if word in ASK_WORDS:
            following = words[i + 1] if i + 1 < len(words) else ""
            if following not in ASKED_OF_YOU:
                return True
    return False
