"""Read-side queries: plain SQL with bound parameters over the tables in models.py.

Aggregates run in SQL over indexes; Python only shapes the few rows that are shown.
Dates come back from SQLite as ISO text and are turned into `date` here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from network.common.text import fold, topic_key
from network.domain import names as matching
from network.domain import signals
from network.store.connection import Reader
from network.store.reads.person_json import PERSON_COLUMNS, json_object

if TYPE_CHECKING:
    # who-knows's candidates; ranking is imported where they are built, not here, so the
    # listing (people --json at 100,000 people is timed against Python's start) skips it
    from network.domain.ranking import Candidate

DATE_FIELDS = (
    "created_on",
    "last_contact",
    "next_due",
    "day",
    "answered_on",
    "due_on",
    "done_on",
    "connected_on",
)
CHUNK = 500  # stays under SQLite's bound-parameter limit on old builds


def parse_dates(row: dict[str, Any]) -> dict[str, Any]:
    """Turn a row's ISO date text (DATE_FIELDS) into dates and `archived` into a bool."""
    for key in DATE_FIELDS:
        value = row.get(key)
        if isinstance(value, str):
            row[key] = date.fromisoformat(value[:10])
    if "archived" in row:
        row["archived"] = bool(row["archived"])
    return row


def like_escape(text: str) -> str:
    """Escape LIKE wildcards so user text matches literally (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def chunks(ids: list[int]) -> Iterable[list[int]]:
    """Ids in runs of CHUNK, each small enough for one IN (…)."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def in_clause(ids: list[int], prefix: str = "i") -> tuple[str, dict[str, int]]:
    """The placeholders for IN (…) and their bound values."""
    names = [f":{prefix}{n}" for n in range(len(ids))]
    return ", ".join(names), {f"{prefix}{n}": v for n, v in enumerate(ids)}


# --- finding people -------------------------------------------------------------------


def find_person(db: Reader, query: str) -> tuple[int, str]:
    """Resolve what the user typed to one (id, name) that it surely means.

    A name that matches someone only by similarity ("alcie") raises GuessedPerson, whose
    hint is `did you mean "Alice Chen"?`: nothing is ever written to a guess. A command
    that only reads may follow the guess with `find_match`, and say so.
    """
    match = find_match(db, query)
    if match.how == "fuzzy":
        raise matching.GuessedPerson(query, match)
    return match.id, match.name


def find_match(db: Reader, query: str) -> matching.Match:
    """What the user typed resolved to one person, and how (see matching.resolve).

    `p12` (or `#12`, as before) names a person by id, as listings and ambiguous-name
    errors show them, for when two people share a name.
    """
    typed = matching.typed_id(query)
    if typed is not None:
        return _by_id(db, query.strip(), *typed)
    key = fold(query)
    if not key:
        return matching.resolve(query, [])
    exact = db.rows("SELECT id, name FROM person WHERE name_key = :k", {"k": key})
    if exact:
        return _choose(db, query, exact)
    # A shortlist that holds everything choose() could accept by prefix or word (name
    # parts split at spaces, hyphens or apostrophes all contain the typed text).
    pattern = "%" + like_escape(key) + "%"
    near = _named(db, _name_like("p", pattern), {"p": pattern})
    return _choose(db, query, near or _fuzzy_pool(db, query))


def _name_like(param: str, pattern: str) -> str:
    """name_key LIKE the bound pattern, with ESCAPE only when the pattern holds an escape:
    the clause costs a third more per name."""
    escape = " ESCAPE '\\'" if "\\" in pattern else ""
    return f"name_key LIKE :{param}{escape}"


