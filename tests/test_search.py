"""who-knows through the FTS5 indexes: matching rules, quoting, triggers, and migration."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from network.store import connection as db
from network.store import migrations
from network.store.reads import people as queries

FIXTURE = Path(__file__).parent / "fixtures" / "schema1.db"


def matches(path: Path, topic: str) -> dict[str, tuple[float, list[str]]]:
    with db.reading(path) as reader:
        found = queries.topic_matches(reader, topic)
        names = {r["id"]: r["name"] for r in reader.rows("SELECT id, name FROM person")}
    return {names[pid]: value for pid, value in found.items()}


def fts_ok(path: Path) -> None:
    """FTS5's own check that each index agrees with its content table (raises if not)."""
    conn = sqlite3.connect(path)
    try:
        for table in ("strength_fts", "person_fts"):
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


@pytest.fixture
def network(cli, isolated_db):
    for args in (
        ["add", "Alice Chen", "--knows", "car"],
        ["add", "Bob Li", "--knows", "car buying"],
        ["add", "Cy Dee", "--knows", "carpool"],
        ["add", "Dana Ek", "--company", "Car Co", "--title", "Mechanic"],
        ["add", "Eve Fox", "--note", "restores carburettors"],
        ["add", "Gus Hay", "--knows", "boats"],
    ):
        assert cli(*args).exit_code == 0
    return isolated_db


def test_car_finds_cars_and_car_buying_ranked_by_fit(network):
    found = matches(network, "Cars")
    assert {name: score for name, (score, _) in found.items()} == {
        "Alice Chen": queries.STRENGTH_EXACT,
        "Bob Li": queries.STRENGTH_WORDS,
        "Cy Dee": queries.STRENGTH_PREFIX,
        "Dana Ek": queries.PROFILE_WORDS,
        # "restores carburettors": a word prefix in free text is noise, not a match
    }
    assert found["Bob Li"][1] == ["car buying"]
    assert found["Dana Ek"][1] == ["profile or notes mention it"]


def test_a_phrase_matches_words_in_order_with_the_last_one_a_prefix(network):
    assert set(matches(network, "car buy")) == {"Bob Li"}
    assert matches(network, "buying car") == {}


@pytest.mark.parametrize(
    "text", ['car" OR boats', "NEAR(car boats)", "car*", "boats AND", '"', "c'a'r"]
)
def test_user_text_is_only_ever_words(cli, network, text):
    run = cli("who-knows", text)
    assert run.exit_code in (0, 1), run
    assert "internal error" not in run.stderr
    assert "Gus Hay" not in run.stdout or "boats" in text.lower()


def test_operator_words_are_searched_as_words(cli, network):
    assert cli("knows", "Gus Hay", "and or not").exit_code == 0
    assert set(matches(network, "AND OR")) == {"Gus Hay"}


def test_indexes_follow_every_write(cli, network):
    assert cli("edit", "Eve Fox", "--note", "sails").exit_code == 0
    assert cli("forget", "Cy Dee", "carpool").exit_code == 0
    assert cli("archive", "Alice Chen").exit_code == 0
    assert cli("rm", "Bob Li", "--yes").exit_code == 0
    assert cli("knows", "Gus Hay", "Car repair").exit_code == 0
    assert set(matches(network, "car")) == {"Dana Ek", "Gus Hay"}
    assert set(matches(network, "sail")) == {"Eve Fox"}
    fts_ok(network)


def test_archived_people_are_not_offered(cli, network):
    assert cli("archive", "Alice Chen").exit_code == 0
    assert "Alice Chen" not in matches(network, "car")
    assert cli("archive", "Alice Chen", "--undo").exit_code == 0
    assert "Alice Chen" in matches(network, "car")


def _objects(path: Path) -> dict[tuple[str, str], str | None]:
    conn = sqlite3.connect(path)
    try:
        return {
            (t, n): sql for t, n, sql in conn.execute("SELECT type, name, sql FROM sqlite_master")
        }
    finally:
        conn.close()


def test_migrating_an_old_file_builds_the_same_indexes_and_fills_them(tmp_path, cli):
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, old)
    db.open_db(old).close()
    fresh = tmp_path / "fresh.db"
    db.open_db(fresh).close()
    migrated, created = _objects(old), _objects(fresh)
    assert set(migrated) == set(created)
    search = {key: sql for key, sql in created.items() if "_fts" in key[1]}
    assert len(search) >= len(migrations.SQLITE_SEARCH)
    assert {key: migrated[key] for key in search} == search
    assert set(matches(old, "car")) >= {"Alice Chen", "Jamal Wright"}
    fts_ok(old)


def test_the_search_objects_are_sqlite_only():
    assert not any("fts" in sql for sql in migrations.schema_sql("postgresql"))
    assert all("fts" in sql for sql in migrations.SQLITE_SEARCH)


# --- the best few, without reading everyone's ledger -----------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import generate

    path = tmp_path_factory.mktemp("ranked") / "small.db"
    generate.generate(path, 1_000, 10_000, today=TODAY)
    return path


TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("first_round", [1, 3, 100])
@pytest.mark.parametrize("topic", ["investing", "car", "s", "c"])
def test_the_best_few_are_the_best_few_of_everyone(generated, monkeypatch, first_round, topic):
    """Counting asks for the best ceilings only must show what ranking everyone shows."""
    from network.app import who_knows as app

    everyone = app.who_knows(generated, topic, TODAY)
    assert len(everyone.items) > 10 or topic == "investing"
    monkeypatch.setattr(app, "FIRST_ROUND", first_round)
    for limit in (1, 2, 3, 5, 10, 25):
        few = app.who_knows(generated, topic, TODAY, limit=limit)
        best = everyone.to_json()["items"][:limit]
        left_out = len(everyone.items) - len(best)
        assert few.to_json() == {
            **everyone.to_json(),
            "items": best,
            "count": len(best),
            "more": left_out,
        }
        assert few.more == max(0, len(everyone.items) - limit)


def test_a_ceiling_is_never_below_the_score(generated):
    """Whatever the asks and the bridge turn out to be, the score stays under the ceiling."""
    from dataclasses import replace

    from network.domain import ranking

    with db.reading(generated) as reader:
        found = queries.candidates(reader, queries.topic_matches(reader, "s"))
    assert len(found) > 30
    bridge = {"id": 0, "name": "Ann Other", "tie": "close", "balance": 3}
    for c in found:
        top = ranking.ceiling(c, TODAY)
        for asks in (0, 1, 2, 3, 7):
            vias = [None, bridge] if ranking.barely_known(c.tie, c.balance) else [None]
            for via in vias:
                assert ranking.assess(replace(c, asks_recent=asks, via=via), TODAY).score <= top


@pytest.mark.parametrize("topic", ["investing", "car", "s", "nothing like it", ""])
def test_candidates_read_with_the_match_are_the_candidates_of_the_matches(generated, topic):
    with db.reading(generated) as reader:
        apart = queries.candidates(reader, queries.topic_matches(reader, topic))
        together = queries.topic_candidates(reader, topic)
    assert together == apart
    assert len(apart) > 5 or topic in ("nothing like it", "")
