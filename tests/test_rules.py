"""The pure rules: balance and points, keep-in-touch cadence, and who-knows ranking.

No database here: examples pin the documented behaviour, properties pin the invariants
(raising a balance or a tie never lowers a who-knows score, more asks never raise it).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network.domain import cadence, kinds, ranking
from network.domain.ranking import Candidate

TODAY = date(2026, 11, 22)  # a Sunday

flows = st.sampled_from(["deposit", "withdrawal"])
points = st.integers(min_value=0, max_value=kinds.MAX_POINTS)
ledgers = st.lists(st.tuples(flows, points), max_size=30)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
cadences = st.integers(min_value=1, max_value=3650)
ties = st.sampled_from(["close", "casual", "roster"])
TIE_ORDER = ["roster", "casual", "close"]

# --- kinds: points and balance --------------------------------------------------------------------


def test_balance_is_deposits_minus_withdrawals():
    assert kinds.balance([]) == 0
    assert kinds.balance([("deposit", 5), ("withdrawal", 2), ("deposit", 1)]) == 4
    assert kinds.balance([("withdrawal", 3)]) == -3


@given(ledgers)
def test_balance_equals_the_two_sums(entries):
    deposits = sum(p for f, p in entries if f == "deposit")
    withdrawals = sum(p for f, p in entries if f == "withdrawal")
    assert kinds.balance(entries) == deposits - withdrawals


@given(ledgers, ledgers)
def test_balance_adds_up_over_parts_and_ignores_order(a, b):
    assert kinds.balance(a + b) == kinds.balance(a) + kinds.balance(b)
    assert kinds.balance(a + b) == kinds.balance(list(reversed(b + a)))


@given(ledgers, points)
def test_a_deposit_never_lowers_and_a_withdrawal_never_raises_the_balance(entries, p):
    before = kinds.balance(entries)
    assert kinds.balance([*entries, ("deposit", p)]) >= before
    assert kinds.balance([*entries, ("withdrawal", p)]) <= before


def test_intro_and_referral_weigh_more_than_an_article():
    assert kinds.default_points("intro") > kinds.default_points("article")
    assert kinds.default_points("referral") > kinds.default_points("article")
    assert (
        kinds.default_points("intro")
        > kinds.default_points("coffee")
        > kinds.default_points("email")
    )


@given(st.text(max_size=20))
def test_default_points_are_within_bounds_and_unknown_kinds_weigh_like_a_note(kind):
    p = kinds.default_points(kind)
    assert 1 <= p <= kinds.MAX_POINTS
    if kind not in kinds.DEFAULT_POINTS:
        assert p == kinds.default_points("note")


@pytest.mark.parametrize(
    ("flow", "summary", "kind"),
    [
        ("deposit", "coffee chat, she's hiring", "coffee"),
        ("deposit", "Introduced her to Sam", "intro"),
        ("deposit", "referred him for the role", "referral"),
        ("deposit", "sent a link about EVs", "article"),
        ("deposit", "gave advice on his resume", "note"),  # advice you give is not an ask
        ("deposit", "caught up", "note"),
        ("withdrawal", "asked for advice", "advice"),
        ("withdrawal", "needs a favour", "ask"),
    ],
)
def test_default_kind_from_the_summary(flow, summary, kind):
    assert kinds.default_kind(flow, summary) == kind


# --- cadence --------------------------------------------------------------------------------------


def test_effective_cadence_own_else_by_tie():
    assert cadence.effective_cadence("close", None) == 30
    assert cadence.effective_cadence("casual", None) == 90
    assert cadence.effective_cadence("roster", None) is None
    assert cadence.effective_cadence("roster", 10) == 10
    assert cadence.effective_cadence("close", 90) == 90
    assert cadence.effective_cadence("close", 0) == 30  # 0 means "cleared"


@given(ties, st.none() | cadences)
def test_effective_cadence_is_positive_or_none(tie, own):
    every = cadence.effective_cadence(tie, own)
    assert every is None or every >= 1
    if own:
        assert every == own


def test_group_entries_do_not_count_for_a_close_tie_only():
    assert cadence.counts_for_cadence("close", is_group=False)
    assert not cadence.counts_for_cadence("close", is_group=True)
    assert cadence.counts_for_cadence("casual", is_group=True)
    assert cadence.counts_for_cadence("roster", is_group=True)


def test_next_due_examples():
    assert cadence.next_due(date(2026, 10, 23), 30) == TODAY
    assert cadence.next_due(None, 30) is None
    assert cadence.next_due(TODAY, None) is None
    assert cadence.next_due(TODAY, 0) is None
    assert cadence.next_due(date(9999, 12, 1), 3650) == date.max  # no overflow crash


@given(days, cadences)
def test_next_due_is_the_anchor_plus_the_cadence(anchor, every):
    due = cadence.next_due(anchor, every)
    assert due == anchor + timedelta(days=every)
    assert cadence.overdue_ratio(anchor, every, due) == 1.0


@given(days, cadences, st.integers(0, 5000), st.integers(0, 5000))
def test_overdue_ratio_grows_with_time(anchor, every, a, b):
    early, late = sorted((a, b))
    r1 = cadence.overdue_ratio(anchor, every, anchor + timedelta(days=early))
    r2 = cadence.overdue_ratio(anchor, every, anchor + timedelta(days=late))
    assert r1 <= r2
    assert (r1 >= 1.0) == (early >= every)  # due exactly when days since reach the cadence


def test_overdue_ratio_is_relative_to_cadence():
    # 40 days on a 30-day cadence is more overdue than 110 days on a 90-day one
    close = cadence.overdue_ratio(date(2026, 10, 13), 30, TODAY)
    casual = cadence.overdue_ratio(date(2026, 8, 4), 90, TODAY)
    assert close > casual > 1.0


def test_due_reason_words():
    assert cadence.due_reason(TODAY, TODAY) == "due today"
    assert cadence.due_reason(TODAY - timedelta(days=1), TODAY) == "overdue 1 day"
    assert cadence.due_reason(TODAY - timedelta(days=12), TODAY) == "overdue 12 days"


@given(st.integers(1, 4000))
def test_due_reason_counts_the_days(late):
    assert cadence.due_reason(TODAY - timedelta(days=late), TODAY).startswith(f"overdue {late} day")


@pytest.mark.parametrize(
    ("month", "day", "today", "expected"),
    [
        (11, 22, TODAY, date(2026, 11, 22)),  # today
        (11, 27, TODAY, date(2026, 11, 27)),
        (11, 29, TODAY, date(2026, 11, 29)),  # 7 days: still in the window
        (11, 30, TODAY, None),  # 8 days
        (11, 21, TODAY, None),  # yesterday: next one is a year away
        (1, 2, date(2026, 12, 28), date(2027, 1, 2)),  # across the new year
        (2, 29, date(2027, 2, 25), date(2027, 2, 28)),  # leap-day birthday in a common year
        (2, 29, date(2028, 2, 25), date(2028, 2, 29)),
        (None, None, TODAY, None),
        (4, None, TODAY, None),
    ],
)
def test_birthday_soon(month, day, today, expected):
    assert cadence.birthday_soon(month, day, today) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 400))
def test_birthday_soon_is_within_the_window_or_none(today, offset):
    birthday = today + timedelta(days=offset)
    if birthday.month == 2 and birthday.day == 29:
        return
    on = cadence.birthday_soon(birthday.month, birthday.day, today)
    if offset <= cadence.BIRTHDAY_WINDOW_DAYS:
        assert on == birthday
    elif offset < 365 - 1:
        assert on is None
    if on is not None:
        assert 0 <= (on - today).days <= cadence.BIRTHDAY_WINDOW_DAYS


def test_birthday_reason_words():
    assert cadence.birthday_reason(TODAY, TODAY) == "birthday today"
    assert cadence.birthday_reason(date(2026, 11, 23), TODAY) == "birthday tomorrow"
    assert cadence.birthday_reason(date(2026, 11, 27), TODAY) == "birthday Friday"


def test_suggestion_examples():
    common = {"tie": "casual", "balance": 0, "today": TODAY}
    assert cadence.suggestion(topics=["cars"], birthday=True, **common) == "send birthday wishes"
    assert (
        cadence.suggestion(topics=["cars"], birthday=False, **common)
        == "share something about cars"
    )
    assert cadence.suggestion(topics=[], birthday=False, **common)  # always something to do
    overdrawn = cadence.suggestion(topics=[], tie="close", balance=-3, birthday=False, today=TODAY)
    fine = cadence.suggestion(topics=[], tie="close", balance=3, birthday=False, today=TODAY)
    assert overdrawn != fine


@given(
    st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=5, unique=True),
    days,
    ties,
    st.integers(-50, 50),
)
def test_suggestion_draws_on_their_topics_and_is_stable_within_a_day(topics, today, tie, balance):
    first = cadence.suggestion(topics=topics, tie=tie, balance=balance, birthday=False, today=today)
    assert first in {f"share something about {t}" for t in topics}
    assert first == cadence.suggestion(
        topics=topics, tie=tie, balance=balance, birthday=False, today=today
    )
    assert cadence.suggestion(
        topics=topics, tie=tie, balance=balance, birthday=True, today=today
    ) == ("send birthday wishes")


def test_suggestion_rotates_through_topics_day_by_day():
    topics = ["cars", "resumes", "sailing"]
    seen = {
        cadence.suggestion(
            topics=topics, tie="close", balance=0, birthday=False, today=TODAY + timedelta(days=n)
        )
        for n in range(3)
    }
    assert seen == {f"share something about {t}" for t in topics}


# --- ranking --------------------------------------------------------------------------------------


def candidate(**kw) -> Candidate:
    base = {
        "id": 1,
        "name": "Ann",
        "tie": "casual",
        "balance": 0,
        "last_contact": None,
        "match": 1.0,
        "matched": ["cars"],
    }
    return Candidate(**{**base, **kw})


candidates = st.builds(
    Candidate,
    id=st.integers(1, 10_000),
    name=st.text(min_size=1, max_size=8),
    tie=ties,
    balance=st.integers(-200, 200),
    last_contact=st.none() | st.dates(min_value=date(2000, 1, 1), max_value=TODAY),
    match=st.sampled_from([1.0, 0.8, 0.5, 0.4, 0.3]),
    matched=st.lists(st.text(min_size=1, max_size=8), max_size=2),
    asks_recent=st.integers(0, 10),
    prefers=st.none() | st.text(max_size=8),
)


def score(c: Candidate) -> float:
    return ranking.assess(dataclasses.replace(c), TODAY).score


@given(candidates, st.integers(0, 100))
def test_raising_the_balance_never_lowers_the_score(c, more):
    assert score(dataclasses.replace(c, balance=c.balance + more)) >= score(c)


@given(candidates, ties)
def test_a_stronger_tie_never_lowers_the_score(c, other):
    weaker, stronger = sorted((c.tie, other), key=TIE_ORDER.index)
    assert score(dataclasses.replace(c, tie=stronger)) >= score(dataclasses.replace(c, tie=weaker))


@given(candidates, st.integers(0, 10))
def test_more_recent_asks_never_raise_the_score(c, more):
    assert score(dataclasses.replace(c, asks_recent=c.asks_recent + more)) <= score(c)


@given(candidates, st.integers(0, 5000))
def test_more_recent_contact_never_lowers_the_score(c, earlier_by):
    if c.last_contact is None:
        recent, older = dataclasses.replace(c, last_contact=TODAY), c  # never in touch is worst
    else:
        recent = c
        older = dataclasses.replace(c, last_contact=c.last_contact - timedelta(days=earlier_by))
    assert score(recent) >= score(older)


@given(candidates, st.sampled_from([1.0, 0.8, 0.5, 0.4, 0.3]))
def test_a_better_match_never_lowers_the_score(c, other):
    low, high = sorted((c.match, other))
    assert score(dataclasses.replace(c, match=high)) >= score(dataclasses.replace(c, match=low))


@given(candidates)
def test_a_strength_beats_a_mention_in_profile_or_notes_in_the_same_relationship(c):
    strength = dataclasses.replace(c, name="Zed", match=1.0)  # alphabetically last, still first
    phrase = dataclasses.replace(c, name="Bob", match=0.8)
    notes = dataclasses.replace(c, name="Ann", match=0.4, matched=[])
    assert [x.name for x in ranking.rank([notes, phrase, strength], TODAY)] == ["Zed", "Bob", "Ann"]


def test_assess_explains_itself():
    c = ranking.assess(
        candidate(balance=-2, last_contact=TODAY - timedelta(days=3), asks_recent=2), TODAY
    )
    joined = " | ".join(c.reasons)
    assert "cars" in joined and "casual" in joined and "-2" in joined and "2×" in joined
    assert c.fair == "give first"
    assert ranking.assess(candidate(balance=3), TODAY).fair == "yes"
    assert ranking.assess(candidate(balance=3, asks_recent=2), TODAY).fair == "ask someone else"


@given(candidates)
def test_overdrawn_or_even_is_never_fair_to_ask_outright(c):
    fair = ranking.assess(dataclasses.replace(c), TODAY).fair
    if c.balance <= 0:
        assert fair != "yes"


@given(st.lists(candidates, max_size=8), st.randoms())
def test_rank_is_sorted_complete_and_independent_of_input_order(cs, rnd):
    ranked = ranking.rank([dataclasses.replace(c) for c in cs], TODAY)
    assert sorted(c.id for c in ranked) == sorted(c.id for c in cs)
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)
    shuffled = [dataclasses.replace(c) for c in cs]
    rnd.shuffle(shuffled)
    again = ranking.rank(shuffled, TODAY)
    key = [(c.score, c.name.casefold()) for c in ranked]
    assert key == [(c.score, c.name.casefold()) for c in again]


def test_rank_breaks_ties_by_name():
    cs = [candidate(id=n, name=name) for n, name in enumerate(["carol", "Bob", "alice"])]
    assert [c.name for c in ranking.rank(cs, TODAY)] == ["alice", "Bob", "carol"]


@settings(max_examples=50)
@given(candidates)
def test_assess_is_repeatable(c):
    a = ranking.assess(dataclasses.replace(c), TODAY)
    b = ranking.assess(ranking.assess(dataclasses.replace(c), TODAY), TODAY)
    assert (a.score, a.reasons, a.fair) == (b.score, b.reasons, b.fair)
