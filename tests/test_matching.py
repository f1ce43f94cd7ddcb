"""Tests for network.matching: resolving a typed name to one person."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from network.common.errors import AmbiguousPerson, BadInput, UnknownPerson
from network.common.text import fold
from network.domain.names import choose, fuzzy_candidates

PEOPLE = [
    (1, "Alice Chen"),
    (2, "Al Gore"),
    (3, "Bob Smith"),
    (4, "José Núñez"),
    (5, "Liam O'Brien"),
    (6, "Mary-Jane Watson"),
    (7, "Alicia Keys"),
    (8, "Bobby Tables"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Alice Chen", 1),
        ("alice chen", 1),
        ("  ALICE   CHEN ", 1),
        ("alice", 1),  # prefix of the full name, and Alicia does not start with "alice"
        ("chen", 1),  # any word of the name
        ("ch", 1),
        ("al", 2),  # Al's first name is exactly "al"; the others only start with it
        ("bob", 3),  # likewise Bob over Bobby
        ("bobby", 8),
        ("jose", 4),  # accents do not matter
        ("JOSÉ", 4),
        ("nunez", 4),
        ("núñez", 4),
        ("o'brien", 5),
        ("obrien", 5),  # punctuation does not matter
        ("obr", 5),
        ("maryj", 6),
        ("brien", 5),
        ("mary jane", 6),
        ("mary-jane", 6),
        ("jane", 6),
        ("wat", 6),
        ("alicia", 7),
        ("alice ch", 1),
    ],
)
def test_choose_finds_one(query: str, expected: int) -> None:
    person_id, name = choose(query, PEOPLE)
    assert person_id == expected
    assert name == dict(PEOPLE)[expected]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("ali", ["Alice Chen", "Alicia Keys"]),
        ("alic", ["Alice Chen", "Alicia Keys"]),
        ("b", ["Bob Smith", "Bobby Tables", "Liam O'Brien"]),  # "brien" is a word too
        ("a", ["Al Gore", "Alice Chen", "Alicia Keys"]),
    ],
)
def test_choose_ambiguous_prefix(query: str, names: list[str]) -> None:
    with pytest.raises(AmbiguousPerson) as err:
        choose(query, PEOPLE)
    assert err.value.candidates == names
    assert err.value.query == query


def test_choose_same_name_twice_is_ambiguous() -> None:
    people = [(1, "Sam Lee"), (2, "sam lee"), (3, "Sam Leeds")]
    with pytest.raises(AmbiguousPerson) as err:
        choose("Sam Lee", people)
    assert sorted(err.value.candidates) == ["Sam Lee", "sam lee"]


def test_choose_exact_name_beats_longer_names() -> None:
    people = [(1, "Sam Lee"), (2, "Sam Leeds"), (3, "Sam Lee-Smith")]
    assert choose("sam lee", people) == (1, "Sam Lee")


def test_choose_first_name_wins_only_when_no_one_else_has_that_word() -> None:
    # "chen" is Chen Li's first name but also a whole word of Alice Chen's name.
    people = [(1, "Chen Li"), (2, "Alice Chen"), (3, "Chenoa Smith")]
    with pytest.raises(AmbiguousPerson) as err:
        choose("chen", people)
    assert err.value.candidates == ["Alice Chen", "Chen Li", "Chenoa Smith"]
    # Without Alice, Chen Li's first name beats Chenoa's prefix.
    assert choose("chen", [people[0], people[2]]) == (1, "Chen Li")


def test_choose_two_people_with_the_same_first_name_is_ambiguous() -> None:
    people = [(1, "Al Gore"), (2, "Al Green"), (3, "Alan Turing")]
    with pytest.raises(AmbiguousPerson) as err:
        choose("al", people)
    assert err.value.candidates == ["Al Gore", "Al Green", "Alan Turing"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alcie chen", 1),  # transposed letters
        ("alice chenn", 1),
        ("smyth", None),  # 0.8 against "smith": suggested, not taken
        ("watsonn", 6),
        ("jose nunes", 4),
    ],
)
def test_choose_fuzzy(query: str, expected: int | None) -> None:
    if expected is None:
        with pytest.raises(UnknownPerson) as err:
            choose(query, PEOPLE)
        assert err.value.suggestions == ["Bob Smith"]
    else:
        assert choose(query, PEOPLE)[0] == expected


def test_choose_fuzzy_margin() -> None:
    # Dan scores 0.857 and Dana 0.75: a clear enough winner.
    assert choose("dain", [(1, "Dan"), (2, "Dana")]) == (1, "Dan")
    # 0.9 against 0.8 is a margin of exactly 0.1 (0.0999... in floats): still enough.
    assert choose("abcdefghij", [(1, "abcdefghiX"), (2, "abcdefghXY")]) == (1, "abcdefghiX")
    # 0.9 against 0.86: both look right, so neither is taken.
    with pytest.raises(UnknownPerson) as err:
        choose("abcdefghij", [(1, "abcdefghiX"), (2, "abcdefghiYZ")])
    assert err.value.suggestions == ["abcdefghiX", "abcdefghiYZ"]


def test_choose_fuzzy_needs_a_clear_winner() -> None:
    # "jon smith" is equally close to both: suggest them instead of guessing.
    people = [(1, "John Smith"), (2, "Joan Smith")]
    with pytest.raises(UnknownPerson) as err:
        choose("jon smith", people)
    assert err.value.suggestions == ["Joan Smith", "John Smith"]


def test_choose_unknown_without_suggestions() -> None:
    with pytest.raises(UnknownPerson) as err:
        choose("zebediah", PEOPLE)
    assert err.value.suggestions == []
    assert err.value.query == "zebediah"
    assert 'network add "zebediah"' in (err.value.hint or "")


def test_choose_suggests_at_most_three_best_first() -> None:
    names = ["Dane", "Dina", "Zed", "Danae", "Dana"]
    with pytest.raises(UnknownPerson) as err:
        choose("dain", list(enumerate(names)))
    # Dana, Dane and Dina score 0.75 and Danae 0.67: four qualify, three are shown.
    assert err.value.suggestions == ["Dana", "Dane", "Dina"]


def test_choose_with_no_candidates() -> None:
    with pytest.raises(UnknownPerson):
        choose("alice", [])


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_choose_empty_query(query: str) -> None:
    with pytest.raises(BadInput, match="cannot be empty") as err:
        choose(query, PEOPLE)
    assert err.value.hint


def test_fuzzy_candidates() -> None:
    names = ["Alice Chen", "Alicia Keys", "Bob Smith"]
    assert fuzzy_candidates("alise chen", names) == ["Alice Chen"]
    assert fuzzy_candidates("bob smyth", names) == ["Bob Smith"]
    assert fuzzy_candidates("zzz", names) == []
    assert fuzzy_candidates("dain", ["Danae"]) == ["Danae"]  # 0.67 is enough to suggest
    assert fuzzy_candidates("dena", ["Dan"]) == []  # 0.57 is not
    assert fuzzy_candidates("dann", ["Dana", "Dane", "Dan", "Dina"], n=2) == ["Dan", "Dana"]
    assert fuzzy_candidates("Dan", ["Dan", "dan"], n=3) == ["Dan", "dan"]


_names = st.text(
    alphabet=st.characters(categories=["L", "Nd", "Zs", "Pd", "Po"]), min_size=1, max_size=20
)


@given(st.lists(_names, min_size=1, max_size=8), st.data())
def test_choose_exact_name_always_returns_it(names: list[str], data: st.DataObject) -> None:
    folded = [fold(n) for n in names]
    assume(all(folded) and len(set(folded)) == len(folded))
    people = list(enumerate(names))
    pick = data.draw(st.integers(0, len(names) - 1))
    assert choose(names[pick], people) == (pick, names[pick])


@given(st.text(max_size=30), st.lists(_names, max_size=6))
def test_choose_raises_only_network_errors(query: str, names: list[str]) -> None:
    people = list(enumerate(names))
    try:
        person_id, name = choose(query, people)
    except (AmbiguousPerson, UnknownPerson, BadInput):
        return
    assert (person_id, name) in people