def _named(db: Reader, where: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """id and name of the people whose name_key passes `where`: the test reads only the
    name index (a million names in ~60 ms), not the wide person rows (three times that)."""
    return db.rows(
        f"SELECT id, name FROM person WHERE id IN (SELECT id FROM person WHERE {where})",
        params,
    )


def _fuzzy_pool(db: Reader, query: str) -> list[dict[str, Any]]:
    """Whom to score for a name that matches no one: everyone in a small network, else
    the shortlist (scoring a million names takes half a minute)."""
    # the highest id is about the network's size, read from the end of the index
    top = db.one("SELECT coalesce(max(id), 0) AS n FROM person")
    if top is None or top["n"] <= matching.SCORE_EVERYONE_UP_TO:
        return db.rows("SELECT id, name FROM person")
    return shortlist(db, query)


def shortlist(db: Reader, query: str) -> list[dict[str, Any]]:
    """The people matching.shortlist(query) describes, in one pass over the name index
    with a few LIKEs (plain SQL, the same on SQLite and PostgreSQL)."""
    clues = matching.shortlist(query)[:8]  # a typo is in a name, not in a paragraph
    params: dict[str, Any] = {}

    def like(pattern: str) -> str:
        name = f"l{len(params)}"
        params[name] = pattern
        return _name_like(name, pattern)

    def shape_sql(shape: matching.Shape) -> str:
        head, tail = like_escape(shape.head), like_escape(shape.tail)
        if not shape.anchored:
            return like(f"%{head}%{tail}%")
        # a word's start is the name's or follows a space; its end likewise
        tests = []
        if head:
            tests.append(f"({like(head + '%')} OR {like('% ' + head + '%')})")
        if tail:
            tests.append(f"({like('%' + tail)} OR {like('%' + tail + ' %')})")
        return "(" + " AND ".join(tests) + ")"

    def any_of(shapes: list[matching.Shape]) -> str:
        return "(" + " OR ".join(map(shape_sql, shapes)) + ")"

    if len(clues) == 1:
        where = any_of(clues[0].shapes)
    else:
        # a word typed whole, or near each word typed: the longest first, by its two
        # halves (every name is tested for them), then by its shapes and the others'
        whole = [like("%" + like_escape(c.word) + "%") for c in clues if c.alone]
        longest = sorted(clues, key=lambda c: -len(c.word))
        near = [any_of(longest[0].halves), *(any_of(c.shapes) for c in longest)]
        where = " OR ".join([*whole, "(" + " AND ".join(near) + ")"])
    return _named(db, where, params)


def _by_id(db: Reader, typed: str, prefix: str, number: int) -> matching.Match:
    """The person a typed id names; an ask's or promise's id is not a person."""
    if prefix != matching.PERSON_PREFIX:
        from network.common.errors import BadInput

        raise BadInput(
            f"{typed} is {matching.WHAT[prefix]}, not a person",
            "name the person, or their id, e.g. p12",
        )
    # an id beyond SQLite's 64-bit integers names no one (and cannot be bound)
    row = (
        None
        if number > matching.MAX_ID
        else db.one("SELECT id, name FROM person WHERE id = :id", {"id": number})
    )
    if row is None:
        raise matching.NoSuchPerson(typed)
    return matching.Match(row["id"], row["name"], "exact")


def _choose(db: Reader, query: str, rows: list[dict[str, Any]]) -> matching.Match:
    """matching.resolve; when several people match, they are returned in the error with
    their ids and what tells them apart, the likeliest first (matching.ranked)."""
    try:
        return matching.resolve(query, [(r["id"], r["name"]) for r in rows])
    except matching.PickPerson as exc:
        facts: dict[int, dict[str, Any]] = {}
        ids = [c.id for c in exc.choices]
        for chunk in chunks(ids):
            clause, params = in_clause(chunk)
            for row in db.rows(
                f"SELECT id, tie, last_contact, company FROM person WHERE id IN ({clause})",
                params,
            ):
                facts[row["id"]] = parse_dates(row)
        choices = [
            matching.Choice(
                c.id,
                c.name,
                facts.get(c.id, {}).get("tie"),
                facts.get(c.id, {}).get("last_contact"),
                facts.get(c.id, {}).get("company"),
            )
            for c in exc.choices
        ]
        raise matching.PickPerson(query, matching.ranked(choices), labelled=True) from None


def person(db: Reader, person_id: int) -> dict[str, Any]:
    """One person's profile row."""
    row = db.one(f"SELECT {PERSON_COLUMNS} FROM person WHERE id = :id", {"id": person_id})
    if row is None:  # deleted by another process between lookup and read
        from network.common.errors import NetworkError

        raise NetworkError("that person was just removed", "run the command again")
    return parse_dates(row)


def strengths(db: Reader, person_ids: list[int] | None) -> dict[int | None, list[dict]]:
    """Strengths by person id; None as the list means your own (person_id is empty)."""
    out: dict[int | None, list[dict]] = {}
    if person_ids is None:
        rows = db.rows(
            "SELECT person_id, topic, detail FROM strength WHERE person_id IS NULL ORDER BY id"
        )
    else:
        rows = []
        for chunk in chunks(person_ids):
            clause, params = in_clause(chunk)
            rows += db.rows(
                f"SELECT person_id, topic, detail FROM strength WHERE person_id IN ({clause}) "
                "ORDER BY id",
                params,
            )
    for row in rows:
        out.setdefault(row["person_id"], []).append(row)
    return out


def entries(
    db: Reader,
    *,
    person_id: int | None = None,
    since: date | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Ledger lines, newest first, with the person's name: one person's, from a day on,
    of one kind, the first `limit` — each a condition of the query, not a filter after it."""
    where, params = ["1 = 1"], {}
    if person_id is not None:
        where.append("e.person_id = :pid")
        params["pid"] = person_id
    if since is not None:
        where.append("e.day >= :since")
        params["since"] = since.isoformat()
    if kind is not None:
        where.append("e.kind = :kind")
        params["kind"] = kind
    sql = (
        "SELECT e.id, e.person_id, p.name, e.day, e.at, e.kind, e.flow, e.points, e.summary, "
        "e.is_group, e.private FROM entry e JOIN person p ON p.id = e.person_id "
        f"WHERE {' AND '.join(where)} ORDER BY e.day DESC, e.at DESC NULLS LAST, e.id DESC"
    )
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    rows = db.rows(sql, params)
    for row in rows:
        parse_dates(row)
        row["is_group"] = bool(row["is_group"])
        row["private"] = bool(row["private"])
        if row["at"] is not None:
            row["at"] = str(row["at"])[:5]
    return rows


def flow_totals(db: Reader, person_id: int | None = None) -> dict[int, dict[str, int]]:
    """Deposit and withdrawal points per person (one GROUP BY over the ledger index)."""
    where = "WHERE person_id = :pid" if person_id is not None else ""
    rows = db.rows(
        "SELECT person_id, "
        "SUM(CASE WHEN flow = 'deposit' THEN points ELSE 0 END) AS deposits, "
        "SUM(CASE WHEN flow = 'withdrawal' THEN points ELSE 0 END) AS withdrawals, "
        "COUNT(*) AS count "
        f"FROM entry {where} GROUP BY person_id",
        {"pid": person_id} if person_id is not None else {},
    )
    return {r["person_id"]: r for r in rows}


# --- due --------------------------------------------------------------------------------

# A person's cadence in SQL: their own, else their tie's default (roster ties have none).
CADENCE_SQL = (
    "COALESCE(cadence_days, CASE tie WHEN 'close' THEN :close WHEN 'casual' THEN :casual END)"
)


# --- who-knows --------------------------------------------------------------------------


def fts_phrase_prefix(key: str) -> str:
    """An FTS5 query for the words of `key` in a row, the last one as a prefix (the
    engine's search is built by its dialect module: store/dialect/)."""
    from network.store.dialect.sqlite import fts_phrase_prefix as phrase

    return phrase(key)


# Fit for the topic: a strength named exactly so, one that holds it as whole words
# ("car" in "car buying"), one with a word starting with it ("car" in "carpool"); then the
# same for company, title, location and notes, which count for less.
STRENGTH_EXACT, STRENGTH_WORDS, STRENGTH_PREFIX = 1.0, 0.8, 0.5
PROFILE_WORDS = 0.4


def topic_matches(db: Reader, topic: str) -> dict[int, tuple[float, list[str]]]:
    """Best match score and what matched, per person, for a topic (via the FTS5 indexes)."""
    return _scored(db, topic, with_facts=False)[0]


def topic_candidates(db: Reader, topic: str) -> list[Candidate]:
    """Everyone who matches a topic with their stored relationship facts, read in the same
    pass as the match (recent asks not counted: recent_asks counts them for a few). The
    order is candidates(db, topic_matches(db, topic))'s."""
    from network.domain.ranking import Candidate

    best, facts = _scored(db, topic, with_facts=True)
    out: list[Candidate] = []
    for chunk in chunks(list(best)):
        for pid in sorted(chunk):  # as candidates() reads them: by id within each chunk
            score, matched = best[pid]
            out.append(Candidate(**facts[pid], match=score, matched=matched))
    return out


_FACTS = ("id", "name", "tie", "balance", "last_contact", "prefers")


def _scored(
    db: Reader, topic: str, *, with_facts: bool
) -> tuple[dict[int, tuple[float, list[str]]], dict[int, dict[str, Any]]]:
    """topic_matches's scores, and (with_facts) each match's stored facts for ranking,
    taken from the person row the match looks up anyway."""
    key = topic_key(topic)
    if not key:
        return {}, {}
    facts = ", " + ", ".join(f"p.{c}" for c in _FACTS) if with_facts else ""
    # rows whose key holds the words of `key`, the last one as a prefix: FTS5 on SQLite,
    # a (trigram-indexed) LIKE on PostgreSQL; columns pid, what, detail, key, then `facts`
    rows = db.rows(db.dialect.topic_search(facts), {"match": db.dialect.topic_pattern(key)})
    people: dict[int, dict[str, Any]] = {}
    if with_facts:
        for row in rows:
            if row["pid"] not in people:
                people[row["pid"]] = parse_dates({c: row[c] for c in _FACTS})
    padded = f" {key} "
    best: dict[int, tuple[float, list[str]]] = {}
    for row in rows:
        score, matched = best.get(row["pid"], (0.0, []))
        words = padded in f" {row['key']} "
        if row["what"] is not None:
            label = row["what"] + (f" ({row['detail']})" if row["detail"] else "")
            matched = [*matched, label]
            if row["key"] == key:
                found = STRENGTH_EXACT
            else:
                found = STRENGTH_WORDS if words else STRENGTH_PREFIX
        else:
            if not words:
                # a word merely starting with the topic in free text is noise ("car" in
                # "Carter & Webb", "career"); strengths keep prefix matches ("tech")
                continue
            if not matched:
                matched = ["profile or notes mention it"]
            found = PROFILE_WORDS
        best[row["pid"]] = (max(score, found), matched)
    return best, people


def candidates(
    db: Reader, matches: dict[int, tuple[float, list[str]]], today: date | None = None
) -> list[Candidate]:
    """Every matched person with their stored relationship facts, in the order of
    `matches`, chunk by chunk; their asks of the last 90 days are counted only if `today`
    is given (recent_asks counts them for a few)."""
    from network.domain.ranking import Candidate

    out: list[Candidate] = []
    for chunk in chunks(list(matches)):
        clause, params = in_clause(chunk)
        rows = db.rows(
            "SELECT id, name, tie, balance, last_contact, prefers "
            f"FROM person WHERE id IN ({clause})",
            params,
        )
        for row in rows:
            parse_dates(row)
            score, matched = matches[row["id"]]
            out.append(Candidate(**row, match=score, matched=matched))
    if today is not None:
        asks = recent_asks(db, list(matches), today)
        for c in out:
            c.asks_recent = asks.get(c.id, 0)
    return out


def recent_asks(db: Reader, person_ids: list[int], today: date) -> dict[int, int]:
    """Asks (withdrawals, not help received) of the last 90 days, per person who has any."""
    from network.domain.ranking import RECENT_ASK_DAYS

    since = (today - timedelta(days=RECENT_ASK_DAYS)).isoformat()
    out: dict[int, int] = {}
    for chunk in chunks(person_ids):
        clause, params = in_clause(chunk)
        params["since"] = since
        # one range of ix_entry_ledger (person_id, day, flow, …, received) per person
        rows = db.rows(
            "SELECT person_id, count(*) AS n FROM entry "
            f"WHERE person_id IN ({clause}) AND day >= :since "
            "AND flow = 'withdrawal' AND received = FALSE GROUP BY person_id",
            params,
        )
        out.update((row["person_id"], row["n"]) for row in rows)
    return out


# --- people -----------------------------------------------------------------------------

# each a whole order (id last), so the first N of a listing are those of the whole list
SORTS = {
    "name": "name_key, id",
    "last": "last_contact IS NULL, last_contact DESC, name_key, id",
    "balance": "balance DESC, name_key, id",
    "due": "next_due IS NULL, next_due, name_key, id",
}


def _listing_filter(
    db: Reader, *, tie: str | None, knows: str | None, archived: bool, roster: bool = True
) -> tuple[str, dict[str, Any]] | None:
    """The WHERE clause and parameters of a listing; None when --knows matches no one.

    roster False leaves out the roster (contacts kept on file, e.g. an import's 800, not
    people you keep up with) unless the tie asked for is the roster itself."""
    where, params = [], {}
    if not archived:
        where.append("archived = FALSE")
    if tie:
        where.append("tie = :tie")
        params["tie"] = tie
    elif not roster:
        where.append("tie <> 'roster'")
    if knows:
        ids = list(topic_matches(db, knows))
        if not ids:
            return None
        clauses = []
        for n, chunk in enumerate(chunks(ids)):
            clause, chunk_params = in_clause(chunk, prefix=f"k{n}_")
            clauses.append(f"id IN ({clause})")
            params.update(chunk_params)
        where.append("(" + " OR ".join(clauses) + ")")
    return (" WHERE " + " AND ".join(where) if where else ""), params


def people(
    db: Reader,
    *,
    tie: str | None = None,
    knows: str | None = None,
    sort: str = "name",
    archived: bool = False,
    roster: bool = True,
) -> list[dict]:
    """Everyone (or a filtered few), sorted as asked."""
    found = _listing_filter(db, tie=tie, knows=knows, archived=archived, roster=roster)
    if found is None:
        return []
    where, params = found
    rows = db.rows(f"SELECT {PERSON_COLUMNS} FROM person{where} ORDER BY {SORTS[sort]}", params)
    return [parse_dates(r) for r in rows]


def highest_id(db: Reader) -> int:
    """The highest person id (0 for none): about how many people there are, read from the
    end of the table rather than counted."""
    return db.conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0]


def listing_ids(
    db: Reader,
    *,
    tie: str | None = None,
    knows: str | None = None,
    archived: bool = False,
    roster: bool = True,
    at_most: int,
) -> list[int] | None:
    """The ids a listing with these filters holds, or None when it holds more than at_most
    (then only at_most + 1 of them are read)."""
    found = _listing_filter(db, tie=tie, knows=knows, archived=archived, roster=roster)
    if found is None:
        return []
    where, params = found
    ids = [
        pid
        for (pid,) in db.conn.execute(
            f"SELECT id FROM person{where} LIMIT :at_most", {**params, "at_most": at_most + 1}
        )
    ]
    return None if len(ids) > at_most else ids


def roster_count(db: Reader, *, knows: str | None = None, archived: bool = False) -> int:
    """How many on the roster a listing with these filters leaves out."""
    found = _listing_filter(db, tie="roster", knows=knows, archived=archived)
    if found is None:
        return 0
    where, params = found
    return db.one(f"SELECT count(*) AS n FROM person{where}", params)["n"]


# --- people --json, streamed ------------------------------------------------------------


LISTING_BATCH = 2000


def people_documents(
    db: Reader,
    *,
    tie: str | None = None,
    knows: str | None = None,
    sort: str = "name",
    archived: bool = False,
    roster: bool = True,
    limit: int | None = None,
) -> Iterator[list[tuple[int, bytes, int]]]:
    """The listing (its first `limit` people, if given) in batches of (id, the person as
    a JSON object in UTF-8, balance).

    The statement runs on the first next(): SQLite writes and sorts every row before it
    hands out the first one."""
    found = _listing_filter(db, tie=tie, knows=knows, archived=archived, roster=roster)
    if found is None:
        return
    where, params = found
    first = "" if limit is None else f" LIMIT {int(limit)}"
    cursor = db.conn.execute(
        f"SELECT id, {json_object(db.dialect)}, balance FROM person{where} "
        f"ORDER BY {SORTS[sort]}{first}",
        params,
    )
    while batch := cursor.fetchmany(LISTING_BATCH):
        yield batch


def listing_count(
    db: Reader, *, tie: str | None, knows: str | None, archived: bool, roster: bool
) -> int:
    """How many people the listing holds in all."""
    found = _listing_filter(db, tie=tie, knows=knows, archived=archived, roster=roster)
    if found is None:
        return 0
    where, params = found
    return int(db.conn.execute(f"SELECT count(*) FROM person{where}", params).fetchone()[0])


# the small asks that could make a red flag: declined, or open past the unanswered window
_POSSIBLE_SNUB = (
    "(e.status = 'declined' OR (e.status = 'open' AND e.day < :unanswered)) "
    "AND e.day >= :year AND e.points <= :small"
)
# Above this many such asks, summing what came after each one costs asks x entries;
# obligations.signal_facts has the plan for those few people.
MANY_ASKS = 20


def _signal_params(today: date) -> dict[str, Any]:
    return {
        "year": (today - timedelta(days=signals.YEAR_DAYS)).isoformat(),
        "recent": (today - timedelta(days=signals.LEANING_DAYS)).isoformat(),
        "unanswered": (today - timedelta(days=signals.UNANSWERED_DAYS)).isoformat(),
        "one_sided": signals.ONE_SIDED_DEPOSITS,
        "leaning": signals.LEANING_ASKS,
        "small": signals.SMALL_ASK_POINTS,
        "many": MANY_ASKS,
    }


# The listing's cheap road to obligations.signal_facts's verdicts, in two halves that two
# processes may read one each: one GROUP BY keeps only the people whose last year could
# make them leaning or one-sided (year_facts), and only small asks declined or long
# unanswered are weighed for a red flag, with the balance before each: the balance now
# minus what came after (snub_facts). People with more than MANY_ASKS such asks are
# returned apart, for signal_facts; whoever is in neither has no signal but overdrawn.


def merged(
    year: dict[int, signals.Facts], snubs: dict[int, signals.Facts]
) -> dict[int, signals.Facts]:
    """year_facts with snub_facts's red-flag asks added (`year` is changed and returned)."""
    for pid, found in snubs.items():
        have = year.get(pid)
        if have is None:
            year[pid] = found
        else:
            have.snubbed.extend(found.snubbed)
    return year


def year_facts(db: Reader, today: date) -> dict[int, signals.Facts]:
    """The year's counts of everyone whose last year could make them leaning or one-sided
    (one GROUP BY over the ledger's index). Their balance is left at 0: the listing sets
    each from the row it writes (~10 ms less than joining the person table here)."""
    params = _signal_params(today)
    # FILTER counts cost less than SUM(CASE …) over the ~half of the ledger in the year
    deposits = "count(*) FILTER (WHERE flow = 'deposit')"
    withdrawals = "count(*) FILTER (WHERE flow = 'withdrawal')"
    asks = "count(*) FILTER (WHERE flow = 'withdrawal' AND received = FALSE AND day >= :recent)"
    return {
        pid: signals.Facts(deposits_year=d, withdrawals_year=w, asks_recent=a)
        for pid, d, w, a in db.conn.execute(
            f"SELECT person_id, {deposits} AS d, {withdrawals} AS w, {asks} AS a FROM entry "
            "WHERE day >= :year GROUP BY person_id "
            # SQLite may name the counts here; PostgreSQL wants them spelled out
            f"HAVING ({db.dialect.alias('d', deposits)} >= :one_sided "
            f"AND {db.dialect.alias('w', withdrawals)} = 0) "
            f"OR {db.dialect.alias('a', asks)} >= :leaning",
            params,
        )
    }


def snub_facts(db: Reader, today: date) -> tuple[dict[int, signals.Facts], list[int]]:
    """Facts holding only the balance and the red-flag asks, of everyone with such an
    ask, and apart the people with more than MANY_ASKS small asks declined or unanswered
    (for obligations.signal_facts)."""
    params = _signal_params(today)
    facts: dict[int, signals.Facts] = {}
    # Each such ask with the balance before it, unless its person has more than MANY_ASKS
    # of them (counted over the same rows): for those few, summing what came after each
    # ask costs asks x entries, so they are returned apart, for signal_facts.
    rows = db.conn.execute(
        "SELECT s.person_id, s.summary, s.status, s.day, s.points, s.balance, s.n, "
        "CASE WHEN s.n <= :many THEN s.balance - ("
        " SELECT SUM(CASE WHEN x.flow = 'deposit' THEN x.points ELSE -x.points END)"
        " FROM entry x WHERE x.person_id = s.person_id AND x.day >= s.day"
        " AND (x.day > s.day OR x.id >= s.id)) END "
        "FROM (SELECT e.id, e.person_id, e.summary, e.status, e.day, e.points, p.balance, "
        "count(*) OVER (PARTITION BY e.person_id) AS n "
        f"FROM entry e JOIN person p ON p.id = e.person_id WHERE {_POSSIBLE_SNUB}) s "
        # the order obligations.signal_facts lists them in (a reason names the first three)
        "ORDER BY s.day, s.person_id, s.status, s.id",
        params,
    )
    many: dict[int, None] = {}  # the people returned apart, in the order first seen
    for pid, summary, status, day, points, balance, n, before in rows:
        if n > MANY_ASKS:
            many[pid] = None
            continue
        days_open = (today - date.fromisoformat(str(day)[:10])).days
        if signals.is_snub(points, status, days_open, before):
            word = "declined" if status == "declined" else "never answered"
            found = facts.get(pid)
            if found is None:
                found = facts[pid] = signals.Facts(balance=balance)
            found.snubbed.append(f'"{summary}" {word}')
    return facts, list(many)
