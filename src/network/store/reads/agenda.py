"""Read-side SQL behind `network due`: the facts the morning list is made of.

Each query is an indexed range (due people through ix_person_due, open asks through
ix_entry_status) or a lookup by the few ids already on the list; nothing aggregates
the whole ledger.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from network.common.text import fold
from network.domain.cadence import GROUP_EXEMPT_TIES, TIE_CADENCE
from network.store.connection import Reader
from network.store.reads.people import CADENCE_SQL, chunks, in_clause, like_escape, parse_dates

# what a row of the list needs to know about a person
_COLUMNS = (
    "id, name, tie, balance, last_contact, next_due, prefers, created_on, "
    "birth_month, birth_day, first_due, snoozed_until, snoozed_on, "
    f"{CADENCE_SQL} AS cadence"
)
_DATES = ("first_due", "snoozed_until", "snoozed_on")
# a snooze holds until its day unless there was contact on or after the day it was set
# (domain.cadence.snoozed says the same in Python)
_NOT_SNOOZED = (
    "(snoozed_until IS NULL OR snoozed_until <= :today "
    "OR last_contact >= snoozed_on OR snoozed_on IS NULL)"
)


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    parse_dates(row)
    for key in _DATES:
        if isinstance(row.get(key), str):
            row[key] = date.fromisoformat(row[key][:10])
    return row


def _params(today: date) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "close": TIE_CADENCE["close"],
        "casual": TIE_CADENCE["casual"],
    }


def people(db: Reader, ids: list[int], today: date) -> dict[int, dict]:
    """The list's columns for the given people, by id."""
    out: dict[int, dict] = {}
    for chunk in chunks(ids):
        clause, params = in_clause(chunk)
        for row in db.rows(
            f"SELECT {_COLUMNS} FROM person WHERE id IN ({clause})", {**params, **_params(today)}
        ):
            out[row["id"]] = _parse(row)
    return out


def due_contacts(db: Reader, today: date, limit: int | None) -> tuple[list[dict], int]:
    """People due today (not archived or snoozed), furthest past their rhythm first, and how
    many there are in all. Someone new whose first contact an import spread to a day on or
    before today counts as due.

    Both kinds are read from covering partial indexes (ix_person_due, ix_person_first_due),
    which hold every column the conditions and the order need: the count and the choice of
    the first `limit` read no table row, and only those chosen are read whole."""
    params = _params(today)
    ranked = "id, last_contact, created_on, tie, cadence_days, first_due, next_due, name_key"
    plain = db.dialect.unindexed
    # two index ranges that never hold the same person (an OR of the two would scan every
    # person, a UNION sort them to drop the doubles); `+`: the planner would rather range
    # over every person without a last contact, or every one not archived
    rhythm = f"archived = FALSE AND next_due <= :today AND {_NOT_SNOOZED}"
    first = (
        f"first_due <= :today AND {plain('last_contact')} IS NULL "
        f"AND {plain('archived')} = FALSE AND {_NOT_SNOOZED} "
        "AND (next_due IS NULL OR next_due > :today)"
    )
    due = (
        f"SELECT {ranked} FROM person WHERE {rhythm} "
        f"UNION ALL SELECT {ranked} FROM person WHERE {first}"
    )
    total = db.one(
        f"SELECT (SELECT count(*) FROM person WHERE {rhythm}) "
        f"+ (SELECT count(*) FROM person WHERE {first}) AS n",
        params,
    )["n"]
    order = (
        f"{db.dialect.days_between(':today', 'COALESCE(last_contact, created_on)')} * 1.0 "
        f"/ {CADENCE_SQL} DESC, COALESCE(first_due, next_due), name_key"
    )
    chosen = f"SELECT id FROM ({due}) AS due ORDER BY {order}"
    if limit is not None:
        chosen += " LIMIT :limit"
        params["limit"] = limit
    sql = f"SELECT {_COLUMNS} FROM person WHERE id IN ({chosen}) ORDER BY {order}"
    return [_parse(r) for r in db.rows(sql, params)], total


def snoozed(db: Reader, today: date) -> list[dict]:
    """Everyone snoozed today, soonest back first (`due --all` shows them)."""
    rows = db.rows(
        f"SELECT {_COLUMNS} FROM person WHERE archived = FALSE AND snoozed_until > :today "
        "AND NOT (last_contact >= snoozed_on) ORDER BY snoozed_until, name_key",
        _params(today),
    )
    return [_parse(r) for r in rows]


