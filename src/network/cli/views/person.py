"""Drawing one person's page for `show`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from network.cli.views import output

if TYPE_CHECKING:
    from network.app.people import PersonPage


def person(page: PersonPage) -> None:
    """Profile lines, strengths, balance, cadence and the recent ledger."""
    from rich.text import Text

    from network.domain.names import person_ref

    con = output.console()
    head = output.styled(page.name, "bold")
    head.append(
        f"  {person_ref(page.id)}  {page.tie}" + ("  (archived)" if page.archived else ""),
        style="dim",
    )
    con.print(head)
    labels = [
        ("company", "company"),
        ("title", "title"),
        ("email", "email"),
        ("phone", "phone"),
        ("location", "location"),
        ("nickname", "nickname"),
        ("url", "profile"),
        ("connected_on", "connected"),
        ("labels", "labels"),
        ("met", "met"),
        ("prefers", "prefers"),
        ("birthday", "birthday"),
        ("notes", "notes"),
    ]
    # every e-mail, phone and web address, the primary first, with its label
    reach: dict[str, list[str]] = {}
    for point in page.contact_points:
        shown = point.value + (f" ({point.label})" if point.label else "")
        reach.setdefault(point.kind, []).append(shown)
    for key, label in labels:
        value = ", ".join(reach[key]) if key in reach else getattr(page, key)
        if value:
            line = Text(f"{label:>9}  ", style="dim")
            line.append(output.styled(value))
            con.print(line)
    con.print(Text(f"{'cadence':>9}  ", style="dim") + Text(page.status))
    con.print(Text(f"{'last':>9}  ", style="dim") + Text(page.last_contact_ago))
    con.print(
        Text(f"{'balance':>9}  ", style="dim")
        + Text(f"{output.signed(page.balance)} (given {page.deposits}, asked {page.withdrawals})")
    )
    if page.strengths:
        knows = ", ".join(s.topic + (f" ({s.detail})" if s.detail else "") for s in page.strengths)
        con.print(Text(f"{'knows':>9}  ", style="dim") + output.styled(knows))
    loops(page)
    if page.recent:
        rows = [vars(r) for r in page.recent]
        ledger(rows, title=f"Recent ({len(page.recent)} of {page.entries})")


def ledger(entries: list[dict[str, Any]], *, names: bool = False, title: str | None = None) -> None:
    """Ledger lines as a table (history, and the recent lines of show)."""
    from network.domain.names import entry_ref

    columns = ["id", "date", *(["person"] if names else []), "", "kind", "points", "summary"]
    rows = [
        [
            entry_ref(r["id"]),
            r["day"].isoformat() + (f" {r['at']}" if r["at"] else ""),
            *([r["name"]] if names else []),
            "+" if r["flow"] == "deposit" else "-",
            r["kind"],
            r["points"],
            r["summary"]
            + (" (group)" if r["is_group"] else "")
            + (" (private)" if r["private"] else ""),
        ]
        for r in entries
    ]
    output.table(columns, rows, title=title)


SHOWN = 5  # a page, not a ledger: the full lists are a command away


def loops(page: PersonPage) -> None:
    """Signals, waiting asks, what you owe, whom they know, and a year of interactions."""
    from rich.text import Text

    from network.domain import insights
    from network.domain.names import entry_ref, obligation_ref

    con = output.console()

    def line(label: str, value: str) -> None:
        con.print(Text(f"{label:>9}  ", style="dim") + output.styled(value))

    for s in page.signals:
        line("signal", f"{s.signal.replace('_', '-')}: {s.reason}")
    asks, owed = page.open_asks, page.owed
    for a in asks[:SHOWN]:
        line(
            "waiting" if a.state == "waiting" else "asked",
            f"ask {entry_ref(a.id)}, {output.plural(a.days_open, 'day')} open: {a.summary}",
        )
    if len(asks) > SHOWN:
        line("", f"and {len(asks) - SHOWN} more open asks: network asks --open")
    for o in owed[:SHOWN]:
        line("owed", f"{o.action} ({o.kind} {obligation_ref(o.id)})")
    if len(owed) > SHOWN:
        line("", f"and {len(owed) - SHOWN} more owed: network promises")
    if page.introduced_by:
        line("via", f"introduced by {page.introduced_by.name}")
    if page.knows_people:
        line("linked", ", ".join(p.name for p in page.knows_people))
    if page.monthly:
        counts = [m.count for m in page.monthly]
        initials = "".join(insights.month_initial(m.month) for m in page.monthly)
        line(
            "12 months",
            f"{insights.sparkline(counts)}  {output.plural(sum(counts), 'interaction')}",
        )
        line("", initials)
