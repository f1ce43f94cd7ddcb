"""`who-knows`: people who know a topic, ranked by fit and by whether it is fair to ask now.

The pipeline: the full-text match finds who knows the topic; their relationship facts
are read; for anyone you barely know, the best-placed person you know well who knows
them is attached as a bridge; the rules in domain/ranking.py score and order them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from network.app.results import Result, doc, view_only
from network.common.errors import BadInput
from network.common.text import topic_key
from network.domain import ranking
from network.store import connection as db
from network.store.reads import obligations as obligation_queries
from network.store.reads import people as queries


@dataclass
class Bridge(Result):
    """Someone you know well who knows a person you barely know."""

    id: int = doc("their id")
    name: str = doc("their name")
    tie: str = doc("close, casual or roster")
    balance: int = doc("your balance with them")


@dataclass
class Helper(Result):
    """One person who knows the topic, with why they rank where they do."""

    id: int = doc("the person's id")
    name: str = doc("the person's name")
    score: float = doc("fit for the topic and relationship health; higher first")
    tie: str = doc("close, casual or roster")
    balance: int = doc("deposits minus withdrawals, in points")
    last_contact: date | None = doc("the day of the last contact, or null")
    matched: list[str] = doc(
        'the strengths that matched (detail in parentheses), or "profile or notes mention it"'
    )
    asks_recent: int = doc("withdrawals in the last 90 days")
    fair_to_ask: str = doc('"yes", "give first", "ask someone else" or "ask NAME for an intro"')
    prefers: str | None = doc("how they like to be reached, or null")
    reasons: list[str] = doc("the words shown in the table")
    via: Bridge | None = doc("for someone you barely know: who can introduce you, else null")


@dataclass
class WhoKnows(Result):
    """People who know a topic, best first (`network who-knows TOPIC`)."""

    topic: str = doc("the topic as typed")
    you: list[str] = doc("your own strengths that match")
    items: list[Helper] = doc("the people who know it, best first")
    more: int = view_only()  # matches beyond the limit


def who_knows(db_path: Path, topic: str, today: date, limit: int | None = None) -> WhoKnows:
    """Everyone who knows `topic`, ranked (the best `limit` of them if given)."""
    key = topic_key(topic)
    if not key:
        raise BadInput("the topic is empty", "give a word, like: network who-knows cars")
    with db.reading(db_path) as reader:
        found = queries.topic_candidates(reader, topic)
        ranked = _best(reader, found, today, limit)
        mine = [
            s["topic"]
            for s in queries.strengths(reader, None).get(None, [])
            if key in topic_key(s["topic"])
        ]
    more = max(0, len(found) - limit) if limit else 0
    if limit:
        ranked = ranked[:limit]
    return WhoKnows(topic=topic, you=mine, items=[_helper(c) for c in ranked], more=more)


# Candidates settled before checking whether the best `limit` are known: one chunk of the
# bridge lookup (obligations.acquaintances). With fewer ids, 10 or 100, SQLite without
# statistics can choose to walk every unarchived person for it (~130 ms at 1,000,000).
FIRST_ROUND = 500


def _best(
    reader: db.Reader, found: list[ranking.Candidate], today: date, limit: int | None
) -> list[ranking.Candidate]:
    """The candidates ranked, best first: all of them, or enough to be sure of the best `limit`.

    The stored columns give each candidate a ceiling (their score with no recent asks and,
    if barely known, an introduction). The costly facts, asks counted in the ledger and
    who could introduce you, are read best ceiling first, in growing rounds, until no
    one left could reach the last of the best `limit`: at a million people the most-known
    topic has thousands of matches, of whom a terminal shows ten.
    """
    if not limit:
        _settle(reader, found, today)
        return ranking.rank(found, today)
    position = {id(c): n for n, c in enumerate(found)}
    ceilings = {id(c): ranking.ceiling(c, today) for c in found}
    waiting = sorted(found, key=lambda c: -ceilings[id(c)])
    settled: list[ranking.Candidate] = []
    size, start = max(FIRST_ROUND, 2 * limit), 0
    while True:
        batch = waiting[start : start + size]
        start += size
        size *= 2
        _settle(reader, batch, today)
        # ranked in the order they were found, so equal scores and names keep the order
        # ranking everyone would give them
        settled = sorted([*settled, *batch], key=lambda c: position[id(c)])
        ranked = ranking.rank(settled, today)
        following = ceilings[id(waiting[start])] if start < len(waiting) else None
        if ranking.settled_best(ranked, limit, following):
            return ranked


def _settle(reader: db.Reader, found: list[ranking.Candidate], today: date) -> None:
    """Read the facts the stored columns lack: recent asks, and for anyone you barely know,
    the best-placed person you know well who knows them."""
    asks = queries.recent_asks(reader, [c.id for c in found], today)
    for c in found:
        c.asks_recent = asks.get(c.id, 0)
    barely = [c.id for c in found if ranking.barely_known(c.tie, c.balance)]
    known = obligation_queries.acquaintances(reader, barely) if barely else {}
    ranking.attach_bridges(found, known)


def _helper(c: ranking.Candidate) -> Helper:
    return Helper(
        id=c.id,
        name=c.name,
        score=c.score,
        tie=c.tie,
        balance=c.balance,
        last_contact=c.last_contact,
        matched=c.matched,
        asks_recent=c.asks_recent,
        fair_to_ask=c.fair,
        prefers=c.prefers,
        reasons=c.reasons,
        via=None if c.via is None else Bridge(**c.via),
    )
