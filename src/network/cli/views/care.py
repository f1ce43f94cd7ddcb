"""The data file's care on screen: what a backup or restore did, and the doctor's report."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from network.cli.views import output

if TYPE_CHECKING:
    from network.app.care import BackedUp, Checkup, Restored


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def backed_up(done: BackedUp) -> None:
    """What was copied (stderr), and the copy's path alone on stdout for scripts."""
    output.message(
        f"Backed up {output.plural(done.people, 'person', 'people')} and "
        f"{output.plural(done.entries, 'entry', 'entries')} to {done.path}"
    )
    typer.echo(str(done.path))


def restored(done: Restored) -> None:
    """Where the old content went and what came back (stderr)."""
    if done.kept:
        output.message(f"Kept the previous content at {done.kept}")
    output.message(
        f"Restored {output.plural(done.people, 'person', 'people')} and "
        f"{output.plural(done.entries, 'entry', 'entries')} "
        f"from {done.path}"
    )


def checkup(report: Checkup, json: bool) -> None:
    """The doctor's findings as aligned lines, warnings and errors, or JSON."""
    if json:
        output.emit_json(report.to_json())
        return
    lines = [f"database        {report.path}"]
    if report.exists:
        lines.append(
            f"schema version  {report.schema_version} "
            f"(this program: {report.program_schema_version})"
        )
        for name, size in report.sizes.items():
            lines.append(f"size            {name}: {_size(size)}")
        if report.counts:
            counts = ", ".join(f"{n} {table}" for table, n in report.counts.items())
            lines.append(f"records         {counts}")
        lines.append(f"integrity       {'ok' if report.integrity == 'ok' else 'FAILED'}")
        lines.append(f"foreign keys    {'ok' if report.foreign_keys == 'ok' else 'FAILED'}")
        for name, mode in report.permissions.items():
            lines.append(f"permissions     {name}: {mode}")
    if report.filesystem:
        fs = report.filesystem
        lines.append(f"file system     {fs['type']} (mounted at {fs['mount']})")
    for line in lines:
        typer.echo(line)
    for warning in report.warnings:
        output.warn(warning)
    for problem in report.problems:
        output.error(problem)
    if not report.problems and not report.warnings:
        output.message("All checks passed.")
