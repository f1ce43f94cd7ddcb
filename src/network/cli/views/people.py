"""What the people commands say: one message per change, and the listing as a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.cli.views import output

if TYPE_CHECKING:
    from network.app.people import Added, Changed, Forgotten, Known, Listing, Removed


def added(result: Added) -> None:
    """'Added Alice Chen (close, knows cars, introduced by Bob).' and the report-back reminder."""
    extra = f", knows {', '.join(result.topics)}" if result.topics else ""
    extra += f", introduced by {result.introduced_by}" if result.introduced_by else ""
    output.message(f"Added {result.name} ({result.tie}{extra}).")
    if result.introduced_by:
        output.message(f"Once something comes of it, tell {result.introduced_by} how it went.")


def updated(result: Changed) -> None:
    """'Updated Alice Chen.'"""
    output.message(f"Updated {result.name}.")


def archived(result: Changed) -> None:
    """'Archived Alice Chen.' or 'Restored Alice Chen.'"""
    output.message(f"{'Archived' if result.archived else 'Restored'} {result.name}.")


def removed(result: Removed) -> None:
    """'Deleted Alice Chen and 3 entries.'"""
    count = result.entries
    output.message(f"Deleted {result.name} and {count} entr{'y' if count == 1 else 'ies'}.")


def nothing_removed() -> None:
    """The answer to a 'no' at the delete prompt."""
    output.message("Nothing deleted.")


def known(result: Known) -> None:
    """'Alice Chen knows: cars.', 'You know: resumes.' or 'Already recorded for …'."""
    if result.added:
        verb = "know" if result.mine else "knows"
        output.message(f"{result.name} {verb}: {', '.join(result.added)}.")
    else:
        updated_detail = " (detail updated)" if result.detail else ""
        output.message(f"Already recorded for {result.name}{updated_detail}.")


def forgotten(result: Forgotten) -> None:
    """'Forgot cars for Alice Chen.'"""
    output.message(f"Forgot {result.topic} for {result.name}.")


def listing(result: Listing) -> None:
    """The people as a table (tab-separated into a pipe), or how to add the first one."""
    from network.common.dates import ago
    from network.domain.names import person_ref

    roster = f"{result.hidden} on the roster not shown: network people --all"
    if not result.people:
        output.message(
            f"No one outside the roster. {roster}"
            if result.hidden
            else 'No one here yet. Add someone: network add "Alice Chen" --tie close'
        )
        return
    rows = result.people
    output.table(
        ["id", "name", "tie", "company", "last contact", "balance", "next due", "signals"],
        [
            [
                person_ref(p.id),
                p.name + (" (archived)" if p.archived else ""),
                p.tie,
                p.company or "",
                ago(p.last_contact, result.today),
                output.signed(p.balance),
                p.next_due.isoformat() if p.next_due else "",
                ", ".join(s.signal.replace("_", "-") for s in p.signals),
            ]
            for p in rows
        ],
        caption=f"{len(rows)} {'person' if len(rows) == 1 else 'people'}"
        + (f"; {roster}" if result.hidden else ""),
    )
