"""`network team …`: one PostgreSQL network shared by a team, each member's ledger private.

init and remove run as the role that owns the network's tables; who-knows runs as any
member: the asker's own ranking (fairness from their own ledger only) and, from the team
directory, the people other members know, with whom to ask for the introduction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from network.app.results import Result, doc
from network.app.who_knows import WhoKnows
from network.common.errors import BadInput
from network.common.paths import ServerDatabase


@dataclass
class TeamReady(Result):
    """What `network team init` set up."""

    database: str = doc("the database, its password masked")
    members: list[str] = doc("the member roles granted access")


@dataclass
class MemberRemoved(Result):
    """What `network team remove ROLE` took away."""

    member: str = doc("the member's role")
    removed: dict[str, int] = doc("rows removed per table")


@dataclass
class Unlisted(Result):
    """What `network team private PERSON` changed."""

    name: str = doc("the person's name")
    private: bool = doc("true: kept out of the team directory; false: published again")


@dataclass
class Knower(Result):
    """A member who knows someone, and how well."""

    member: str = doc("the member's database role")
    tie: str = doc("their tie to the person: close, casual or roster")


@dataclass
class TeamContact(Result):
    """Someone other members know who knows the topic."""

    name: str = doc("the person's name")
    company: str | None = doc("their company, or null")
    matched: list[str] = doc('the strengths that matched, or "company or title"')
    known_to: list[Knower] = doc("the members who know them, closest tie first")
    ask: str = doc("the member to ask for an introduction")


@dataclass
class TeamWhoKnows(Result):
    """Who knows a topic across the team (`network team who-knows TOPIC`)."""

    topic: str = doc("the topic as typed")
    mine: WhoKnows = doc("your own people, ranked with your own ledger's fairness")
    team: list[TeamContact] = doc("people other members know, best fit first")


def _server(db_path: Any) -> ServerDatabase:
    if not isinstance(db_path, ServerDatabase):
        raise BadInput(
            "a team works on a PostgreSQL database, not a SQLite file",
            "point --db or NETWORK_DB at postgresql://ROLE@HOST/DBNAME (see docs/team.md)",
        )
    return db_path


def init(db_path: Path | ServerDatabase, members: list[str]) -> TeamReady:
    """Set the network up for a team (idempotent) and grant each member role access."""
    from network.store import connection as db
    from network.store import team

    where = _server(db_path)
    with db.write_session(where) as session:
        granted = team.init(session, members)
    return TeamReady(database=str(where), members=granted)


def remove(db_path: Path | ServerDatabase, role: str) -> MemberRemoved:
    """Remove a member's rows (and so their directory entries) and their access."""
    from network.store import connection as db
    from network.store import team

    where = _server(db_path)
    with db.write_session(where) as session:
        removed = team.remove(session, role)
    return MemberRemoved(member=role, removed=removed)


def private(db_path: Path | ServerDatabase, person: str, *, undo: bool = False) -> Unlisted:
    """Keep one of your people out of the team directory (`undo`: publish them again)."""
    from network.store import connection as db
    from network.store import team
    from network.store.reads import people as queries

    where = _server(db_path)
    with db.write_session(where) as session:
        person_id, name = queries.find_person(db.SessionReader(session), person)
        team.set_unlisted(session, person_id, not undo)
    return Unlisted(name=name, private=not undo)


def who_knows(db_path: Path | ServerDatabase, topic: str, today: date) -> TeamWhoKnows:
    """Your own ranking for `topic`, then the team directory's people who know it."""
    from network.app import who_knows as own
    from network.common.text import topic_key
    from network.domain import team as rules
    from network.store import connection as db
    from network.store import team

    where = _server(db_path)
    mine = own.who_knows(where, topic, today)
    key = topic_key(topic)
    with db.reading(where) as reader:
        rows = team.directory_matches(reader, key)
    found = rules.gather(key, rows)
    return TeamWhoKnows(
        topic=topic,
        mine=mine,
        team=[
            TeamContact(
                name=c.name,
                company=c.company,
                matched=c.matched,
                known_to=[Knower(member=m, tie=t) for m, t in c.known_to],
                ask=c.ask,
            )
            for c in found
        ],
    )
