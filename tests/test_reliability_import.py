"""Odd values in `import json` are one error naming where they are; the database is unchanged.

Each document is a real export with one value changed to what no command could write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import db_bytes

HINT = "fix that value in the file (an export of network never holds it), then import again"


@pytest.fixture
def exported(cli, tmp_path: Path, isolated_db: Path) -> dict[str, Any]:
    """A small network's export; the database it came from is left as it was."""
    for args in (
        ("add", "Alice Chen", "--tie", "close", "--knows", "cars"),
        ("add", "Bob Li"),
        ("log", "alice", "coffee", "--when", "2026-11-20"),
    ):
        assert cli(*args, today="2026-11-22").exit_code == 0
    run = cli("export", "json", today="2026-11-22")
    assert run.exit_code == 0, run
    return run.json()


def _import(cli, tmp_path: Path, text: str) -> Any:
    file = tmp_path / "odd.json"
    file.write_text(text, encoding="utf-8")
    return cli("import", "json", str(file), today="2026-11-22")


def _refused(cli, tmp_path: Path, isolated_db: Path, text: str) -> str:
    before = db_bytes(isolated_db)
    run = _import(cli, tmp_path, text)
    assert run.exit_code == 1, run
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), run
    assert lines[0].endswith(HINT), run
    assert "internal error" not in run.stderr
    assert db_bytes(isolated_db) == before  # nothing written
    return lines[0]


def _changed(doc: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> str:
    doc = json.loads(json.dumps(doc))
    change(doc["tables"])
    return json.dumps(doc)


def test_a_timestamp_that_overflows_in_utc_names_its_row_and_field(
    cli, tmp_path, isolated_db, exported
) -> None:
    def late(tables):
        tables["entry"][0]["created_at"] = "9999-12-31T23:59:59-05:00"

    line = _refused(cli, tmp_path, isolated_db, _changed(exported, late))

    assert line.startswith(
        "Error: " + str(tmp_path / "odd.json") + ": entry row 1, created_at: "
        "9999-12-31T23:59:59-05:00 is outside the years 1900–2200"
    )


def test_a_day_past_2200_is_refused_too(cli, tmp_path, isolated_db, exported) -> None:
    def late(tables):
        tables["person"][1]["created_on"] = "9999-12-31"

    line = _refused(cli, tmp_path, isolated_db, _changed(exported, late))

    assert ": person row 2, created_on: 9999-12-31 is outside the years 1900–2200" in line


def test_arrays_nested_100000_deep_are_refused_by_path_not_a_crash(
    cli, tmp_path, isolated_db, exported
) -> None:
    def deep(tables):
        tables["entry"][0]["summary"] = "PLACEHOLDER"

    text = _changed(exported, deep).replace('"PLACEHOLDER"', "[" * 100_000 + "]" * 100_000)

    line = _refused(cli, tmp_path, isolated_db, text)

    assert ": the JSON is nested more than 32 deep at $.tables.entry[0].summary[0][0][0]" in line


@pytest.mark.parametrize("value", [2**63, 2**63 - 1, 2**53, 0, -1])
def test_an_id_out_of_range_names_its_row_and_field(
    cli, tmp_path, isolated_db, exported, value
) -> None:
    def huge(tables):
        tables["person"][0]["id"] = value

    line = _refused(cli, tmp_path, isolated_db, _changed(exported, huge))

    assert f": person row 1, id: the id {value} is not between 1 and 9,007,199,254,740,992" in line


def test_a_number_past_64_bits_names_its_field(cli, tmp_path, isolated_db, exported) -> None:
    def huge(tables):
        tables["entry"][0]["points"] = 2**70

    line = _refused(cli, tmp_path, isolated_db, _changed(exported, huge))

    assert f": entry row 1, points: {2**70} does not fit in 64 bits" in line


def test_a_huge_string_is_refused_by_field_without_echoing_it(
    cli, tmp_path, isolated_db, exported
) -> None:
    def huge(tables):
        tables["person"][0]["notes"] = "x" * 20_000_000

    line = _refused(cli, tmp_path, isolated_db, _changed(exported, huge))

    assert ": person row 1, notes: a text of 20,000,000 characters" in line
    assert len(line) < 400


def test_a_huge_column_name_is_not_echoed(cli, tmp_path, isolated_db, exported) -> None:
    def huge(tables):
        tables["person"][0]["k" * 1_000_000] = 1

    line = _refused(cli, tmp_path, isolated_db, _changed(exported, huge))

    assert ": person row 1, " + "k" * 40 + "…: a column name of 1,000,000 characters" in line


def test_the_largest_ids_and_dates_allowed_still_import(cli, tmp_path, exported) -> None:
    """The edges themselves are fine: the checks refuse only what is past them."""

    def edges(tables):
        old = tables["person"][1]["id"]
        tables["person"][1]["id"] = 2**53 - 1
        for entry in tables["entry"]:
            if entry["person_id"] == old:
                entry["person_id"] = 2**53 - 1
        tables["entry"][0]["created_at"] = "2200-12-31T18:59:59-05:00"

    other = tmp_path / "other.db"
    file = tmp_path / "edges.json"
    file.write_text(_changed(exported, edges), encoding="utf-8")

    run = cli("--db", str(other), "import", "json", str(file), today="2026-11-22")

    assert run.exit_code == 0, run
    again = cli("--db", str(other), "import", "json", str(file), today="2026-11-22")
    assert again.exit_code == 0, again  # the next id after the largest still fits
    assert "0 created" in again.stderr
