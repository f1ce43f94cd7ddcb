"""Schema versions and the ordered steps that move an older file forward.

We keep a small migrations table of our own (the `meta` row `schema_version`) rather
than alembic: the CLI must check the version on every run in well under a millisecond
with the standard library's sqlite3, and alembic would pull SQLAlchemy into every
start. Each step is plain SQL that PostgreSQL also accepts (except the SQLite-only
search indexes, SQLITE_SEARCH), applied in one transaction.
A fresh file is created from `models.py` and stamped with the latest version; a test
checks that migrating the first released schema ends at the same shape.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from network.common.errors import DatabaseProblem

# SQLite-only objects, kept apart from the portable schema in models.py: the FTS5 indexes
# that `who-knows` searches, and the triggers that keep them in step with
# strength.topic_key and person.search_key in the same transaction as every write.
# Fresh files and the schema-3 step apply exactly this list, so both roads end at the
# same objects; changing it later means a new step and a new list, like any released step.
_FTS_TOKENIZER = "tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\""
SQLITE_SEARCH: tuple[str, ...] = (
    "CREATE VIRTUAL TABLE strength_fts USING fts5("
    f"topic_key, content = 'strength', content_rowid = 'id', {_FTS_TOKENIZER})",
    "CREATE TRIGGER strength_fts_insert AFTER INSERT ON strength BEGIN "
    "INSERT INTO strength_fts (rowid, topic_key) VALUES (new.id, new.topic_key); END",
    "CREATE TRIGGER strength_fts_delete AFTER DELETE ON strength BEGIN "
    "INSERT INTO strength_fts (strength_fts, rowid, topic_key) "
    "VALUES ('delete', old.id, old.topic_key); END",
    "CREATE TRIGGER strength_fts_update AFTER UPDATE OF topic_key ON strength BEGIN "
    "INSERT INTO strength_fts (strength_fts, rowid, topic_key) "
    "VALUES ('delete', old.id, old.topic_key); "
    "INSERT INTO strength_fts (rowid, topic_key) VALUES (new.id, new.topic_key); END",
    "CREATE VIRTUAL TABLE person_fts USING fts5("
    f"search_key, content = 'person', content_rowid = 'id', {_FTS_TOKENIZER})",
    "CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN "
    "INSERT INTO person_fts (rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN "
    "INSERT INTO person_fts (person_fts, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER person_fts_update AFTER UPDATE OF search_key ON person BEGIN "
    "INSERT INTO person_fts (person_fts, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO person_fts (rowid, search_key) VALUES (new.id, new.search_key); END",
)


def _due_columns(conn: Any) -> None:
    """Step 6: person.first_due, snoozed_until and snoozed_on, and their indexes; a file put
    back to an older version number that has them already keeps them. Runs on either engine
    (`conn`: sqlite3 or psycopg): the columns are read from an empty result's description."""
    have = {col[0] for col in conn.execute("SELECT * FROM person WHERE 1 = 0").description}
    for column in ("first_due", "snoozed_until", "snoozed_on"):
        if column not in have:
            conn.execute(f"ALTER TABLE person ADD COLUMN {column} DATE")
    conn.execute("CREATE INDEX IF NOT EXISTS ix_person_first_due ON person (first_due)")
    conn.execute("CREATE INDEX IF NOT EXISTS ix_person_last_contact ON person (last_contact)")


_CONTACT_POINT = (
    "CREATE TABLE contact_point (id {id} NOT NULL, person_id INTEGER NOT NULL, "
    "kind VARCHAR(8){c} NOT NULL, value VARCHAR(500){c} NOT NULL, "
    "value_key VARCHAR(500){c} NOT NULL, label VARCHAR(50){c}, "
    "is_primary BOOLEAN DEFAULT FALSE NOT NULL, PRIMARY KEY (id), "
    "UNIQUE (person_id, kind, value_key), "
    "FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE)"
)