def _quiet(db: Reader) -> str:
    """Not archived, and not contacted since `before` (an ask waits only until you check in).
    `+archived`: the planner would rather range over archived = FALSE (every person)."""
    return (
        f"{db.dialect.unindexed('p.archived')} = FALSE "
        "AND (p.last_contact IS NULL OR p.last_contact < :before)"
    )


def _waiting_sql(db: Reader, among: str = "", *, below: str = ":before") -> str:
    """Per person not archived and not contacted since `before`, the day of their oldest
    open ask made from `since` to before `before` (people with none are left out).

    Driven by the stored oldest open ask (person.open_ask_since, through the covering
    ix_person_open_ask): it is the day itself unless that ask has lapsed (before `since`);
    only then are the person's asks probed. Grouping every open ask and reading each
    asker's row took 120 ms at a million people. `below`: only people whose oldest open ask
    is before this day (`:since`: the lapsed ones). Someone whose asks have all lapsed
    (the newest too) is passed over in the index, never probed."""
    return (
        "SELECT w.person_id, w.day, w.next_due FROM ("
        " SELECT p.id AS person_id, p.next_due, CASE WHEN p.open_ask_since >= :since"
        " THEN p.open_ask_since ELSE (SELECT min(e.day) FROM entry e WHERE e.status = 'open'"
        " AND e.person_id = p.id AND e.day >= :since AND e.day < :before) END AS day"
        f" FROM person p WHERE p.open_ask_since < {below} AND {_quiet(db)}"
        f" AND p.open_ask_latest >= :since{among}"
        ") AS w WHERE w.day IS NOT NULL"
    )


def waiting_asks(
    db: Reader, since: date, before: date, *, ids: list[int] | None = None, limit: int | None = None
) -> list[dict]:
    """Per person not contacted since `before`, the day of their oldest open ask made from
    `since` to before `before`, and their next due day, longest waiting first (of `ids`
    only, when given); the summaries come from ask_summaries."""
    params: dict[str, Any] = {"since": since.isoformat(), "before": before.isoformat()}
    out: list[dict] = []
    for chunk in [None] if ids is None else list(chunks(ids)):
        among = ""
        if chunk is not None:
            clause, values = in_clause(chunk)
            among = f" AND p.id IN ({clause})"
            params = {**params, **values}
        sql = _waiting_sql(db, among) + " ORDER BY w.day, w.person_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out += [parse_dates(r) for r in db.rows(sql, params)]
    return out


def waiting_asks_counted(
    db: Reader, since: date, before: date, today: date, limit: int
) -> tuple[list[dict], int]:
    """waiting_asks(limit=limit), and how many people it would list in all who are not due
    for contact today.

    Those whose oldest open ask is within the window wait since that day: they are counted
    and the first of them read, from ix_person_open_ask alone (about 6 ms at a million
    people, where one query numbering every row took 16). Those whose oldest ask has
    lapsed but who asked again since are probed for the later one and merged in."""
    params = {"since": since.isoformat(), "before": before.isoformat(), "today": today.isoformat()}
    live = f"p.open_ask_since >= :since AND p.open_ask_since < :before AND {_quiet(db)}"
    counted = db.one(
        f"SELECT count(*) AS n FROM person p WHERE {live} "
        "AND (p.next_due IS NULL OR p.next_due > :today)",
        params,
    )["n"]
    first = db.rows(
        "SELECT p.id AS person_id, p.open_ask_since AS day, p.next_due FROM person p "
        f"WHERE {live} ORDER BY p.open_ask_since, p.id LIMIT {max(0, int(limit))}",
        params,
    )
    lapsed = [parse_dates(r) for r in db.rows(_waiting_sql(db, below=":since"), params)]
    counted += sum(1 for r in lapsed if r["next_due"] is None or r["next_due"] > today)
    found = sorted([*map(parse_dates, first), *lapsed], key=lambda r: (r["day"], r["person_id"]))
    return found[: max(0, limit)], int(counted)


