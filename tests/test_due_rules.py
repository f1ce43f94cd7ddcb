"""The pure rules of the morning list (domain.agenda): reasons, ranking, budget, next steps."""

from __future__ import annotations

import shlex
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from network.domain import agenda as rules

TODAY = date(2026, 11, 22)


def row(pid, name, *reasons):
    r = rules.Row(pid, name)
    for reason in reasons:
        r.add(reason)
    return r


def overdue(days_since, every):
    from datetime import timedelta

    anchor = TODAY - timedelta(days=days_since)
    return rules.overdue_reason(anchor + timedelta(days=every), anchor, every, TODAY)


def test_overdue_says_why_it_ranks_where_it_does():
    assert overdue(55, 30).text == "25 days past a 30-day rhythm (1.8×)"
    assert overdue(30, 30).text == "due today (30-day rhythm)"
    assert overdue(91, 90).text == "1 day past a 90-day rhythm (1.0×)"
    # further past the rhythm ranks first, whatever the days
    assert overdue(190, 90).rank < overdue(55, 30).rank < overdue(100, 90).rank


def test_promise_reasons_and_what_cannot_wait():
    late = rules.promise_reason(1, "send the deck", date(2026, 11, 19), TODAY)
    today = rules.promise_reason(2, "x", TODAY, TODAY)
    soon = rules.promise_reason(3, "x", date(2026, 11, 26), TODAY)
    assert late.text == "promise overdue 3 days: send the deck" and late.cannot_wait
    assert today.text == "promise due today: x" and today.cannot_wait
    assert soon.text == "promise due in 4 days: x" and not soon.cannot_wait
    assert rules.promise_reason(4, "x", date(2026, 12, 30), TODAY) is None
    assert rules.birthday_reason("birthday tomorrow", date(2026, 11, 23), TODAY).cannot_wait
    assert not rules.birthday_reason("birthday Friday", date(2026, 11, 27), TODAY).cannot_wait


def test_a_row_keeps_its_most_urgent_reason_first():
    r = row(
        1,
        "Dan",
        overdue(55, 30),
        rules.thanks_reason(5, "advice on taxes", TODAY),
        rules.promise_reason(1, "deck", date(2026, 11, 19), TODAY),
    )
    assert [x.kind for x in r.reasons] == ["promise_overdue", "thanks", "overdue"]
    assert r.reasons[1].text == "thank-you for the advice on taxes"


def test_the_budget_counts_people_and_never_hides_what_cannot_wait():
    urgent = row(1, "Urgent", rules.promise_reason(1, "x", date(2026, 11, 1), TODAY))
    owed = row(2, "Owed", rules.thanks_reason(2, "help", TODAY))
    contacts = [row(10 + n, f"C{n}", overdue(40 + n, 30)) for n in range(5)]
    everyone = [*contacts, owed, urgent]
    plan = rules.plan(everyone, 3, 0, set())
    assert [r.name for r in plan.shown] == ["Urgent", "Owed", "C4"]
    plan = rules.plan(everyone, 3, 2, set())  # two people logged today
    assert [r.name for r in plan.shown] == ["Urgent"] and len(plan.waiting) == 6
    plan = rules.plan(everyone, 0, 0, set())
    assert [r.name for r in plan.shown] == ["Urgent", "Owed"]
    assert len(rules.plan(everyone, None, 1, {1}).shown) == 7


@given(
    st.lists(st.tuples(st.integers(31, 400), st.sampled_from([10, 30, 90])), max_size=30),
    st.integers(0, 10),
    st.sets(st.integers(0, 40), max_size=8),
)
def test_the_budget_is_never_exceeded_by_what_can_wait(contacts, budget, done):
    rows = [row(n, f"P{n}", overdue(days, every)) for n, (days, every) in enumerate(contacts)]
    plan = rules.plan(rows, budget, len(done), done)
    new = [r for r in plan.shown if r.person_id not in done]
    assert len(new) <= max(0, budget - len(done))
    assert len(plan.shown) + len(plan.waiting) == len(rows)
    keys = [r.key() for r in plan.shown]
    assert keys == sorted(keys)


def test_commands_are_one_shell_word_per_argument():
    for name in ('Anne "Annie" O\'Neil', "José Díaz", "$HOME", "Bob"):
        word = rules.shell_word(name)
        assert shlex.split(f"network thank {word}") == ["network", "thank", name]
    assert rules.handle("Nadia Petrova", 7, 7) == "nadia"
    assert rules.handle("Sam Okafor", 7, None) == '"Sam Okafor"'
    assert rules.handle("-dash", 3, 3) == "p3"


def test_next_steps_record_what_the_row_asks_for():
    def step(reason, **kw):
        args = {"topics": [], "tie": "casual", "balance": 0, "today": TODAY, **kw}
        return rules.next_step(reason, "dan", **args)

    assert step(rules.promise_reason(46, "x", TODAY, TODAY))[0] == "network done o46"
    assert step(rules.thanks_reason(2, "x", TODAY))[0] == "network thank dan"
    birthday = rules.birthday_reason("birthday today", TODAY, TODAY)
    assert step(birthday)[0] == 'network log dan "birthday congrats"'
    assert step(overdue(40, 30), topics=["taxes"]) == (
        'network log dan "article on taxes"',
        "share something about taxes",
    )
    assert step(overdue(40, 30), balance=-3)[1] == "offer help before you ask again"
    assert step(overdue(40, 30), tie="close")[0] == 'network log dan "coffee"'
