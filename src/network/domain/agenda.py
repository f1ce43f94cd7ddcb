"""The morning list's rules: why someone is on it, how urgent that is, and what to do next.

Pure: the app layer reads the facts (open obligations, birthdays, due contacts, asks
waiting for an answer, who was logged today) and these functions turn them into one
row per person, ranked, with a command to run and advice to go with it.

The order, most urgent first (a person ranks by their most urgent reason):

1. a promise overdue or due today (most days late first)          — cannot wait
2. a birthday today or tomorrow                                   — cannot wait
3. a thank-you owed (oldest first)
4. closing the loop with an introducer, or an intro follow-up (oldest first)
5. a promise due within the week (soonest first), and logging what you gave at a meeting
   capture found yesterday
6. a birthday later in the window (soonest first)
7. an overdue contact, furthest past their rhythm first: days since the last contact
   divided by their cadence, so 55 days into a 30-day rhythm (1.8×) comes before
   100 days into a 90-day one (1.1×)
   (someone new whose first contact an import spread to today ranks here too);
8. an ask of yours waiting for an answer for 2 to 8 weeks, when you have not been in
   touch for two weeks (longest waiting first);
9. with --all only: who is snoozed, and until when.

People whose row has a reason that cannot wait always show and count against the
daily budget; the rest fill what is left of it in this order.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date

from network.domain import loops
from network.domain.names import obligation_ref, person_ref

DAILY_BUDGET = 5  # people a day, unless configured or given with --limit

# kind -> rank (lower is more urgent); birthday and promise split by how close they are
RANKS = {
    "promise_overdue": 1,
    "birthday_now": 2,
    "thanks": 3,
    "loop": 4,
    "followup": 4,
    "promise_soon": 5,
    "met": 5,
    "birthday": 6,
    "overdue": 7,
    "first_contact": 7,
    "ask_waiting": 8,
    "snoozed": 9,
}
# the kinds of reason that are something you owe (shown even with --limit 0)
OWED = ("promise_overdue", "promise_soon", "thanks", "loop", "followup")


@dataclass(frozen=True)
class Reason:
    """One reason a person is on today's list."""

    kind: (
        str  # promise_overdue, promise_soon, thanks, loop, followup, ask_waiting, birthday, overdue
    )
    text: str
    due_on: date | None = None
    obligation_id: int | None = None
    # the order within a kind: smaller first (e.g. minus the days late)
    order: tuple = ()
    cannot_wait: bool = False

    @property
    def rank(self) -> tuple:
        """The sort key of this reason: its rank, then its order within the rank."""
        rank = RANKS["birthday_now"] if self.kind == "birthday" and self.cannot_wait else None
        return (rank or RANKS[self.kind], *self.order)


@dataclass
class Row:
    """Everyone's reasons gathered on one row, most urgent first."""

    person_id: int
    name: str
    reasons: list[Reason] = field(default_factory=list)

    def add(self, reason: Reason) -> None:
        """Add a reason, keeping the most urgent first."""
        self.reasons.append(reason)
        self.reasons.sort(key=lambda r: r.rank)

    @property
    def cannot_wait(self) -> bool:
        """Whether anything on the row cannot wait for another day."""
        return any(r.cannot_wait for r in self.reasons)

    @property
    def owed(self) -> bool:
        """Whether the row carries something you owe (or that cannot wait)."""
        return self.cannot_wait or any(r.kind in OWED for r in self.reasons)

    def key(self) -> tuple:
        """The row's place in the list: its most urgent reason, then more reasons first."""
        return (self.reasons[0].rank, -len(self.reasons), self.name.casefold(), self.person_id)


# --- reasons, in words without the name (the row says the name once) --------------------


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def promise_reason(oid: int, summary: str, due_on: date, today: date) -> Reason | None:
    """An open promise that is late, due today or due within the week (else None)."""
    kind = loops.promise_kind(due_on, today)
    if kind is None:
        return None
    late = (today - due_on).days
    if late > 0:
        when = f"overdue {_days(late)}"
    elif late == 0:
        when = "due today"
    elif late == -1:
        when = "due tomorrow"
    else:
        when = f"due in {_days(-late)}"
    return Reason(
        kind="promise_overdue" if late >= 0 else "promise_soon",
        text=f"promise {when}: {summary}",
        due_on=due_on,
        obligation_id=oid,
        order=(-late, oid),
        cannot_wait=late >= 0,
    )


def thanks_reason(oid: int, summary: str, created_on: date) -> Reason:
    """A thank-you owed: 'thank-you for the advice on taxes'."""
    words = loops.thanks_action("", summary)  # "thank  for the advice …" / "thank  (sent …)"
    rest = words[len("thank ") :].strip()
    return Reason(
        kind="thanks",
        text=f"thank-you {rest}".strip() if rest else "thank-you owed",
        due_on=created_on,
        obligation_id=oid,
        order=(created_on, oid),
    )


def loop_reason(oid: int, kind: str, other: str | None, since: date) -> Reason:
    """Close the loop with an introducer, or ask how an introduction you made went."""
    if kind == "followup":
        text = f"ask how the intro to {other or 'them'} went"
    elif other is None:
        text = "tell them how it went (they introduced you)"
    else:
        text = f"tell them how it went with {other} (they introduced you)"
    return Reason(kind=kind, text=text, due_on=since, obligation_id=oid, order=(since, oid))


def ask_reason(summary: str, day: date, today: date) -> Reason:
    """An ask of yours open longer than loops.WAITING_DAYS."""
    waited = (today - day).days
    return Reason(
        kind="ask_waiting",
        text=f"your ask waits {_days(waited)} for an answer: {summary}",
        due_on=day,
        order=(-waited,),
    )


