"""Tests for network.text: folding, word splitting, singulars and topic keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from network.common.text import fold, singular, topic_key, words


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("José Núñez", "jose nunez"),
        ("  ALICE \t\n  Chen  ", "alice chen"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("Łukasz Wałęsa", "lukasz walesa"),
        ("Straße", "strasse"),
        ("Ægir Œuvre", "aegir oeuvre"),
        ("François", "francois"),
        ("ｆｕｌｌ　ｗｉｄｔｈ", "full width"),  # NFKD maps full-width forms and space
        ("", ""),
        ("   ", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_keeps_punctuation_and_non_latin_letters() -> None:
    assert fold("Liam O'Brien") == "liam o'brien"
    assert fold("Алёна") == "алена"


@given(st.text())
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(st.text())
def test_fold_has_no_edge_or_double_spaces(s: str) -> None:
    f = fold(s)
    assert f == f.strip()
    assert "  " not in f


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mary-Jane O'Brien", ["mary", "jane", "o", "brien"]),
        ("car_buying, résumés!", ["car", "buying", "resumes"]),
        ("Python 3.11", ["python", "3", "11"]),
        ("हिंदी नाम", ["हिंदी", "नाम"]),  # vowel signs stay inside their word
        ("  ", []),
        ("---", []),
    ],
)
def test_words(raw: str, expected: list[str]) -> None:
    assert words(raw) == expected


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("companies", "company"),
        ("buses", "bus"),
        ("boxes", "box"),
        ("churches", "church"),
        ("dishes", "dish"),
        ("cars", "car"),
        ("resumes", "resume"),
        ("classes", "class"),
        ("campuses", "campus"),
        ("houses", "house"),
        ("excuses", "excuse"),
        ("uses", "use"),
        ("movies", "movie"),
        ("ties", "tie"),
    ],
)
def test_singular_of_plurals(plural: str, single: str) -> None:
    assert singular(plural) == single
    assert singular(single) == single


@pytest.mark.parametrize(
    "word",
    ["class", "status", "campus", "analysis", "gas", "bus", "us", "is", "news", "series", "car"],
)
def test_singular_leaves_these_alone(word: str) -> None:
    assert singular(word) == word


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        ("Car Buying", "car buying"),
        ("Résumés", "resume"),
        ("cars", "car"),
        ("college applications", "college application"),
        ("  Startup   FUNDRAISING  ", "startup fundraising"),
        ("real-estate", "real estate"),
        ("", ""),
    ],
)
def test_topic_key(topic: str, key: str) -> None:
    assert topic_key(topic) == key


def test_topic_key_matches_singular_and_plural() -> None:
    assert topic_key("Companies") == topic_key("company")
    assert topic_key("Résumé") == topic_key("resumes")


_ascii_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1, max_size=12)


@given(st.lists(_ascii_word, max_size=5).map(" ".join))
def test_topic_key_is_idempotent_for_ascii_words(s: str) -> None:
    assert topic_key(topic_key(s)) == topic_key(s)


# Random letters rarely hit the interesting endings, so add them on purpose.
_endings = st.sampled_from(["", "s", "es", "ies", "uses", "sses", "xes", "ches", "ss", "us", "is"])


@given(st.builds(lambda w, e: w.lower() + e, _ascii_word, _endings))
def test_singular_is_idempotent(word: str) -> None:
    assert singular(singular(word)) == singular(word)
