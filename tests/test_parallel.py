"""app/parallel.py: a child reads beside the parent only where a core looks free for it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from network.app import parallel


@pytest.mark.parametrize(
    ("load", "cores", "busy"), [(0.3, 2, False), (1.4, 2, False), (1.6, 2, True), (3.2, 4, False)]
)
def test_busy_when_the_load_leaves_less_than_half_a_core(monkeypatch, load, cores, busy):
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(parallel, "cores", lambda: cores)

    assert parallel.busy() is busy


def test_no_load_average_counts_as_a_free_core(monkeypatch):
    def unknown():
        raise OSError("no load average")

    monkeypatch.setattr(os, "getloadavg", unknown)

    assert parallel.busy() is False


@pytest.mark.parametrize("busy", [False, True])
def test_a_busy_machine_reads_in_the_parent(monkeypatch, tmp_path: Path, busy):
    db_path = tmp_path / "some.db"
    db_path.write_bytes(b"")
    monkeypatch.setattr(parallel, "LARGE_FILE", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "busy", lambda: busy)

    read = parallel.ParallelRead(db_path, lambda reader: "read")

    assert read.started is not busy
    read.result()  # the child (if any) is waited for
