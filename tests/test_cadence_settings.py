"""The rhythm per tie as a setting: `[cadence]` in the settings file, used by due, drift, add."""

from __future__ import annotations

from pathlib import Path

import pytest

from network.domain import cadence

TODAY = "2026-11-22"


def ok(r):
    assert r.exit_code == 0, r
    return r


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write the settings file NETWORK_CONFIG points at; the defaults come back afterwards
    (the rhythms in effect are one table per process, and PostgreSQL tests never reset it)."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NETWORK_CONFIG", str(path))

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    yield write
    cadence.use_tie_cadence({})


def _next_due(cli, name: str) -> str | None:
    people = ok(cli("people", "--json", today=TODAY)).rows()
    return next(p["next_due"] for p in people if p["name"] == name)


def test_config_shows_the_rhythm_per_tie_and_where_it_comes_from(cli, settings) -> None:
    rows = {s["key"]: s for s in ok(cli("config", "--json")).json()["settings"]}
    assert (rows["cadence.close"]["value"], rows["cadence.close"]["source"]) == (30, "default")
    assert (rows["cadence.casual"]["value"], rows["cadence.casual"]["source"]) == (90, "default")

    settings("[cadence]\nclose = 14\n")

    r = ok(cli("config"))
    assert "cadence.close\t14\tfile\tdays between contacts with a close tie without --every" in (
        r.stdout
    )
    assert "cadence.casual\t90\tdefault\t" in r.stdout


def test_the_setting_s_defaults_are_the_rules_defaults() -> None:
    from network.common import config

    for tie in config.CADENCE_TIES:
        assert config.SETTINGS[f"cadence.{tie}"].default == cadence.DEFAULT_TIE_CADENCE[tie]


def test_due_follows_the_rhythm_set_for_a_tie(cli, settings) -> None:
    ok(cli("add", "Alice Chen", "--tie", "close", "--last", "2026-11-02", today=TODAY))
    ok(cli("add", "Bob Li", "--tie", "close", "--every", "60", "--last", "2026-11-02", today=TODAY))
    assert ok(cli("due", "--json", today=TODAY)).json()["items"] == []
    assert _next_due(cli, "Alice Chen") == "2026-12-02"

    settings("[cadence]\nclose = 14\n")

    items = ok(cli("due", "--json", today=TODAY)).json()["items"]
    assert [i["name"] for i in items] == ["Alice Chen"]  # Bob keeps his own 60 days
    r = ok(cli("due", today=TODAY))
    assert "Alice Chen\t6 days past a 14-day rhythm (1.4×)" in r.stdout
    assert _next_due(cli, "Alice Chen") == "2026-11-16"
    assert _next_due(cli, "Bob Li") == "2027-01-01"

    settings("")  # back to the defaults: the stored days follow again
    assert ok(cli("due", "--json", today=TODAY)).json()["items"] == []
    assert _next_due(cli, "Alice Chen") == "2026-12-02"


def test_add_and_log_use_the_rhythm_set_for_a_tie(cli, settings) -> None:
    settings("[cadence]\ncasual = 10\n")

    ok(cli("add", "Bob Li", today=TODAY))
    assert _next_due(cli, "Bob Li") == "2026-12-02"
    ok(cli("log", "bob", "coffee", "--when", "2026-11-20", today=TODAY))
    assert _next_due(cli, "Bob Li") == "2026-11-30"
    r = ok(cli("show", "bob", today=TODAY))
    assert "cadence  every 10 days: next due in 8 days (2026-11-30)" in r.stdout


def test_drift_measures_silence_against_the_rhythm_set(cli, settings) -> None:
    ok(cli("add", "Alice Chen", "--tie", "close", today="2026-08-01"))
    for day in ("2026-08-24", "2026-09-03", "2026-09-13"):
        ok(cli("log", "alice", "call", "--when", day, today=day))

    drifting = ok(cli("drift", "--json", today=TODAY)).rows()
    assert [(d["name"], d["baseline_days"]) for d in drifting] == [("Alice Chen", 30)]

    settings("[cadence]\nclose = 60\n")
    assert ok(cli("drift", "--json", today=TODAY)).rows() == []


def test_a_settings_change_is_not_an_undo_step(cli, settings) -> None:
    ok(cli("add", "Alice Chen", "--tie", "close", "--last", "2026-11-02", today=TODAY))
    ok(cli("add", "Bob Li", today=TODAY))
    settings("[cadence]\nclose = 14\n")
    assert _next_due(cli, "Alice Chen") == "2026-11-16"

    r = ok(cli("undo", "--yes", today=TODAY))

    assert "Bob Li" in r.stderr  # the last command, not the recomputed days
    assert _next_due(cli, "Alice Chen") == "2026-11-16"


@pytest.mark.parametrize(
    ("text", "said", "hint"),
    [
        ("[cadence]\nclose = 0\n", "cadence.close = 0 in", "e.g. cadence.close = 30"),
        ("[cadence]\ncasual = 4000\n", "cadence.casual = 4000 in", "e.g. cadence.casual = 90"),
        ('cadence.close = "weekly"\n', "cadence.close = 'weekly' in", "e.g. cadence.close = 30"),
        ("[cadence]\nroster = 30\n", 'unknown setting "cadence.roster"', "roster has none"),
    ],
)
def test_a_bad_rhythm_is_one_line_with_a_hint_on_every_command(cli, settings, text, said, hint):
    ok(cli("add", "Alice Chen", today=TODAY))
    path = settings(text)
    for args in (("config",), ("due",), ("add", "Bob Li"), ("drift",), ("people",)):
        r = cli(*args, today=TODAY)
        assert r.exit_code == 1, (args, r)
        (line,) = r.stderr.strip().splitlines()
        assert line.startswith("Error: ") and said in line and str(path) in line, r
        assert line.endswith(hint) or hint in line.split(" — ", 1)[1], r


def test_a_changed_rhythm_never_makes_a_read_wait_for_another_writer(
    cli, settings, isolated_db
) -> None:
    """The stored days follow a new setting when the file is free; while another process
    writes (a long import), `due` reads the days as stored at once instead of waiting."""
    import sqlite3
    import time

    ok(cli("add", "Alice Chen", "--tie", "close", "--last", "2026-11-02", today=TODAY))
    settings("[cadence]\nclose = 14\n")
    other = sqlite3.connect(isolated_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the file
    try:
        start = time.monotonic()
        busy = ok(cli("due", "--json", today=TODAY))
        waited = time.monotonic() - start
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert waited < 10, waited  # not the 60 s a write would wait
    assert busy.json()["items"] == []  # the days as stored (30-day rhythm)
    assert _next_due(cli, "Alice Chen") == "2026-11-16"  # the file free: in step now
