"""The agenda on screen (`due`, and `demo`, which shows it for the network it built).

On a terminal the list fits the width: a table while the name and the command fit whole
(lower-value columns drop first: balance, last contact, then the advice), else one card
per person — the name and the reasons, then the command and the advice. Names and
commands are never split. Colour marks urgency; Rich leaves it out under NO_COLOR.
Into a pipe the list stays tab-separated, one row per person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from network.cli.views import output

if TYPE_CHECKING:
    from rich.console import Console

    from network.app.agenda import Agenda, AgendaItem, Snoozed
    from network.app.demo import Demo
    from network.app.notify import Notified

COLUMNS = ["person", "why", "next step", "advice", "last contact", "balance"]
# the columns a table keeps, richest first; narrower terminals drop from the right
LAYOUTS = (
    ("person", "why", "next step", "advice", "last contact", "balance"),
    ("person", "why", "next step", "advice", "balance"),
    ("person", "why", "next step", "advice"),
    ("person", "why", "next step"),
)
# the least a wrapping column may shrink to before the next layout is tried
MIN_WRAP = {"why": 26, "advice": 22}


def show(agenda: Agenda, json: bool) -> None:
    """The agenda as a table on stdout (a message when nobody is due), or as JSON."""
    if json:
        output.emit_json(agenda.to_json())
        return
    for warning in agenda.capacity:
        output.warn(warning)
    if not agenda.items:
        output.message(empty_message(agenda))
        return
    import sys

    if not sys.stdout.isatty():
        output.table(COLUMNS, [_cells(i) for i in agenda.items], caption=footer(agenda))
        return
    render(agenda, output.console())


def empty_message(agenda: Agenda) -> str:
    """What an empty list says: done for today, or who comes next and when."""
    if agenda.budget is not None and agenda.done_today >= agenda.budget > 0:
        return footer(agenda) or f"Done for today: {agenda.done_today} of {agenda.budget}."
    if agenda.more:
        return f"Nothing that cannot wait. {agenda.more} more can wait — network due --all"
    if agenda.next is not None:
        return (
            f"Nobody is due today. Next: {agenda.next.name} on {agenda.next.next_due.isoformat()}."
        )
    return (
        "Nobody is due today, and nobody has a rhythm yet: "
        "network edit PERSON --tie close (or --every 2w)."
    )


def footer(agenda: Agenda) -> str | None:
    """'Done for today: 5 of 5. 7 more can wait — network due --all', or None."""
    more = f"{agenda.more} more can wait — network due --all" if agenda.more else ""
    if agenda.budget is not None and agenda.budget > 0 and agenda.done_today >= agenda.budget:
        done = f"Done for today: {agenda.done_today} of {agenda.budget}."
        return f"{done} {more}".strip()
    return more or None


def _title(agenda: Agenda) -> str:
    title = f"Due {agenda.day.isoformat()}"
    if agenda.budget is not None and agenda.done_today:
        title += f" · {agenda.done_today} of {agenda.budget} done today"
    return title


def _cells(item: AgendaItem) -> list[Any]:
    return [
        item.name,
        "; ".join(r.text for r in item.reasons),
        item.next_step,
        item.advice,
        item.last_contact_ago,
        output.signed(item.balance),
    ]


# --- the terminal -----------------------------------------------------------------------


def _reason_style(kind: str, due_today: bool) -> str:
    if kind == "promise_overdue":
        return "bold red"
    if due_today:
        return "yellow"
    return ""


def _why(item: AgendaItem, agenda: Agenda):
    from rich.text import Text

    text = Text()
    for n, reason in enumerate(item.reasons):
        if n:
            text.append("\n")
        due_today = reason.kind in ("birthday", "overdue") and reason.due_on == agenda.day
        text.append(output.styled(reason.text, _reason_style(reason.kind, due_today)))
    return text


def _name(item: AgendaItem):
    return output.styled(item.name, "dim" if item.tie == "roster" else "bold")


def _balance(item: AgendaItem):
    return output.styled(output.signed(item.balance), "red" if item.balance < 0 else "")


def _cell(column: str, item: AgendaItem, agenda: Agenda):
    if column == "person":
        return _name(item)
    if column == "why":
        return _why(item, agenda)
    if column == "next step":
        return output.styled(item.next_step, "cyan")
    if column == "advice":
        return output.styled(item.advice)
    if column == "last contact":
        return output.styled(item.last_contact_ago)
    return _balance(item)


def _fits(layout: tuple[str, ...], agenda: Agenda, width: int) -> bool:
    """Whether every unsplittable column fits whole and each wrapping one gets its minimum."""
    need = 0
    for column in layout:
        if column in MIN_WRAP:
            need += MIN_WRAP[column]
        else:
            longest = max(len(_plain(column, i)) for i in agenda.items)
            need += max(longest, len(column))
    # a box table spends 3 characters per column (padding and rule) and 1 at the edge
    return need + 3 * len(layout) + 1 <= width


def _plain(column: str, item: AgendaItem) -> str:
    return {
        "person": item.name,
        "next step": item.next_step,
        "last contact": item.last_contact_ago,
        "balance": output.signed(item.balance),
    }[column]


def render(agenda: Agenda, console: Console) -> None:
    """The list on a terminal console, as wide as it is."""
    width = console.width
    for layout in LAYOUTS:
        if _fits(layout, agenda, width):
            _table(agenda, console, layout)
            return
    _cards(agenda, console)


def _table(agenda: Agenda, console: Console, layout: tuple[str, ...]) -> None:
    from rich.table import Table

    caption = footer(agenda)
    grid = Table(
        title=output.styled(_title(agenda), "table.title"),
        caption=None if caption is None else output.styled(caption, "table.caption"),
        caption_justify="left",
        header_style="bold",
    )
    for column in layout:
        wraps = column in MIN_WRAP
        grid.add_column(
            column,
            no_wrap=not wraps,
            overflow="fold" if wraps else "ellipsis",
            min_width=MIN_WRAP.get(column),
            ratio=2 if column == "why" else (1 if wraps else None),
        )
    for item in agenda.items:
        grid.add_row(*[_cell(column, item, agenda) for column in layout])
    console.print(grid)


def _cards(agenda: Agenda, console: Console) -> None:
    """One card per person: the name and why, then the command and the advice, indented."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(output.styled(_title(agenda), "bold"))
    for item in agenda.items:
        head = _name(item)
        head.append(f"  {output.signed(item.balance)}, {item.last_contact_ago}", style="dim")
        console.print(head)
        console.print(Padding(_why(item, agenda), (0, 0, 0, 2)))
        step = Text("→ ", style="dim")
        step.append(item.next_step, style="cyan")
        console.print(Padding(step, (0, 0, 0, 2)), overflow="ignore", crop=False)
        console.print(Padding(output.styled(item.advice, "italic"), (0, 0, 0, 4)))
    caption = footer(agenda)
    if caption:
        console.print(output.styled(caption, "dim"))


def show_demo(demo: Demo, json: bool) -> None:
    """What `network demo` built, then its agenda (as `due` shows it), then where to go next."""
    counts = demo.counts
    output.message(
        f"Built a demo network in {demo.path}: {counts.people} people, "
        f"{counts.entries} entries, {counts.strengths} strengths."
    )
    show(demo.agenda, json)
    quoted = f'"{demo.path}"' if " " in str(demo.path) else str(demo.path)
    output.message(
        f"Explore it: network --db {quoted} who-knows cars   (or: show, people, history)"
    )


def snoozed(result: Snoozed) -> None:
    """What a snooze did, on stderr."""
    if result.until is None:
        output.message(f"{result.name} is back on due.")
    else:
        output.message(
            f"Snoozed {result.name} until {result.until.isoformat()} (logging them ends it)."
        )


def notified(result: Notified, json: bool) -> None:
    """What `due --notify` sent (a message on stderr, or the result as JSON)."""
    if json:
        output.emit_json(result.to_json())
    elif result.people:
        output.message(
            f"Sent today's list ({output.plural(result.people, 'person', 'people')}) "
            f"to {result.command[0]}."
        )
    else:
        output.message("Nothing is due today; nothing was sent.")