def ask_summaries(db: Reader, waiting: dict[int, date]) -> dict[int, str]:
    """The summary of each person's oldest waiting ask, given person id -> its day."""
    out: dict[int, str] = {}
    for chunk in chunks(sorted(waiting)):
        clause, params = in_clause(chunk)
        for row in db.rows(
            "SELECT person_id, day, summary FROM entry "
            f"WHERE status = 'open' AND person_id IN ({clause}) ORDER BY day, id",
            params,
        ):
            pid = row["person_id"]
            if pid not in out and str(row["day"])[:10] == waiting[pid].isoformat():
                out[pid] = row["summary"]
    return out


def birthdays(db: Reader, today: date, window: int) -> list[dict]:
    """People whose birthday falls within `window` days of today (through ix_person_birthday)."""
    days = [today + timedelta(days=n) for n in range(window + 1)]
    pairs = {(d.month, d.day) for d in days}
    if (2, 28) in pairs:  # Feb 29 birthdays are celebrated on the 28th in common years
        pairs.add((2, 29))
    terms, params = [], {}
    for n, (month, day) in enumerate(sorted(pairs)):
        terms.append(f"(birth_month = :m{n} AND birth_day = :d{n})")
        params[f"m{n}"], params[f"d{n}"] = month, day
    # only the birthday terms go to SQLite, which then probes ix_person_birthday once per
    # day of the window; with `archived = FALSE` beside them it chose ix_person_due and
    # walked every person. The few rows are sorted by id, the same on both engines.
    rows = db.rows(
        f"SELECT id, birth_month, birth_day, archived FROM person WHERE {' OR '.join(terms)} "
        "ORDER BY id",
        params,
    )
    return [r for r in rows if not r["archived"]]


def congratulated(db: Reader, ids: list[int], since: date) -> dict[int, date]:
    """The latest congratulation logged for each of the given people since a day."""
    out: dict[int, date] = {}
    for chunk in chunks(ids):
        clause, params = in_clause(chunk)
        for row in db.rows(
            "SELECT person_id, max(day) AS day FROM entry "
            f"WHERE person_id IN ({clause}) AND day >= :since AND kind = 'congrats' "
            "GROUP BY person_id",
            {**params, "since": since.isoformat()},
        ):
            out[row["person_id"]] = date.fromisoformat(str(row["day"])[:10])
    return out


def logged_on(db: Reader, day: date) -> int:
    """How many people's last contact that counts is on `day` (they were logged that day)."""
    row = db.one(
        "SELECT count(*) AS n FROM person WHERE last_contact = :day AND archived = FALSE",
        {"day": day.isoformat()},
    )
    return row["n"] if row else 0


def last_deposits(db: Reader, ids: list[int]) -> dict[int, dict]:
    """What you last gave each of the given people (private entries left out)."""
    out: dict[int, dict] = {}
    for chunk in chunks(ids):
        clause, params = in_clause(chunk)
        # one probe of ix_entry_ledger per person, newest day first, stopping at the first
        # deposit; numbering every entry of each person read close ties' whole ledgers
        rows = db.rows(
            "SELECT e.person_id, e.summary, e.day FROM entry e WHERE e.id IN ("
            " SELECT (SELECT x.id FROM entry x WHERE x.person_id = p.id AND x.flow = 'deposit'"
            "  AND x.private = FALSE AND x.points > 0 ORDER BY x.day DESC, x.id DESC LIMIT 1)"
            f" FROM person p WHERE p.id IN ({clause}))",
            params,
        )
        for row in rows:
            out[row["person_id"]] = parse_dates(row)
    return out


def name_shortlist(
    db: Reader, first_names: list[str], cap: int
) -> dict[str, list[tuple[int, str, str]] | None]:
    """For each first name, everyone whose name holds it: (id, name, name_key), or None
    when more than `cap` do (too common to name anyone by it).

    These are the people `find_person` would choose among; each scan stops at the cap."""
    out: dict[str, list[tuple[int, str, str]] | None] = {}
    for key in sorted({fold(n) for n in first_names if fold(n)}):
        rows = db.rows(
            "SELECT id, name, name_key FROM person WHERE name_key LIKE :p ESCAPE '\\' LIMIT :cap",
            {"p": "%" + like_escape(key) + "%", "cap": cap + 1},
        )
        found = [(r["id"], r["name"], r["name_key"]) for r in rows]
        out[key] = found if len(found) <= cap else None
    return out


