"""Reciprocity signals: pure rules that read a person's recent give-and-take and say what it means.

The facts come from one aggregate query per listing (`obligation_queries.signal_facts`);
the rules here decide, and give the reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ONE_SIDED_DEPOSITS = 5  # this many deposits and no withdrawal in YEAR_DAYS is one-sided
YEAR_DAYS = 365
SMALL_ASK_POINTS = 2  # an ask weighing this or less is "small" (an ask, advice, an email)
UNANSWERED_DAYS = 30  # a small ask still open after this long was never answered
LEANING_ASKS = 3  # this many asks of one person within LEANING_DAYS is leaning on them
LEANING_DAYS = 90

ORDER = ("overdrawn", "red_flag", "leaning", "one_sided")


@dataclass(frozen=True)
class Signal:
    """One signal and its reason in words."""

    name: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"signal": self.name, "reason": self.reason}


@dataclass
class Facts:
    """What the rules need to know about one person (counts over the windows above)."""

    balance: int = 0
    deposits_year: int = 0
    withdrawals_year: int = 0  # asks and help received
    asks_recent: int = 0  # asks (not help received) within LEANING_DAYS
    # small asks they declined or left unanswered while your balance with them was positive
    snubbed: list[str] = field(default_factory=list)


def _times(n: int) -> str:
    return f"{n} ask{'s' if n != 1 else ''}"


def evaluate(f: Facts) -> list[Signal]:
    """Every signal that applies, most pressing first."""
    out: list[Signal] = []
    if f.balance < 0:
        out.append(Signal("overdrawn", f"give before you ask again (balance {f.balance:+d})"))
    if f.snubbed:
        shown = "; ".join(f.snubbed[:3])
        out.append(
            Signal(
                "red_flag",
                f"a small ask they declined or never answered while you were in credit ({shown})",
            )
        )
    if f.asks_recent >= LEANING_ASKS:
        out.append(
            Signal(
                "leaning",
                f"leaning on one person: {_times(f.asks_recent)} in {LEANING_DAYS} days; "
                "ask someone else",
            )
        )
    if f.deposits_year >= ONE_SIDED_DEPOSITS and f.withdrawals_year == 0:
        out.append(
            Signal(
                "one_sided",
                "let them help you: ask for something small "
                f"({f.deposits_year} deposits and no withdrawal in 12 months)",
            )
        )
    return out


def signature(f: Facts) -> tuple:
    """What evaluate's answer depends on: facts with the same signature have the same
    signals, in the same words (a listing writes each such answer once)."""
    one_sided = f.deposits_year >= ONE_SIDED_DEPOSITS and f.withdrawals_year == 0
    return (
        min(f.balance, 0),
        tuple(f.snubbed[:3]),
        f.asks_recent if f.asks_recent >= LEANING_ASKS else 0,
        f.deposits_year if one_sided else 0,
    )


def to_json(found: list[Signal]) -> str:
    """The signals as `--json` writes them: compact, as Python's json.dumps would, with
    non-ASCII kept."""
    from json.encoder import encode_basestring as quote  # json.dumps(ensure_ascii=False)'s

    items = (f'{{"signal": {quote(s.name)}, "reason": {quote(s.reason)}}}' for s in found)
    return "[" + ", ".join(items) + "]"


def is_snub(points: int, status: str, days_open: int, balance_before: int) -> bool:
    """A small ask declined, or open past UNANSWERED_DAYS, asked while in credit."""
    if points > SMALL_ASK_POINTS or balance_before <= 0:
        return False
    return status == "declined" or (status == "open" and days_open > UNANSWERED_DAYS)
