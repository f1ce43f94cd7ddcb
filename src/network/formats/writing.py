"""Taking the network out: JSON (complete), vCard, CSV and iCalendar.

`store.snapshot` reads the database (generically, table by table from the schema) and
leaves private entries and notes out unless asked; each format module turns that
`domain.snapshot.Snapshot` into text (`registry.WRITERS`); `write` puts the text in an
owner-only file or on stdout.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from network.common.errors import NetworkError


class ExportProblem(NetworkError):
    """The export cannot be written where asked."""


def write(text: str, target: Path | None) -> None:
    """Write to target readable by its owner only (0600, replaced atomically), or to stdout."""
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportProblem(f"{target} is a folder", "give a file name, e.g. -o network.json")
    if not folder.is_dir():
        raise ExportProblem(
            f"there is no folder {folder}", "create it first or choose another path"
        )
    try:
        # mkstemp creates the file 0600; replacing keeps a half-written export from ever
        # standing where the old one was
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".network-export-")
    except OSError as exc:
        raise ExportProblem(
            f"cannot write in {folder}: {exc.strerror}", "check its permissions"
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ExportProblem(
            f"cannot write {target}: {exc.strerror}", "check the path and the free space"
        ) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