def next_up(db: Reader, today: date) -> dict | None:
    """Who comes due next after today, and when: by next due day (ix_person_due), first
    contact an import spread (ix_person_first_due), or the end of a snooze."""
    rows = db.rows(
        "SELECT * FROM ("
        " SELECT name, name_key, next_due AS next FROM person"
        f" WHERE archived = FALSE AND next_due > :today AND {_NOT_SNOOZED}"
        " ORDER BY next_due, name_key LIMIT 1) AS by_rhythm "
        "UNION ALL SELECT * FROM ("
        " SELECT name, name_key, first_due FROM person"
        " WHERE archived = FALSE AND first_due > :today AND last_contact IS NULL"
        f" AND {_NOT_SNOOZED} ORDER BY first_due, name_key LIMIT 1) AS first_contact "
        "UNION ALL SELECT * FROM ("
        " SELECT name, name_key, snoozed_until FROM person"
        " WHERE archived = FALSE AND snoozed_until > :today AND next_due IS NOT NULL"
        " AND NOT (last_contact >= snoozed_on) ORDER BY snoozed_until, name_key LIMIT 1)"
        " AS after_snooze ORDER BY next, name_key LIMIT 1",
        {"today": today.isoformat()},
    )
    if not rows:
        return None
    return {"name": rows[0]["name"], "next_due": date.fromisoformat(str(rows[0]["next"])[:10])}


def capacity(db: Reader, named: int) -> tuple[int, int, list[str], list[str]]:
    """(close ties, people on a rhythm, the longest silent close ties, the longest silent
    of the others on a rhythm). Everyone on a rhythm has a next due day, so each part is
    read from the covering ix_person_due alone (the names of the few named excepted):
    numbering them all with window functions read every one's row, 45 ms at a million."""
    kept = "archived = FALSE AND next_due IS NOT NULL"
    sizes = db.one(
        "SELECT count(*) AS n, sum(CASE WHEN tie = 'close' THEN 1 ELSE 0 END) AS close "
        f"FROM person WHERE {kept}"
    )
    total, close = int(sizes["n"]), int(sizes["close"] or 0)

    def silent(which: str) -> list[str]:
        order = "COALESCE(last_contact, created_on), name_key"
        chosen = f"SELECT id FROM person WHERE {kept} AND {which} ORDER BY {order} LIMIT :n"
        rows = db.rows(
            f"SELECT name FROM person WHERE id IN ({chosen}) ORDER BY {order}", {"n": named}
        )
        return [r["name"] for r in rows]

    return close, total, silent("tie = 'close'"), silent("tie <> 'close'")


def meetings_on(db: Reader, day: date) -> list[dict]:
    """Captured meetings on a day with people still in the network, and whether anything
    was logged with them since (a deposit with points, on that day or later).

    Capture remembers every calendar event it reads, with its day (capture_seen): with no
    event read for that day there is no captured meeting, and that look-up is all `due`
    costs someone who never captured a calendar. Otherwise only people who can have had a
    meeting that day are probed: those whose last contact is on or after it (a meeting is
    contact), and close ties on a rhythm (a group meeting is no contact for them). Walking
    every person and probing their ledger took 280 ms at 100,000 people."""
    params = {"day": day.isoformat()}
    seen = db.one(
        "SELECT 1 AS found FROM capture_seen WHERE source = 'calendar' AND day = :day LIMIT 1",
        params,
    )
    if seen is None:
        return []
    exempt = ", ".join(f"'{tie}'" for tie in GROUP_EXEMPT_TIES)
    return db.rows(
        "SELECT e.person_id, p.name, max(e.summary) AS summary, "
        "max(CASE WHEN EXISTS (SELECT 1 FROM entry f WHERE f.person_id = e.person_id "
        "AND f.day >= :day AND f.points > 0) THEN 1 ELSE 0 END) AS logged "
        "FROM (SELECT id FROM person WHERE last_contact >= :day UNION "
        " SELECT id FROM person WHERE archived = FALSE AND next_due IS NOT NULL"
        f" AND tie IN ({exempt})) AS c "
        # CROSS JOIN: SQLite keeps this order (the few candidates first)
        "CROSS JOIN entry e CROSS JOIN person p "
        "WHERE e.person_id = c.id AND p.id = c.id "
        "AND e.day = :day AND e.kind = 'meeting' AND e.points = 0 AND p.archived = FALSE "
        "GROUP BY e.person_id, p.name ORDER BY p.name",
        params,
    )


def window_start(today: date, days: int) -> date:
    """The first day a congratulation counts for a birthday within `days` of today."""
    return today - timedelta(days=days)