def _contact_points(conn: Any) -> None:
    """Step 7: every e-mail, phone and web address a row of contact_point (issue 10).

    The person's own email, phone and url become their primary points; the lines earlier
    imports wrote into the notes for the others ("Other e-mail: a@x.org, b@y.org",
    `domain.contacts.noted_points`) become the other points and leave the notes, whose
    search text is recomputed. Runs on either engine (sqlite3 or psycopg); on a team server
    the new table gets the owner column, policy and members' privileges `team init` gives."""
    from network.common.text import topic_key
    from network.domain.contacts import noted_points, point_key

    sqlite = isinstance(conn, sqlite3.Connection)
    mark = "?" if sqlite else "%s"
    exists = conn.execute(
        "SELECT name FROM sqlite_master WHERE name = 'contact_point'"
        if sqlite
        else "SELECT to_regclass('contact_point')"
    ).fetchone()
    if exists and exists[0]:  # a file put back to an older version number keeps its points
        return
    conn.execute(
        _CONTACT_POINT.format(id="INTEGER", c="")
        if sqlite
        else _CONTACT_POINT.format(id="SERIAL", c=' COLLATE "C"')
    )
    conn.execute("CREATE INDEX ix_contact_point_key ON contact_point (kind, value_key)")
    insert = (
        "INSERT INTO contact_point (person_id, kind, value, value_key, is_primary) "
        f"VALUES ({mark}, {mark}, {mark}, {mark}, {mark})"
    )
    notes: list[tuple[Any, ...]] = []
    filled: list[tuple[str, str, int]] = []
    people = conn.execute(
        "SELECT id, email, phone, url, notes, company, title, location FROM person ORDER BY id"
    )
    if not sqlite:
        people = people.fetchall()  # psycopg's cursor is needed for the inserts below
    # The points go in a chunk at a time, as the people are read: a file of 1,000,000
    # people held all their points in memory at once (720 MB at the peak). The few
    # changes to person rows wait until the reading is done.
    points: list[tuple[Any, ...]] = []
    for pid, email, phone, url, note, company, title, location in people:
        left, extra = noted_points(note)
        seen: set[tuple[str, str]] = set()
        primary = {"email": email, "phone": phone, "url": url}
        for kind, value in [*primary.items(), *extra]:
            key = point_key(kind, value)
            if key is None or (kind, key) in seen:
                continue
            first = not any(k == kind for k, _ in seen)
            seen.add((kind, key))
            points.append((pid, kind, value.strip(), key, first))
            if first and not primary[kind]:  # an empty column shows its first point
                filled.append((kind, value.strip(), pid))
        if left != note:
            words = " ".join(x for x in (company, title, location, left) if x)
            notes.append((left, topic_key(words)[:6000], pid))
        if len(points) >= _POINTS_CHUNK:
            _execute_many(conn, insert, points)
            points = []
    _execute_many(conn, insert, points)
    _execute_many(
        conn, f"UPDATE person SET notes = {mark}, search_key = {mark} WHERE id = {mark}", notes
    )
    for kind, value, pid in filled:
        _execute_many(conn, f"UPDATE person SET {kind} = {mark} WHERE id = {mark}", [(value, pid)])
    team = "SELECT to_regclass('team_people') IS NOT NULL"
    if not sqlite and conn.execute(team).fetchone()[0]:
        _team_table(conn, "contact_point")


_POINTS_CHUNK = 20_000  # contact points inserted at a time by migration step 7


