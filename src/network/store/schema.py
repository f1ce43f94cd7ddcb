"""The domain tables. This module is the one source of truth for the schema.

Fresh databases are created from this metadata; `migrations.py` moves older files
forward to the same shape, and a test checks that both roads end at the same schema.
Read-side queries (`queries.py`) use plain SQL over these tables and columns.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Table,
    Time,
    UniqueConstraint,
    text,
)
from sqlmodel import AutoString, Field, SQLModel

TIES = ("close", "casual", "roster")
FLOWS = ("deposit", "withdrawal")


class Meta(SQLModel, table=True):
    """Key/value facts about the file itself, such as the schema version."""

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


# what ranks a person on a rhythm (how late, by their cadence) and whether they are snoozed
_RHYTHM = (
    "last_contact",
    "created_on",
    "tie",
    "cadence_days",
    "snoozed_until",
    "snoozed_on",
    "name_key",
)


def _covering(name: str, *columns: str) -> Index:
    """An index of the rows whose first column is set (partial, the same on both engines),
    holding every column the queries of those rows read."""
    where = text(f"{columns[0]} IS NOT NULL")
    return Index(name, *columns, sqlite_where=where, postgresql_where=where)


class Person(SQLModel, table=True):
    """Someone in your network."""

    __table_args__ = (
        # `due` and its capacity check read the people on a rhythm (next_due is set for
        # them only) from these index entries alone: every column they filter and sort by
        # is here, so at a million people no table row is read but the few listed
        _covering("ix_person_due", "next_due", "archived", *_RHYTHM, "first_due"),
        # someone new whose first contact an import spread over the coming days
        _covering("ix_person_first_due", "first_due", "archived", "next_due", *_RHYTHM),
        # who has an ask waiting: people with an open ask, and what `due` checks of them
        _covering(
            "ix_person_open_ask",
            "open_ask_since",
            "open_ask_latest",
            "archived",
            "last_contact",
            "next_due",
        ),
        Index("ix_person_birthday", "birth_month", "birth_day"),
        # who introduced whom: who-knows and show look people up by their introducer
        Index("ix_person_via_id", "via_id"),
        # `due` counts who you were in touch with today against the daily budget
        Index("ix_person_last_contact", "last_contact"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    # folded name (lowercase, no accents) so lookups match "jose" to "José"
    name_key: str = Field(index=True, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=64)
    company: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    location: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=500)
    met: str | None = Field(default=None, max_length=500)
    prefers: str | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, max_length=5000)
    tie: str = Field(default="casual", max_length=10)
    cadence_days: int | None = Field(default=None)
    birth_year: int | None = Field(default=None)
    birth_month: int | None = Field(default=None)
    birth_day: int | None = Field(default=None)
    archived: bool = Field(default=False)
    created_on: date
    # Kept current in the same transaction as every write (see ledger.refresh),
    # so `due` and `people` never aggregate the whole ledger.
    last_contact: date | None = Field(default=None)
    next_due: date | None = Field(default=None)
    balance: int = Field(default=0)
    # folded company, title, location and notes: the weaker who-knows matches
    search_key: str = Field(default="", max_length=6000)
    # schema 2: what imports bring, and who introduced you
    nickname: str | None = Field(default=None, max_length=200)
    labels: str | None = Field(default=None, max_length=1000)
    connected_on: date | None = Field(default=None)
    uid: str | None = Field(default=None, max_length=200, index=True)
    via_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("person.id", ondelete="SET NULL"), nullable=True),
    )
    # `due`: an import's first contacts spread over the following days (used while there is
    # no contact yet), and a snooze (off `due` until the day; a contact after snoozed_on ends it)
    first_due: date | None = Field(default=None)
    snoozed_until: date | None = Field(default=None)
    snoozed_on: date | None = Field(default=None)
    # schema 9: the day of the person's oldest open ask, kept like next_due, so that `due`
    # finds whose ask waits through ix_person_open_ask instead of grouping every open ask
    open_ask_since: date | None = Field(default=None)
    # and of their newest: someone whose oldest ask has lapsed waits on a later one only
    # if this is recent, so the many who never had an answer and asked nothing since are
    # passed over in the index
    open_ask_latest: date | None = Field(default=None)


class Strength(SQLModel, table=True):
    """Something a person (or you, when person_id is empty) is good at."""

    __table_args__ = (UniqueConstraint("person_id", "topic_key"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("person.id", ondelete="CASCADE"), index=True),
    )
    topic: str = Field(max_length=100)
    topic_key: str = Field(index=True, max_length=100)
    detail: str | None = Field(default=None, max_length=500)


class Entry(SQLModel, table=True):
    """One line of the ledger: a deposit (you gave) or a withdrawal (you asked)."""

    __table_args__ = (
        # covers the per-person aggregates (last contact, balance, signals) without
        # touching the table rows, which carry the summaries
        Index("ix_entry_ledger", "person_id", "day", "flow", "points", "received", "is_group"),
        # the few open or declined asks among many entries
        Index("ix_entry_status", "status", "person_id", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(
        sa_column=Column(Integer, ForeignKey("person.id", ondelete="CASCADE"), nullable=False)
    )
    day: date
    at: time | None = Field(default=None)
    kind: str = Field(max_length=20)
    flow: str = Field(max_length=10)
    points: int
    summary: str = Field(max_length=1000)
    is_group: bool = Field(default=False)
    private: bool = Field(default=False)
    created_at: datetime
    # schema 2: an ask's outcome (open, granted, declined, partly); help received unasked
    status: str | None = Field(default=None, max_length=10)
    answered_on: date | None = Field(default=None)
    answer_note: str | None = Field(default=None, max_length=1000)
    # a server default lets the schema-2 migration add the column to existing rows
    received: bool = Field(default=False, sa_column_kwargs={"server_default": text("FALSE")})


OBLIGATION_KINDS = ("thanks", "promise", "followup", "loop")


class Obligation(SQLModel, table=True):
    """Something you owe someone: a thank-you, a promise, an intro follow-up, closing the loop."""

    __table_args__ = (Index("ix_obligation_open", "done_on", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    kind: str = Field(max_length=10)
    summary: str = Field(max_length=1000)
    created_on: date
    due_on: date | None = Field(default=None)
    done_on: date | None = Field(default=None)
    note: str | None = Field(default=None, max_length=1000)
    # the ask or introduction that created it, and the other person involved
    entry_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="SET NULL"), nullable=True),
    )
    other_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    # a thank-you owed for private help is as private as the entry it copies its words from
    private: bool = Field(default=False, sa_column_kwargs={"server_default": text("FALSE")})


class Link(SQLModel, table=True):
    """Two people who know each other (a_id < b_id), from an introduction or said so."""

    __table_args__ = (UniqueConstraint("a_id", "b_id"),)

    id: int | None = Field(default=None, primary_key=True)
    a_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    b_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    context: str | None = Field(default=None, max_length=500)
    created_on: date
    entry_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="SET NULL"), nullable=True),
    )


POINT_KINDS = ("email", "phone", "url")


# The tables below are plain SQLAlchemy tables on the same metadata, not SQLModel classes:
# nothing reads them as objects (their writes are bulk inserts and updates), and each
# SQLModel class costs ~5 ms of building at every write's start.

# One way to reach a person: an e-mail address, a phone number or a web address. Every one
# a person has is a row; the primary one of each kind is also in the person's own column
# (person.email, .phone, .url), which most reads use, and the write paths keep the two in
# step (store.writes.contact_points.sync).
contact_point = Table(
    "contact_point",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
    Column("kind", AutoString(8), nullable=False),
    Column("value", AutoString(500), nullable=False),
    # what points are compared by (domain.contacts.point_key): lower-cased e-mail, digits
    Column("value_key", AutoString(500), nullable=False),
    Column("label", AutoString(50)),
    Column("is_primary", Boolean, nullable=False, default=False, server_default=text("FALSE")),
    # a person has each address once; it also indexes a person's points
    UniqueConstraint("person_id", "kind", "value_key"),
    # who has this address? (imports, capture): one look-up per address
    Index("ix_contact_point_key", "kind", "value_key"),
)

# A mail message or calendar event capture has read (placed, queued or filtered), by its own
# key, so a second run, or a newer copy of the same mailbox, adds only what is new. Not
# unique: on a team server each member captures their own copy of a shared message.
capture_seen = Table(
    "capture_seen",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("source", AutoString(10), nullable=False),  # mail or calendar
    Column("ref", AutoString(1000), nullable=False),  # a Message-ID, or UID + recurrence id
    Column("day", Date, nullable=False),
    Index("ix_capture_seen_ref", "source", "ref"),
)

# An interaction capture could not place: the address matched no one, or several people.
# `inbox accept` turns the items of one address into entries.
capture_item = Table(
    "capture_item",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("address", AutoString(320), nullable=False),
    Column("name", AutoString(200)),  # the name the headers gave
    Column("source", AutoString(10), nullable=False),  # mail or calendar
    Column("direction", AutoString(10), nullable=False),  # out (you wrote), in, met
    Column("day", Date, nullable=False),
    Column("at", Time),
    Column("thread", AutoString(1000), nullable=False),  # the thread root or the event's key
    Column("summary", AutoString(1000), nullable=False),
    Column("is_group", Boolean, nullable=False, default=False),
    Column("ambiguous", Boolean, nullable=False, default=False),  # the address is several people's
    # messages each way: someone written with both ways twice is proposed as new
    Column("sent", Integer, nullable=False, default=0),
    Column("received", Integer, nullable=False, default=0),
    Index("ix_capture_item_address", "address", "day"),
)

# An address `inbox ignore` set aside: capture skips it from then on.
capture_ignored = Table(
    "capture_ignored",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("address", AutoString(320), nullable=False),
    Column("created_on", Date, nullable=False),
    Index("ix_capture_ignored_address", "address"),
)
