"""One envelope for every listing: rows under `items`, with `count` and `more`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

TODAY = "2026-11-22"

# every listing on the demo network, as typed, and how to cut it to one row
LISTINGS = [
    ["asks"],
    ["promises", "--all"],
    ["history"],
    ["people", "--all"],
    ["balance"],
    ["drift"],
    ["who-knows", "hiring"],
    ["dupes"],
    ["inbox"],
    ["due"],
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from network.app import demo

    path = tmp_path_factory.mktemp("envelope") / "demo.db"
    demo.build(path, date.fromisoformat(TODAY), 7)
    return path


def _document(cli, demo_db, *args: str) -> dict:
    result = cli("--db", str(demo_db), *args, "--json", today=TODAY)
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    assert isinstance(document, dict), args
    return document


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_every_listing_is_an_object_with_items_count_and_more(cli, demo_db, args):
    document = _document(cli, demo_db, *args)
    assert isinstance(document["items"], list)
    assert document["count"] == len(document["items"])
    assert isinstance(document["more"], int) and document["more"] >= 0


@pytest.mark.parametrize(
    "args",
    [a for a in LISTINGS if a[0] not in ("dupes", "inbox", "due")],
    ids=lambda a: " ".join(a),
)
def test_a_limit_says_how_many_rows_it_left_out(cli, demo_db, args):
    whole = _document(cli, demo_db, *args)
    assert whole["more"] == 0 and whole["count"] >= 2, whole  # the demo has enough of each
    cut = _document(cli, demo_db, *args, "-n", "1")
    assert cut["items"] == whole["items"][:1]
    assert (cut["count"], cut["more"]) == (1, whole["count"] - 1)


def test_a_calendar_day_is_day_at_the_top_too(cli, demo_db):
    assert _document(cli, demo_db, "due")["day"] == TODAY
    assert _document(cli, demo_db, "stats")["day"] == TODAY