def _execute_many(conn: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """executemany on either engine (sqlite3's connection has it; psycopg's cursor does)."""
    if not rows:
        return
    if isinstance(conn, sqlite3.Connection):
        conn.executemany(sql, rows)
    else:
        with conn.cursor() as cursor:
            cursor.executemany(sql, rows)


def _team_table(conn: Any, table: str, *, of_person: bool = True) -> None:
    """A new data table on a team server: owned rows, the members' policy and privileges
    (what store.team.init gives every table; members are those who may write person)."""
    from network.store import team

    team.own_rows(conn, table)
    if of_person:  # rows copied from a person belong to that person's owner
        conn.execute(f"UPDATE {table} t SET owner = p.owner FROM person p WHERE p.id = t.person_id")
    members = conn.execute(
        "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
        "WHERE table_name = 'person' AND privilege_type = 'INSERT' AND grantee <> current_user"
    ).fetchall()
    for (member,) in members:
        conn.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO "{member}"')
        conn.execute(f'GRANT USAGE, SELECT, UPDATE ON SEQUENCE {table}_id_seq TO "{member}"')


def _capture_tables(conn: Any) -> None:
    """Step 8: the tables `capture` and `inbox` keep (seen keys, review queue, ignored
    addresses). Runs on either engine: an id is SERIAL on PostgreSQL, INTEGER on SQLite."""
    ident = "INTEGER NOT NULL" if isinstance(conn, sqlite3.Connection) else "SERIAL NOT NULL"
    for sql in (
        f"CREATE TABLE IF NOT EXISTS capture_ignored (id {ident}, "
        "address VARCHAR(320) NOT NULL, created_on DATE NOT NULL, PRIMARY KEY (id))",
        "CREATE INDEX IF NOT EXISTS ix_capture_ignored_address ON capture_ignored (address)",
        f"CREATE TABLE IF NOT EXISTS capture_item (id {ident}, address VARCHAR(320) NOT NULL, "
        "name VARCHAR(200), source VARCHAR(10) NOT NULL, direction VARCHAR(10) NOT NULL, "
        "day DATE NOT NULL, at TIME, thread VARCHAR(1000) NOT NULL, "
        "summary VARCHAR(1000) NOT NULL, is_group BOOLEAN NOT NULL, "
        "ambiguous BOOLEAN NOT NULL, sent INTEGER NOT NULL, received INTEGER NOT NULL, "
        "PRIMARY KEY (id))",
        "CREATE INDEX IF NOT EXISTS ix_capture_item_address ON capture_item (address, day)",
        f"CREATE TABLE IF NOT EXISTS capture_seen (id {ident}, source VARCHAR(10) NOT NULL, "
        "ref VARCHAR(1000) NOT NULL, day DATE NOT NULL, PRIMARY KEY (id))",
        "CREATE INDEX IF NOT EXISTS ix_capture_seen_ref ON capture_seen (source, ref)",
    ):
        conn.execute(sql)
    if (
        not isinstance(conn, sqlite3.Connection)
        and conn.execute("SELECT to_regclass('team_people') IS NOT NULL").fetchone()[0]
    ):  # a team server: each member's capture is their own (empty tables)
        for table in ("capture_ignored", "capture_item", "capture_seen"):
            _team_table(conn, table, of_person=False)


def _open_asks(conn: Any) -> None:
    """Step 9: person.open_ask_since and open_ask_latest (the days of their oldest and
    newest open ask, kept by every write as next_due is), and the partial covering indexes `due` reads at a million people: the
    people on a rhythm, those whose first contact an import spread, those with an open ask.
    Runs on either engine."""
    have = {col[0] for col in conn.execute("SELECT * FROM person WHERE 1 = 0").description}
    for column in ("open_ask_since", "open_ask_latest"):
        if column not in have:
            conn.execute(f"ALTER TABLE person ADD COLUMN {column} DATE")
    # everyone who has an open ask, and anyone a file put back to an older version still
    # says has one
    conn.execute(
        "UPDATE person SET open_ask_since = (SELECT min(e.day) FROM entry e "
        "WHERE e.status = 'open' AND e.person_id = person.id), "
        "open_ask_latest = (SELECT max(e.day) FROM entry e "
        "WHERE e.status = 'open' AND e.person_id = person.id) "
        "WHERE id IN (SELECT person_id FROM entry WHERE status = 'open') "
        "OR open_ask_since IS NOT NULL OR open_ask_latest IS NOT NULL"
    )
    rhythm = "last_contact, created_on, tie, cadence_days, snoozed_until, snoozed_on, name_key"
    for sql in (
        "DROP INDEX IF EXISTS ix_person_due",
        "DROP INDEX IF EXISTS ix_person_first_due",
        "DROP INDEX IF EXISTS ix_person_open_ask",
        f"CREATE INDEX ix_person_due ON person (next_due, archived, {rhythm}, first_due) "
        "WHERE next_due IS NOT NULL",
        f"CREATE INDEX ix_person_first_due ON person (first_due, archived, next_due, {rhythm}) "
        "WHERE first_due IS NOT NULL",
        "CREATE INDEX ix_person_open_ask ON person "
        "(open_ask_since, open_ask_latest, archived, last_contact, next_due) "
        "WHERE open_ask_since IS NOT NULL",
    ):
        conn.execute(sql)


def _listing_index(conn: Any) -> None:
    """Step 10 (SQLite only): the index that holds each person's `people --json` object in
    the listing's order (store.reads.person_json.LISTING_INDEX); a server database has none.
    A SQLite built without JSON functions cannot make it: the file goes on without it
    (only `people --json` needs them, and says so), rather than every command failing."""
    if isinstance(conn, sqlite3.Connection):
        from network.store.reads.person_json import LISTING_INDEX

        try:
            # anew, should an older definition be there (the planner would keep using it)
            conn.execute("DROP INDEX IF EXISTS ix_person_listing")
            conn.execute(LISTING_INDEX)
        except sqlite3.OperationalError as exc:
            if "no such function" not in str(exc):
                raise


# Append-only: (version it produces, steps). Never edit a released step.
STEPS: list[tuple[int, list[str] | Callable[[sqlite3.Connection], None]]] = [
    (
        2,  # obligations and links; fields imports bring; ask outcomes; who introduced whom
        [
            "ALTER TABLE person ADD COLUMN nickname VARCHAR(200)",
            "ALTER TABLE person ADD COLUMN labels VARCHAR(1000)",
            "ALTER TABLE person ADD COLUMN connected_on DATE",
            "ALTER TABLE person ADD COLUMN uid VARCHAR(200)",
            "ALTER TABLE person ADD COLUMN via_id INTEGER "
            "REFERENCES person (id) ON DELETE SET NULL",
            "CREATE INDEX ix_person_uid ON person (uid)",
            "ALTER TABLE entry ADD COLUMN status VARCHAR(10)",
            "ALTER TABLE entry ADD COLUMN answered_on DATE",
            "ALTER TABLE entry ADD COLUMN answer_note VARCHAR(1000)",
            "ALTER TABLE entry ADD COLUMN received BOOLEAN NOT NULL DEFAULT FALSE",
            "DROP INDEX ix_entry_person_day",
            "CREATE INDEX ix_entry_ledger ON entry "
            "(person_id, day, flow, points, received, is_group)",
            "CREATE INDEX ix_entry_status ON entry (status, person_id, day)",
            """CREATE TABLE obligation (
                id INTEGER NOT NULL,
                person_id INTEGER NOT NULL,
                kind VARCHAR(10) NOT NULL,
                summary VARCHAR(1000) NOT NULL,
                created_on DATE NOT NULL,
                due_on DATE,
                done_on DATE,
                note VARCHAR(1000),
                entry_id INTEGER,
                other_id INTEGER,
                private BOOLEAN DEFAULT FALSE NOT NULL,
                PRIMARY KEY (id),
                FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE,
                FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE SET NULL,
                FOREIGN KEY(other_id) REFERENCES person (id) ON DELETE SET NULL
            )""",
            "CREATE INDEX ix_obligation_open ON obligation (done_on, due_on)",
            "CREATE INDEX ix_obligation_person_id ON obligation (person_id)",
            """CREATE TABLE link (
                id INTEGER NOT NULL,
                a_id INTEGER NOT NULL,
                b_id INTEGER NOT NULL,
                context VARCHAR(500),
                created_on DATE NOT NULL,
                entry_id INTEGER,
                PRIMARY KEY (id),
                UNIQUE (a_id, b_id),
                FOREIGN KEY(a_id) REFERENCES person (id) ON DELETE CASCADE,
                FOREIGN KEY(b_id) REFERENCES person (id) ON DELETE CASCADE,
                FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE SET NULL
            )""",
            "CREATE INDEX ix_link_a_id ON link (a_id)",
            "CREATE INDEX ix_link_b_id ON link (b_id)",
        ],
    ),
    (
        3,  # who-knows searches full-text indexes (SQLite only), filled from the existing rows
        [
            *SQLITE_SEARCH,
            "INSERT INTO strength_fts (strength_fts) VALUES ('rebuild')",
            "INSERT INTO person_fts (person_fts) VALUES ('rebuild')",
        ],
    ),
    (
        4,  # who introduced whom is looked up by introducer (who-knows, show): index it
        ["CREATE INDEX IF NOT EXISTS ix_person_via_id ON person (via_id)"],
    ),
    (
        5,  # the undo history (SQLite only); `migrate` builds its triggers after the last step
        [
            # IF NOT EXISTS: a file put back to an older version number keeps its tables
            "CREATE TABLE IF NOT EXISTS undo_step (id INTEGER NOT NULL PRIMARY KEY, "
            "description VARCHAR(500) NOT NULL, "
            "created_at VARCHAR(32) NOT NULL DEFAULT CURRENT_TIMESTAMP)",
            "CREATE TABLE IF NOT EXISTS undo_log (seq INTEGER NOT NULL PRIMARY KEY, step INTEGER, "
            "tbl VARCHAR(64) NOT NULL, op VARCHAR(6) NOT NULL, row_id INTEGER NOT NULL, "
            "label VARCHAR(1000), sql TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS ix_undo_log_step ON undo_log (step)",
            # removing a person checks this foreign key (and person.via_id, indexed in 4);
            # unindexed, undoing an import of 5,000 people scanned the tables per person
            "CREATE INDEX IF NOT EXISTS ix_obligation_other_id ON obligation (other_id)",
        ],
    ),
    (6, _due_columns),  # due: first contacts spread after an import, snooze, today's contacts
    (7, _contact_points),  # every e-mail, phone and web address a row (issue 10)
    (8, _capture_tables),  # capture: what was read, the review queue, ignored addresses
    (9, _open_asks),  # due at a million people: whose ask waits, and covering indexes (issue 9)
    (10, _listing_index),  # people --json reads each person's object from an index
]

SCHEMA_VERSION = STEPS[-1][0] if STEPS else 1


def current_version(conn: sqlite3.Connection) -> int | None:
    """The file's schema version, or None for a file with no network tables yet."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        return None
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(
            f"this is not a network database: {exc}", "check the --db path"
        ) from None
    if row is None:
        return None
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise DatabaseProblem(
            f"this network database's schema version ({str(row[0])[:20]!r}) is not a number",
            "the file is damaged: restore a backup (network restore PATH)",
        ) from None


def ensure_current(conn: sqlite3.Connection, path: Path, *, backup: bool = True) -> None:
    """Create the schema on a new file, or migrate an older one; refuse a newer one."""
    version = current_version(conn)
    if version == SCHEMA_VERSION:
        return
    if version is not None and version > SCHEMA_VERSION:
        raise DatabaseProblem(
            f"{path} uses schema version {version}, newer than this network understands "
            f"({SCHEMA_VERSION})",
            "upgrade network (pip install -U network) to use this file",
        )
    if version is None:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
            0
        ]
        if tables:
            raise DatabaseProblem(
                f"{path} is a SQLite file but not a network database",
                "point --db at a network database or at a new file",
            )
        create_fresh(conn)
        return
    migrate(conn, version, path if backup else None)


def schema_sql(dialect_name: str = "sqlite") -> list[str]:
    """The CREATE statements for the current models, in dependency order."""
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from network.store import schema as models

    dialect = sqlite.dialect() if dialect_name == "sqlite" else postgresql.dialect()
    statements = []
    for table in models.SQLModel.metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def create_fresh(conn: sqlite3.Connection) -> None:
    """Create every table from the models, stamped with the latest version, in one transaction."""
    from network.store import undo

    statements = [*schema_sql("sqlite"), *SQLITE_SEARCH, *undo.TABLES_SQL]
    conn.execute("BEGIN IMMEDIATE")
    try:
        # a concurrent first run may have created it while we waited for the lock
        if current_version(conn) is None:
            for sql in statements:
                conn.execute(sql)
            _listing_index(conn)
            undo.install(conn)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection, version: int, path: Path | None = None) -> None:
    """Apply every step after `version`, all in one transaction, after backing up `path`.

    A failed upgrade rolls back, so the file is as it was and the backup it made is not
    needed: it is removed, and retries do not pile up copies of the whole network.
    """
    from network.store import undo

    saved = None
    conn.execute("BEGIN IMMEDIATE")
    try:
        start = current_version(conn) or version
        if path is not None and start < SCHEMA_VERSION and _has_data(conn):
            saved = _backup_before(conn, path)
        undo.uninstall(conn)  # rebuilt below for the new columns and tables
        for target, steps in STEPS:
            if target <= start:
                continue
            if callable(steps):
                steps(conn)
            else:
                for sql in steps:
                    conn.execute(sql)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(target),))
        undo.install(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        if saved is not None:
            from network.store.copies import discard

            discard(saved)
        raise
    if saved is not None:
        from network.common import notices

        notices.tell(
            f"Upgraded {path} from schema {start} to {SCHEMA_VERSION}; "
            f"the old file is kept at {saved}"
        )


def _has_data(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT EXISTS (SELECT 1 FROM person) OR EXISTS (SELECT 1 FROM strength)"
        ).fetchone()[0]
        == 1
    )


def _backup_before(conn: sqlite3.Connection, path: Path) -> Path:
    """Copy the file as it is (we hold the write lock: nothing changes meanwhile)."""
    from network.store.copies import migration_backup

    # fail here, before writing a backup, if the file cannot be written at all
    conn.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
    return migration_backup(conn, path, current_version(conn) or 0)


# --- PostgreSQL ---------------------------------------------------------------------------
# One history for both engines: a server database is created from the same models (with
# byte-order collation, so names sort as on SQLite, and trigram indexes in place of FTS5)
# and stamped with the same version; later steps run there too, except SQLite-only ones.
# statements of a step that only SQLite runs: FTS5 (PG_SEARCH is its counterpart) and the
# undo log's tables (its triggers are SQLite's)
SQLITE_ONLY = ("_fts", "fts5", "undo_")
PG_SEARCH: tuple[str, ...] = (
    "CREATE INDEX ix_strength_topic_trgm ON strength USING gin ((' ' || topic_key) gin_trgm_ops)",
    "CREATE INDEX ix_person_search_trgm ON person USING gin ((' ' || search_key) gin_trgm_ops)",
)


def pg_version(conn) -> int | None:
    """The server database's schema version, or None before the first write set it up."""
    if conn.execute("SELECT to_regclass('meta') IS NULL").fetchone()[0]:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def pg_ensure_current(conn, where) -> bool:
    """Set up or migrate a server database (the caller holds the write lock, in a
    transaction); True when this call created the schema."""
    import re

    from network.store import undo

    version = pg_version(conn)
    if version == SCHEMA_VERSION:
        return False
    if version is not None and version > SCHEMA_VERSION:
        raise DatabaseProblem(
            f"{where} uses schema version {version}, newer than this network understands "
            f"({SCHEMA_VERSION})",
            "upgrade network (pip install -U network) to use this database",
        )
    if version is None:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchone()[0]
        if tables:
            raise DatabaseProblem(
                f"{where} has tables but is not a network database",
                "point --db at a network database or at an empty one",
            )
        for sql in schema_sql("postgresql"):
            # byte order, as SQLite's BINARY collation: same sorting on both engines
            conn.execute(re.sub(r"(VARCHAR\(\d+\))", r'\1 COLLATE "C"', sql))
        try:
            with conn.transaction():  # a savepoint: without pg_trgm, search just scans
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                for sql in PG_SEARCH:
                    conn.execute(sql)
        except Exception:  # noqa: S110 - the extension is an optimisation, not a need
            pass
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', %s)", (str(SCHEMA_VERSION),)
        )
        undo.pg_install(conn)
        return True
    for target, steps in STEPS:
        if target <= version:
            continue
        if callable(steps):  # written for both engines
            steps(conn)
            continue
        for sql in steps:
            if not any(mark in sql for mark in SQLITE_ONLY):
                conn.execute(sql)
    conn.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
    undo.pg_install(conn)  # its tables, and triggers for new tables; a fresh history
    return False
