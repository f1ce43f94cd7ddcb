"""A large network narrows a name that matches no one to a shortlist before the fuzzy
scores: one-edit typos still find the person, and the scores decide as before."""

from __future__ import annotations

import re
import sqlite3
import string
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network.common.errors import UnknownPerson
from network.common.text import fold, words
from network.domain import names
from network.store.connection import Reader
from network.store.reads import people as queries

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import generate  # noqa: E402

TODAY = date(2026, 11, 22)


def one_edits(word: str) -> set[str]:
    """Every word one edit from `word`: a letter wrong, missing, extra, two swapped."""
    letters = "az" + "".join(sorted(set(word)))
    out = set()
    for p in range(len(word) + 1):
        for c in letters:
            out.add(word[:p] + c + word[p:])  # extra
            if p < len(word):
                out.add(word[:p] + c + word[p + 1 :])  # wrong
        if p < len(word):
            out.add(word[:p] + word[p + 1 :])  # missing
        if p + 1 < len(word):
            out.add(word[:p] + word[p + 1] + word[p] + word[p + 2 :])  # swapped
    out.discard(word)
    out.discard("")
    return out


def has_shape(word: str, shape: names.Shape) -> bool:
    """What the store's LIKEs test, for a single word."""
    if shape.anchored:
        return word.startswith(shape.head) and word.endswith(shape.tail)
    return re.search(re.escape(shape.head) + ".*" + re.escape(shape.tail), word) is not None


# --- the rule: shapes a typo keeps --------------------------------------------------------


@settings(deadline=None)
@given(st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=14))
def test_every_one_edit_typo_keeps_a_shape_of_the_word(real: str) -> None:
    for typed in one_edits(real):
        shapes = names.word_shapes(typed)
        assert any(has_shape(real, s) for s in shapes), (real, typed, shapes)


def test_shapes_of_a_long_word_are_few_and_specific() -> None:
    shapes = names.word_shapes("kleyorson")
    assert len(shapes) <= 5
    assert all(len(s.head) + len(s.tail) >= 6 for s in shapes)
    assert not any(has_shape("margason", s) for s in shapes)


def test_a_query_gives_one_clue_per_distinct_word() -> None:
    clues = names.shortlist("  Jamal  MARGARSNO jamal ")
    assert [c.word for c in clues] == ["jamal", "margarsno"]


@given(st.text(max_size=30))
def test_the_ascii_fast_path_folds_as_fold_does(text: str) -> None:
    folded, parts = names._fold_words(text)
    assert folded == fold(text)
    assert parts == words(fold(text))


# --- the scores decide as scoring everyone did -------------------------------------------


def every_score(query: str, people: list[tuple[int, str]]) -> tuple:
    """The outcome of the fuzzy step as it was before pruning: every pair scored."""
    import difflib

    scored = []
    for pid, name in people:
        c = names._candidate(pid, name)
        best = 0.0
        for key in (c.folded, *c.tokens, *c.parts):
            m = difflib.SequenceMatcher(None, key, query, autojunk=False)
            if m.real_quick_ratio() >= names.SUGGEST and m.quick_ratio() >= names.SUGGEST:
                best = max(best, m.ratio())
        scored.append((best, c))
    scored.sort(key=lambda sc: (-sc[0], sc[1].folded, sc[1].name))
    if scored and scored[0][0] >= names.ACCEPT:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if runner_up < names.ACCEPT and scored[0][0] - runner_up >= names.MARGIN - 1e-9:
            return ("match", scored[0][1].name)
    return ("unknown", names._suggestions(scored, 3))


_first = st.sampled_from(["ana", "anna", "ann", "anne", "hana", "jan", "jana", "janet"])
_last = st.sampled_from(["lee", "leed", "li", "lea", "reed", "reid", "rei", "kee"])


@given(
    st.lists(st.tuples(_first, _last).map(" ".join), min_size=1, max_size=12),
    st.tuples(_first, _last).map(" ".join),
)
def test_pruned_scores_decide_as_scoring_everyone(people: list[str], query: str) -> None:
    # close names on purpose: many ties, runner-ups and equal scores
    pairs = list(enumerate(people))
    expected = every_score(fold(query), pairs)
    scored = names._scores(fold(query), [names._candidate(i, n) for i, n in pairs])
    got_match = None
    if scored and scored[0][0] >= names.ACCEPT:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if runner_up < names.ACCEPT and scored[0][0] - runner_up >= names.MARGIN - 1e-9:
            got_match = ("match", scored[0][1].name)
    assert (got_match or ("unknown", names._suggestions(scored, 3))) == expected


