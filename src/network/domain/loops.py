"""What you owe, in words: the pure rules behind asks, thank-yous, promises and intro loops.

No I/O here. The write side (`obligations.py`) and the read side (`obligation_queries.py`,
`agenda.py`) call these so `due`, `asks` and `promises` word things the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from network.common.errors import BadInput

OUTCOMES = ("granted", "declined", "partly")
WAITING_DAYS = 14  # an ask open longer than this shows as "waiting" on the person
# `due` suggests checking in on a waiting ask until it is this old; after that it has
# lapsed as a reminder (`asks` still lists it)
STALE_ASK_DAYS = 60
FOLLOW_UP_DAYS = 14  # default gap before asking how an introduction went
PROMISE_SOON_DAYS = 7  # promises due within this many days show in `due`

# The order of obligation rows in `due`, before birthdays and overdue contacts;
# close-the-loop reminders and intro follow-ups share a rank (oldest first).
DUE_RANK = {"promise_overdue": 0, "thanks": 1, "loop": 2, "followup": 2, "promise_soon": 3}

# Each obligation kind named in words, and said once it is done ("Kept promise Bob").
KIND_WORDS = {
    "promise": "promise",
    "thanks": "thank-you",
    "followup": "follow-up",
    "loop": "close-the-loop",
}
DONE_WORDS = {
    "promise": "Kept promise",
    "thanks": "Thanked",
    "followup": "Followed up with",
    "loop": "Closed the loop with",
}

# Words that open a summary of an ask and read badly after "thank X for".
_ASK_OPENERS = (
    "asked them for ",
    "asked her for ",
    "asked him for ",
    "asked for ",
    "asked about ",
    "ask for ",
    "asked ",
    "ask ",
)
# Nouns that read best with "the": "thank Alice for the intro to Bob".
_THE_NOUNS = {
    "intro",
    "introduction",
    "referral",
    "advice",
    "help",
    "feedback",
    "review",
    "lead",
    "reference",
    "recommendation",
    "tip",
    "tips",
    "loan",
    "ride",
    "call",
    "chat",
}
# Past-tense openers ("sent me a job lead") read best in brackets after the name.
_PAST = {
    "sent",
    "gave",
    "made",
    "got",
    "took",
    "put",
    "lent",
    "found",
    "told",
    "wrote",
    "did",
    "brought",
    "paid",
    "showed",
    "shared",
    "bought",
    "let",
    "left",
    "read",
    "ran",
    "set",
}


def check_outcome(text: str) -> str:
    """granted, declined or partly (case-insensitive; 'partial' is accepted for partly)."""
    value = (text or "").strip().lower()
    if value in ("partial", "partially"):
        value = "partly"
    if value not in OUTCOMES:
        raise BadInput(f'"{text}" is not an outcome', "use granted, declined or partly")
    return value


def first_name(name: str) -> str:
    """The first word of a name ("Carol Diaz" → "Carol")."""
    return (name.split() or [name])[0]


def _what(summary: str) -> str:
    text = summary.strip()
    lowered = text.lower()
    for opener in _ASK_OPENERS:
        if lowered.startswith(opener) and len(text) > len(opener):
            return text[len(opener) :]
    return text


def thanks_action(name: str, summary: str) -> str:
    """'thank Alice for the intro to Bob' from an ask's (or a gift's) summary."""
    what = _what(summary)
    words = what.split()
    head = words[0].lower() if words else ""
    if not what:
        return f"thank {name}"
    if head in _PAST or (head.endswith("ed") and head not in _THE_NOUNS):
        return f"thank {name} ({what})"
    if head in _THE_NOUNS:
        what = "the " + what
    return f"thank {name} for {what}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def promise_kind(due_on: date | None, today: date) -> str | None:
    """promise_overdue, promise_soon (within PROMISE_SOON_DAYS) or None (later)."""
    if due_on is None:
        return None
    if due_on < today:
        return "promise_overdue"
    if (due_on - today).days <= PROMISE_SOON_DAYS:
        return "promise_soon"
    return None


def promise_action(name: str, summary: str, due_on: date, today: date) -> str:
    """'promise to Bob overdue 3 days: send the deck' or 'promise to Bob due in 2 days: …'."""
    late = (today - due_on).days
    if late > 0:
        when = f"overdue {_days(late)}"
    elif late == 0:
        when = "due today"
    elif late == -1:
        when = "due tomorrow"
    else:
        when = f"due in {_days(-late)}"
    return f"promise to {name} {when}: {summary}"


def promise_state(due_on: date | None, done_on: date | None, today: date) -> str:
    """kept, kept late, broken-in-waiting (past its date, not done) or open."""
    if done_on is not None:
        return "kept late" if due_on is not None and done_on > due_on else "kept"
    if due_on is not None and due_on < today:
        return "broken-in-waiting"
    return "open"


def followup_action(name: str, other: str | None) -> str:
    """'ask Dana how the intro to Eve went'."""
    return f"ask {name} how the intro to {other or 'them'} went"


def loop_action(name: str, other: str | None) -> str:
    """'tell Carol how it went with Frank (Carol introduced you)'."""
    if other is None:
        return f"tell {name} how it went (they introduced you)"
    return f"tell {name} how it went with {other} ({first_name(name)} introduced you)"


def action(
    kind: str, name: str, summary: str, other: str | None, due_on: date | None, today: date
) -> str:
    """The words for one open obligation."""
    if kind == "thanks":
        return thanks_action(name, summary)
    if kind == "promise":
        assert due_on is not None
        return promise_action(name, summary, due_on, today)
    if kind == "followup":
        return followup_action(name, other)
    return loop_action(name, other)


def ask_state(status: str | None, day: date, today: date) -> str | None:
    """An ask's state in words: waiting (open over WAITING_DAYS), open, or its outcome."""
    if status is None:
        return None
    if status == "open":
        return "waiting" if (today - day).days > WAITING_DAYS else "open"
    return status


def ask_row(row: dict[str, Any], today: date) -> dict[str, Any]:
    """An ask row with its state, days open (open asks only) and whether it is waiting."""
    state = ask_state(row["status"], row["day"], today)
    days_open = (today - row["day"]).days if row["status"] == "open" else None
    return {**row, "state": state, "days_open": days_open, "waiting": state == "waiting"}


def obligation_state(kind: str, due_on: date | None, done_on: date | None, today: date) -> str:
    """A promise's promise_state; done or open for the other kinds."""
    if kind == "promise":
        return promise_state(due_on, done_on, today)
    return "done" if done_on is not None else "open"


_OBLIGATION_FIELDS = (
    "id",
    "kind",
    "person_id",
    "name",
    "summary",
    "created_on",
    "due_on",
    "done_on",
    "note",
    "other_id",
    "other",
)


def obligation_row(row: dict[str, Any], today: date) -> dict[str, Any]:
    """An obligation row with its state, whether it is broken, and the words for it."""
    kind, due_on = row["kind"], row["due_on"]
    state = obligation_state(kind, due_on, row["done_on"], today)
    return {
        **{key: row[key] for key in _OBLIGATION_FIELDS},
        "state": state,
        "broken": state == "broken-in-waiting",
        "action": action(kind, row["name"], row["summary"], row["other"], due_on, today),
    }


def sort_key(kind: str, due_on: date | None, created_on: date) -> tuple:
    """Order of obligation rows: by DUE_RANK, then the oldest (or most overdue) first."""
    return (DUE_RANK[kind], due_on or created_on, created_on)
