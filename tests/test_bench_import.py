"""The import benchmark's floor writes exactly what `network import linkedin` writes."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import import_linkedin  # noqa: E402


def test_the_floor_writes_the_import_rows_row_for_row():
    # above the bulk path's threshold (store.writes.contacts._BULK), so the import drops
    # and rebuilds its triggers and indexes as it does for a full export
    timed = import_linkedin.measure(rows=1_500, runs=1)  # measure checks rows, table by table
    counts = timed.counts
    assert 1_400 < counts["person"] < 1_500  # about 2% of rows are hidden members
    assert counts["person_fts"] == counts["person"]
    assert counts["contact_point"] > counts["person"]  # every URL, some e-mails
    assert counts["undo_log"] == counts["person"] + counts["contact_point"]
    assert counts["undo_step"] == 1
    for what in ("network", "floor", "sqlite", "bare"):
        (wall, cpu) = timed.runs[what][0]
        assert wall > 0 and cpu >= 0, what
    assert timed.wall("sqlite") <= timed.wall("floor")


def test_a_floor_that_writes_other_rows_is_caught(tmp_path):
    csv_path = tmp_path / "Connections.csv"
    import_linkedin.generate(csv_path, 50)
    empty = import_linkedin.empty_network(tmp_path)
    import_linkedin.network_import(csv_path, tmp_path)
    import_linkedin.floor_writes(csv_path, tmp_path, empty)
    import_linkedin.check_floor(tmp_path)  # the same rows
    conn = sqlite3.connect(tmp_path / "floor.db")
    with conn:
        conn.execute("UPDATE person SET name_key = upper(name_key) WHERE id = 7")
    conn.close()
    with pytest.raises(AssertionError, match="other person rows"):
        import_linkedin.check_floor(tmp_path)
