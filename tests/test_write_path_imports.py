"""log, give and ask load only what recording an entry needs (issue 9: ≤ 40x `python -c pass`).

Each write runs in a fresh interpreter (pytest has imported everything already) and reports
the modules it loaded. Contact points are read and written by add, edit, import and merge;
an entry never touches them, and loading them cost log about 7 ms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = """
import atexit, json, sys
def _dump(path=sys.argv[1]):
    with open(path, "w") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(_dump)
sys.argv = ["network", *sys.argv[2:]]
from network.cli.main import main
main()
"""

NOT_ON_THE_WRITE_PATH = {"network.store.writes.contact_points", "network.domain.contacts"}


def run(tmp_path: Path, *args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    out = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(out), *args],
        env={**os.environ, "NETWORK_DB": str(tmp_path / "net.db"), "NETWORK_TODAY": "2026-12-06"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return set(json.loads(out.read_text())), result


def test_adding_someone_loads_contact_points(tmp_path):
    """The probe sees them: add writes the person's e-mail as a contact point."""
    modules, result = run(tmp_path, "add", "Alice Chen", "--email", "alice@example.com")
    assert result.returncode == 0, result.stderr
    assert modules >= NOT_ON_THE_WRITE_PATH


@pytest.mark.parametrize(
    "verb,summary",
    [("log", "coffee"), ("give", "sent an article"), ("ask", "asked for advice")],
)
def test_recording_an_entry_does_not_load_contact_points(tmp_path, verb, summary):
    _, added = run(tmp_path, "add", "Alice Chen", "--email", "alice@example.com")
    assert added.returncode == 0, added.stderr
    modules, result = run(tmp_path, verb, "Alice", summary)
    assert result.returncode == 0, result.stderr
    assert "with Alice Chen" in result.stderr  # the confirmation is a message
    assert "network.store.writes.ledger" in modules  # it did write
    assert not modules & NOT_ON_THE_WRITE_PATH, sorted(modules & NOT_ON_THE_WRITE_PATH)
