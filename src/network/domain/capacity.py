"""How many relationships one person can keep up: Dunbar's layers, as gentle warnings.

About 15 people can be close, and about 150 kept up at all. Past either layer `due`
says so and names whom to move down a tie, longest silent first. A warning, never a limit.
"""

from __future__ import annotations

CLOSE_LAYER = 15  # close ties one can keep up
KEPT_LAYER = 150  # people with a rhythm one can keep up
NAMED = 5  # at most this many names in a warning


def _names(names: list[str], excess: int) -> str:
    shown = ", ".join(names[: min(NAMED, excess)])
    return shown + (f" and {excess - NAMED} more" if excess > NAMED else "")


def warnings(close: int, kept: int, silent_close: list[str], silent_kept: list[str]) -> list[str]:
    """Warnings for more close ties, or more people on a rhythm, than can be kept up.

    silent_close and silent_kept are the longest silent first (close ties; casual and
    own-cadence people).
    """
    out = []
    if close > CLOSE_LAYER:
        excess = close - CLOSE_LAYER
        out.append(
            f"{close} close ties is more than about {CLOSE_LAYER} can be kept up: "
            f"consider moving {_names(silent_close, excess)} to casual "
            "(network edit PERSON --tie casual)"
        )
    if kept > KEPT_LAYER:
        excess = kept - KEPT_LAYER
        out.append(
            f"{kept} people on a rhythm is more than about {KEPT_LAYER} can be kept up: "
            f"consider moving {_names(silent_kept, excess)} to roster "
            "(network edit PERSON --tie roster)"
        )
    return out


WEEK = 7


def budget_warning(per_week: float, budget: int) -> str | None:
    """A warning when the rhythms ask for more contacts a week than the daily budget allows
    (a budget of 0 means only what you owe: the rhythms are then not compared with it)."""
    allowed = budget * WEEK
    if budget <= 0 or per_week <= allowed:
        return None
    return (
        f"your rhythms ask for about {per_week:.0f} contacts a week, more than your daily "
        f"budget of {budget} allows ({allowed} a week): raise budget in the settings "
        "(network config) or give some people a slower rhythm (network edit PERSON --every 3m)"
    )