def met_reason(day: date) -> Reason:
    """A meeting capture found yesterday, with nothing logged since: what did you give?"""
    return Reason(kind="met", text="log what you gave at yesterday's meeting?", due_on=day)


def birthday_reason(text: str, on: date, today: date) -> Reason:
    """A birthday in the window; today or tomorrow cannot wait."""
    days = (on - today).days
    return Reason(kind="birthday", text=text, due_on=on, order=(days,), cannot_wait=days <= 1)


def rhythm(days_since: int, every: int) -> float:
    """How far through their cadence someone is: 1.0 is due today, 2.0 twice as long."""
    return days_since / every


def overdue_reason(due_on: date, anchor: date, every: int, today: date) -> Reason:
    """'25 days past a 30-day rhythm (1.8×)', or 'due today (30-day rhythm)'."""
    late = (today - due_on).days
    ratio = rhythm((today - anchor).days, every)
    if late <= 0:
        text = f"due today ({every}-day rhythm)"
    else:
        text = f"{_days(late)} past a {every}-day rhythm ({ratio:.1f}×)"
    return Reason(kind="overdue", text=text, due_on=due_on, order=(-ratio, due_on))


def first_contact_reason(first_due: date, anchor: date, every: int, today: date) -> Reason:
    """Someone new whose first contact an import spread to this day."""
    ratio = rhythm((today - anchor).days, every)
    return Reason(
        kind="first_contact",
        text=f"first contact since you added them ({every}-day rhythm)",
        due_on=first_due,
        order=(-ratio, first_due),
    )


def snoozed_reason(until: date) -> Reason:
    """Someone kept off the list until a day (shown with --all only)."""
    return Reason(kind="snoozed", text=f"snoozed until {until.isoformat()}", due_on=until)


# --- budget ---------------------------------------------------------------------------


@dataclass
class Plan:
    """Which rows show today and what the budget says about the rest."""

    shown: list[Row]
    waiting: list[Row]  # due, but left for another day by the budget
    room: int = 0  # places left in the budget after these rows


def plan(rows: list[Row], budget: int | None, done_today: int, done: set[int]) -> Plan:
    """Rank the rows and fill the budget of people.

    budget None shows everyone. Otherwise the done_today people logged today count first
    (`done` holds those among the rows); rows that cannot wait always show (and count);
    the rest show while the budget has room. A budget of 0 shows only what you owe.
    """
    ranked = sorted(rows, key=Row.key)
    if budget is None:
        return Plan(shown=ranked, waiting=[])
    used = done_today
    shown, waiting = [], []
    for row in ranked:
        if row.person_id in done:
            shown.append(row)  # already counted: what is left on their row still shows
        elif row.cannot_wait or (row.owed if budget == 0 else used < budget):
            shown.append(row)
            used += 1
        else:
            waiting.append(row)
    return Plan(shown=shown, waiting=waiting, room=max(0, budget - used))


# --- the next step and the advice -----------------------------------------------------

_PLAIN = re.compile(r"[\w.@+-]+")


def shell_word(text: str) -> str:
    """text as one shell word: bare when safe, else in double quotes, else single quotes."""
    if _PLAIN.fullmatch(text) and not text.startswith("-"):
        return text
    if not any(c in text for c in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


def handle(name: str, person_id: int, first_name_means: int | None) -> str:
    """The shortest way to type someone: their first name when it finds only them.

    first_name_means is the id the first name resolves to (None when it is ambiguous).
    A name that starts with a dash would read as an option: name them by their id (p12).
    """
    first = loops.first_name(name)
    if name.startswith("-"):
        return person_ref(person_id)
    if first_name_means == person_id and _PLAIN.fullmatch(first):
        return first.lower()
    return shell_word(name)


def deposit_words(*, topics: list[str], tie: str, balance: int, today: date) -> tuple[str, str]:
    """(what to log, what to do) for a contact that is due, from what the person cares about."""
    if topics:
        # rotate through their topics day by day so the advice doesn't go stale
        topic = topics[today.toordinal() % len(topics)]
        return f"article on {topic}", f"share something about {topic}"
    if balance < 0:
        return "offered help", "offer help before you ask again"
    if tie == "close":
        return "coffee", "suggest a coffee or a call"
    return "short note", "send a short note or an article"


def next_step(
    first: Reason, who: str, *, topics: list[str], tie: str, balance: int, today: date
) -> tuple[str, str]:
    """(command that records what the row asks for, advice) for a row's most urgent reason."""
    kind = first.kind
    if kind in ("promise_overdue", "promise_soon"):
        return f"network done {obligation_ref(first.obligation_id)}", "deliver what you promised"
    if kind == "thanks":
        return f"network thank {who}", "say thank you"
    if kind in ("loop", "followup"):
        return f"network done {obligation_ref(first.obligation_id)}", "close the loop"
    if kind == "birthday":
        return f'network log {who} "birthday congrats"', "send birthday wishes"
    if kind == "met":
        return f'network give {who} "…"', "say what you gave (advice, an intro, help), or skip it"
    if kind == "snoozed":
        return f"network snooze {who} --off", "logging them ends the snooze too"
    if kind == "ask_waiting":
        return f'network log {who} "checked in"', "check in kindly; give before you ask again"
    logged, advice = deposit_words(topics=topics, tie=tie, balance=balance, today=today)
    return f'network log {who} "{logged}"', advice


def advice(
    base: str, *, prefers: str | None, last_gave: str | None, last_gave_ago: str | None
) -> str:
    """The advice with how they like to be reached and what you last gave them."""
    text = base
    if prefers:
        text += f" — {prefers}"
    if last_gave:
        text += f"; last gave: {last_gave} ({last_gave_ago})"
    return text
