"""Direction is never guessed wrong: an ask is never booked as a deposit, nor the reverse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from network.domain import kinds


@pytest.mark.parametrize(
    "summary",
    [
        "asked for an intro to Sam",
        "ask for a referral at Stripe",
        "Asked her about the role",
        "asking for feedback, on my resume",
        "requested a reference",
    ],
)
def test_summaries_that_say_you_asked_read_as_asks(summary: str) -> None:
    assert kinds.reads_as_ask(summary)


@pytest.mark.parametrize(
    "summary",
    [
        "coffee chat, she's hiring",
        "she asked me for advice, talked it through",
        "they asked us to speak at the meetup",
        "intro to Sam at Stripe",
        "basketball",  # "ask" inside a word is not the word
    ],
)
def test_other_summaries_do_not(summary: str) -> None:
    assert not kinds.reads_as_ask(summary)


def test_one_way_kinds_refuse_the_other_way() -> None:
    assert kinds.wrong_direction("deposit", "ask")
    assert kinds.wrong_direction("withdrawal", "thanks")
    assert kinds.wrong_direction("withdrawal", "congrats")
    for kind in kinds.KINDS:
        assert kinds.wrong_direction("deposit", kind) is None or kind in kinds.WITHDRAWAL_ONLY
        assert kinds.wrong_direction("withdrawal", kind) is None or kind in kinds.DEPOSIT_ONLY
    # what a summary implies never goes the wrong way
    assert kinds.default_kind("deposit", "ask for an intro") not in kinds.WITHDRAWAL_ONLY


def entries(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT flow, kind, points FROM entry").fetchall()
    finally:
        conn.close()


@pytest.fixture
def alice(cli, isolated_db: Path) -> Path:
    assert cli("add", "Alice Chen").exit_code == 0
    return isolated_db


def test_log_refuses_a_summary_that_says_you_asked(cli, alice: Path) -> None:
    result = cli("log", "alice", "asked for an intro to Sam")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: "asked for an intro to Sam" reads as an ask, and this records a deposit — '
        "if you asked them, add --ask (or use network ask); if they asked you, say what you "
        "gave with --kind (for example --kind help)\n"
    )
    assert entries(alice) == []


def test_with_ask_it_is_a_withdrawal_and_with_a_kind_a_deposit(cli, alice: Path) -> None:
    assert cli("log", "alice", "asked for an intro to Sam", "--ask").exit_code == 0
    assert cli("log", "alice", "she asked for advice, I helped", "--kind", "help").exit_code == 0
    assert cli("log", "alice", "she asked me for advice").exit_code == 0
    assert cli("give", "alice", "asked around for a job for her", "--kind", "help").exit_code == 0
    assert entries(alice) == [
        ("withdrawal", "intro", 5),
        ("deposit", "help", 3),
        ("deposit", "note", 1),
        ("deposit", "help", 3),
    ]


def test_give_refuses_a_summary_that_says_you_asked(cli, alice: Path) -> None:
    result = cli("give", "alice", "ask for a referral")
    assert result.exit_code == 1
    assert "reads as an ask" in result.stderr
    assert entries(alice) == []


@pytest.mark.parametrize(
    "args,message",
    [
        (["give", "alice", "the intro", "--kind", "ask"], '"ask" is something you ask for'),
        (["log", "alice", "x", "--kind", "ask"], '"ask" is something you ask for'),
        (["ask", "alice", "a favour", "--kind", "thanks"], '"thanks" is something you give'),
        (["log", "alice", "x", "--ask", "--kind", "congrats"], '"congrats" is something you give'),
    ],
)
def test_one_way_kinds_are_refused_the_other_way(cli, alice: Path, args, message) -> None:
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}")
    assert entries(alice) == []


def test_help_received_and_thanks_still_go_their_way(cli, alice: Path) -> None:
    assert cli("log", "alice", "sent me a job lead", "--received").exit_code == 0
    assert cli("thank", "alice", "thanks for the lead").exit_code == 0
    assert cli("ask", "alice", "advice on the offer").exit_code == 0
    assert entries(alice) == [
        ("withdrawal", "help", 3),
        ("deposit", "thanks", 1),
        ("withdrawal", "advice", 2),
    ]