# --- through the CLI, on a network above the threshold ----------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shortlist") / "large.db"
    generate.generate(path, names.SCORE_EVERYONE_UP_TO + 500, 1000, today=TODAY)
    return path


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [n for (n,) in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def test_the_large_network_is_above_the_threshold(large: Path) -> None:
    assert len(names_in(large)) > names.SCORE_EVERYONE_UP_TO


def test_the_shortlist_is_short_and_holds_the_person(large: Path) -> None:
    everyone = names_in(large)
    name = next(n for n in everyone if len(n.split()) == 2 and len(n.split()[1]) >= 7)
    first, last = name.split()
    typo = f"{first} {last[0]}{last[2]}{last[1]}{last[3:]}"  # two letters swapped
    conn = sqlite3.connect(f"file:{large}?mode=ro", uri=True)
    try:
        rows = queries.shortlist(Reader(conn), typo)
    finally:
        conn.close()
    assert name in [r["name"] for r in rows]
    assert len(rows) < len(everyone) / 5


def typos_of(name: str) -> list[str]:
    """A wrong, missing, extra and swapped letter at each position of each word."""
    out = []
    parts = name.split(" ")
    for w, word in enumerate(parts):
        for p in range(len(word)):
            wrong = "q" if word[p].lower() != "q" else "x"
            edits = [word[:p] + wrong + word[p + 1 :], word[:p] + word[p + 1 :]]
            edits.append(word[:p] + "q" + word[p:])
            if p + 1 < len(word) and word[p] != word[p + 1]:
                edits.append(word[:p] + word[p + 1] + word[p] + word[p + 2 :])
            out += [" ".join([*parts[:w], e, *parts[w + 1 :]]) for e in edits if e]
    return out


def test_a_one_edit_typo_anywhere_in_a_name_still_finds_it(cli, large, monkeypatch) -> None:
    monkeypatch.setenv("NETWORK_DB", str(large))
    everyone = names_in(large)
    # a name whose every word is long enough to be mistyped in several ways
    name = next(n for n in everyone[100:] if len(n.split()) == 2 and len(n) >= 12)
    checked = 0
    for typed in typos_of(name):
        if fold(typed) in {fold(n) for n in everyone}:
            continue  # the typo is someone else's name
        run = cli("show", typed, today=TODAY.isoformat())
        if run.exit_code == 0:  # a unique prefix, or the closest name, shown
            assert name in run.stdout, (typed, run)
        else:
            assert run.exit_code == 1, (typed, run)
            assert run.stderr.startswith(f'Error: no one called "{typed}"'), (typed, run)
            assert f'"{name}"' in run.stderr, (typed, run)
        checked += 1
    assert checked > 30


def test_a_name_like_no_one_is_still_an_unknown_person(cli, large, monkeypatch) -> None:
    monkeypatch.setenv("NETWORK_DB", str(large))
    run = cli("show", "Xyzzy Qwvq", today=TODAY.isoformat())
    assert run.exit_code == 1
    assert run.stderr.startswith('Error: no one called "Xyzzy Qwvq" in your network')
    assert run.stdout == ""


def test_a_write_never_takes_a_guess_from_the_shortlist(cli, large, monkeypatch) -> None:
    monkeypatch.setenv("NETWORK_DB", str(large))
    everyone = names_in(large)
    name = next(n for n in everyone[200:] if len(n.split()) == 2 and len(n.split()[1]) >= 7)
    first, last = name.split()
    typed = f"{first} {last[:-2]}{last[-1]}{last[-2]}"
    before = large.read_bytes()
    run = cli("log", typed, "coffee", today=TODAY.isoformat())
    assert run.exit_code == 1, run
    assert f'no one called "{typed}"' in run.stderr
    assert name in run.stderr
    assert large.read_bytes() == before


def test_find_match_in_a_large_network_suggests_rather_than_scoring_everyone(large) -> None:
    conn = sqlite3.connect(f"file:{large}?mode=ro", uri=True)
    try:
        with pytest.raises(UnknownPerson) as exc:
            queries.find_match(Reader(conn), "Xyzzy")
    finally:
        conn.close()
    assert exc.value.suggestions == []


@pytest.mark.postgres
def test_the_shortlist_reads_the_same_on_postgresql(cli, pg_url, tmp_path, monkeypatch) -> None:
    from network.app import demo
    from network.common.paths import ServerDatabase

    # every network counts as large here, so both engines take the shortlist
    monkeypatch.setattr(names, "SCORE_EVERYONE_UP_TO", 0)
    sqlite_db = tmp_path / "demo.db"
    demo.build(sqlite_db, TODAY, 7)
    demo.build(ServerDatabase(pg_url), TODAY, 7)
    everyone = names_in(sqlite_db)
    name = next(n for n in everyone if len(n.split()) == 2 and len(n.split()[1]) >= 5)
    first, last = name.split()
    for typed in (f"{first} {last[0]}{last[2]}{last[1]}{last[3:]}", f"{last[:-1]}q", "Xyzzy"):
        on_sqlite = cli("--db", str(sqlite_db), "show", typed, today=TODAY.isoformat())
        on_pg = cli("--db", pg_url, "show", typed, today=TODAY.isoformat())
        # (the first runs also say they set the databases up: compare the last line)
        last_line = on_sqlite.stderr.splitlines()[-1:]
        assert (on_pg.exit_code, on_pg.stdout, on_pg.stderr.splitlines()[-1:]) == (
            on_sqlite.exit_code,
            on_sqlite.stdout,
            last_line,
        ), typed
        if typed != "Xyzzy":
            assert name in on_sqlite.stdout + on_sqlite.stderr, (typed, on_sqlite)
