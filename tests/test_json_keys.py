"""One JSON key for one thing across every command (docs/json.md is generated from the
result types, so checking it checks every --json document)."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "json.md"


def keys_by_command() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    command = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            command = line
            found[command] = set()
        elif m := re.match(r"\| `([^`]+)` \|", line):
            found[command].add(m.group(1))
    return found


def test_a_person_is_id_on_their_own_row_and_person_id_on_anything_else() -> None:
    """A row that is a person names its id `id`; a row about something else (an entry, an
    obligation) has its own `id`, and says whose it is with `person_id`."""
    clashes = []
    for command, keys in keys_by_command().items():
        for key in keys:
            if key.endswith("person_id"):
                row = key[: -len("person_id")]
                if row + "id" not in keys:
                    clashes.append(f"{command}: {key} on a row without its own id")
    assert clashes == []


def test_whom_a_row_is_about_is_always_name() -> None:
    stray = {"who", "person", "to"}
    clashes = [
        f"{command}: {key}"
        for command, keys in keys_by_command().items()
        for key in keys
        if key.rsplit(".", 1)[-1].removeprefix("[]") in stray
    ]
    assert clashes == []
