"""`people --json` is streamed from SQLite; it must print exactly the typed listing's document."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from network import app
from network.cli.views import output

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import generate  # noqa: E402

TODAY = date(2026, 11, 22)


def streamed(path: Path, **options) -> str:
    batches = app.people.people_json(path, today=TODAY, **options)
    texts = [text.decode() for batch in batches for text in batch]
    return '{"items": [' + ", ".join(texts) + f'], "count": {len(texts)}, "more": 0}}'


def listed(path: Path, **options) -> str:
    result = app.people.people(path, today=TODAY, **options)
    return json.dumps(result.to_json(), ensure_ascii=False)


@pytest.fixture(autouse=True, params=["few", "many"])
def road(request, monkeypatch) -> None:
    """Each test by both roads to the signals: a listing up to reciprocity.few() people reads
    its people's ledgers by id, a longer one the year's ledger once."""
    from network.app import reciprocity

    monkeypatch.setattr(reciprocity, "few", lambda db: 0 if request.param == "many" else 10**6)


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("listing") / "small.db"
    generate.generate(path, 1_000, 10_000, today=TODAY)
    return path


def test_the_generated_network_has_every_signal(network):
    """Otherwise the comparisons below could not catch a signal the stream misses."""
    kinds = Counter(s["signal"] for p in json.loads(listed(network))["items"] for s in p["signals"])
    assert set(kinds) == {"overdrawn", "red_flag", "leaning", "one_sided"}, kinds


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"roster": True},
        {"archived": True, "roster": True},
        {"tie": "roster"},
        {"sort": "last"},
        {"sort": "balance", "tie": "casual"},
        {"sort": "due", "archived": True, "roster": True},
        {"knows": "car"},
        {"knows": "no such topic at all"},
    ],
)
def test_the_stream_is_the_typed_listing_byte_for_byte(network, options):
    assert streamed(network, **options) == listed(network, **options)


def test_strings_are_written_as_python_writes_them(cli, isolated_db):
    """SQLite's json_quote and Python's json.dumps agree on quotes, escapes and non-ASCII."""
    hostile = 'Zoë "Q" \\back\\slash/ 😀 日本 \u2028'
    run = cli(
        "add", hostile, "--company", "Acme & <Co>", "--note", "one\ntwo\tthree\r", "--tie", "close"
    )
    assert run.exit_code == 0, run.output
    cli("add", "Plain Person", "--birthday", "1990-04-03", "--every", "2w")
    cli("give", "plain", "an article", "--when", "2026-11-01", today="2026-11-22")
    result = cli("people", "--json", "--archived", today="2026-11-22")
    assert result.exit_code == 0
    expected = app.people.people(isolated_db, archived=True, today=TODAY).to_json()
    assert result.stdout == json.dumps(expected, ensure_ascii=False) + "\n"
    assert json.loads(result.stdout)["items"][1]["name"] == hostile.strip()


ROWS = [[], [{"a": 1}], [{"a": [1, {"b": None}], "c": "é"}, {"d": []}, {"e": 5}]]


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("limit", [None, 1, 2, 5])
@pytest.mark.parametrize("terminal", [False, True])
def test_the_listing_emitter_prints_what_emit_json_prints(
    capsys, monkeypatch, rows, limit, terminal
):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: terminal)
    shown = rows if limit is None else rows[:limit]
    output.emit_json({"items": shown, "count": len(shown), "more": len(rows) - len(shown)})
    whole = capsys.readouterr().out
    texts = [json.dumps(r, ensure_ascii=False).encode() for r in rows]
    output.emit_json_listing(iter([texts[:1], [], texts[1:]]), limit)
    assert capsys.readouterr().out == whole


def test_people_json_cut_by_limit_counts_the_rest(cli, isolated_db):
    for name in ("Ann One", "Bo Two", "Cy Three"):
        assert cli("add", name, "--tie", "close").exit_code == 0
    result = cli("people", "--json", "-n", "2")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [p["name"] for p in document["items"]] == ["Ann One", "Bo Two"]
    assert (document["count"], document["more"]) == (2, 1)


def test_people_with_many_small_asks_get_the_same_verdicts(network, monkeypatch):
    """Past MANY_ASKS the stream hands a person to obligations.signal_facts: same document."""
    from network.store.reads import people as queries

    monkeypatch.setattr(queries, "MANY_ASKS", 0)
    assert streamed(network, archived=True) == listed(network, archived=True)
