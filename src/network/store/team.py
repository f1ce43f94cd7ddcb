"""A team on one PostgreSQL database: every row belongs to a member, row-level security keeps
each member's rows to that member, and a directory publishes what the team shares.

`init` runs as the role that set the network up (it owns the tables). It gives every data
table an `owner` column (the inserting role, by default), turns on row-level security with
one policy per table — a member sees and changes only rows whose owner is that member — and
creates the directory: two views owned by the tables' owner, so they read past the policies
but expose only the shared columns (a person's name, company, title, location and tie, and
their strengths; never entries, balances, notes, obligations or the folded search text that
holds the notes). People a member archived or marked private are not published. Members get the table privileges
the program needs and nothing else; the owner bypasses the policies (it is not forced), which
is how `remove` reaches a member's rows.
"""

from __future__ import annotations

from typing import Any

from network.common.errors import BadInput, DatabaseProblem

TABLES = (
    "person",
    "entry",
    "strength",
    "obligation",
    "link",
    "contact_point",
    "capture_seen",
    "capture_item",
    "capture_ignored",
)

DIRECTORY = (
    "CREATE OR REPLACE VIEW team_people AS "
    "SELECT p.id, p.owner AS member, p.name, p.name_key, p.company, p.title, p.location, p.tie "
    "FROM person p WHERE p.archived = FALSE AND p.unlisted = FALSE",
    "CREATE OR REPLACE VIEW team_strengths AS "
    "SELECT s.person_id, s.topic, s.topic_key, s.detail FROM strength s "
    "JOIN person p ON p.id = s.person_id WHERE p.archived = FALSE AND p.unlisted = FALSE",
)


def _role_name(role: str) -> str:
    """A role as an SQL identifier (quoted), refusing anything that is not a plain name."""
    if not role or not all(c.isalnum() or c in "_-." for c in role) or len(role) > 63:
        raise BadInput(f'"{role}" is not a role name', "use the member's database role")
    return '"' + role + '"'


def _raw(session: Any) -> Any:
    """The psycopg connection under a write session (its transaction, its lock)."""
    return session.connection().connection.driver_connection


def _must_own(conn: Any) -> None:
    owner = conn.execute(
        "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class WHERE oid = 'person'::regclass"
    ).fetchone()[0]
    if not owner:
        raise DatabaseProblem(
            "only the role that owns the network's tables can set up or change the team",
            "connect as that role (the one whose first write set the database up)",
        )


def is_team(conn: Any) -> bool:
    """True once `init` has run on this database."""
    return bool(conn.execute("SELECT to_regclass('team_people') IS NOT NULL").fetchone()[0])


def own_rows(conn: Any, table: str) -> None:
    """Every row of TABLE belongs to a member, who alone sees it (idempotent): the owner
    column (the writer by default), its index, and the row-level security policy."""
    conn.execute(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS owner NAME NOT NULL DEFAULT current_user"
    )
    conn.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_owner ON {table} (owner)")
    conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    conn.execute(f"DROP POLICY IF EXISTS own_rows ON {table}")
    conn.execute(
        f"CREATE POLICY own_rows ON {table} "
        "USING (owner = current_user) WITH CHECK (owner = current_user)"
    )


def init(session: Any, members: list[str]) -> list[str]:
    """Set the network up for a team (idempotent), granting each member role its access;
    returns the members granted. In the session's transaction, which holds the write lock."""
    conn = _raw(session)
    for role in members:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if exists is None:
            raise BadInput(
                f'there is no database role "{role}"',
                f"create it first: CREATE ROLE \"{role}\" LOGIN PASSWORD '…'",
            )
    _must_own(conn)
    for table in TABLES:
        own_rows(conn, table)
    # a member keeps someone out of the directory with `network team private PERSON`
    conn.execute(
        "ALTER TABLE person ADD COLUMN IF NOT EXISTS unlisted BOOLEAN NOT NULL DEFAULT FALSE"
    )
    for sql in DIRECTORY:
        conn.execute(sql)
    for role in members:
        name = _role_name(role)
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
        conn.execute(f"GRANT SELECT ON meta, team_people, team_strengths TO {name}")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(TABLES)} TO {name}")
        conn.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {name}")
        _grant_undo(conn, name)
    return members


# Undo's own tables (store/undo.py): each member writes and reads a history of their own,
# which row-level security (set up with the tables) keeps from the others.
UNDO_TABLES = ("undo_step", "undo_log")


def _has_undo(conn: Any) -> bool:
    return bool(conn.execute("SELECT to_regclass('undo_log') IS NOT NULL").fetchone()[0])


def _grant_undo(conn: Any, name: str) -> None:
    if _has_undo(conn):
        conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(UNDO_TABLES)} TO {name}")


def _forget_undo(conn: Any, role: str) -> None:
    """A leaving member's history goes with them, and so does what removing them logged
    (their rows, notes included, as statements that would put them back): not undoable."""
    if not _has_undo(conn):
        return
    conn.execute("DELETE FROM undo_log WHERE owner = %s", (role,))
    conn.execute("DELETE FROM undo_step WHERE owner = %s", (role,))
    conn.execute("DELETE FROM undo_log WHERE step IS NULL AND owner = current_user")


def remove(session: Any, role: str) -> dict[str, int]:
    """Delete a member's rows (the directory shows only rows that exist) and take back
    their privileges; rows removed per table."""
    conn = _raw(session)
    if not is_team(conn):
        raise BadInput("this network is not set up for a team", "run network team init first")
    _must_own(conn)
    name = _role_name(role)
    removed = {}
    # children first: their foreign keys would cascade anyway, but the counts are per table
    for table in ("contact_point", "link", "obligation", "entry", "strength", "person"):
        cursor = conn.execute(f"DELETE FROM {table} WHERE owner = %s", (role,))
        removed[table] = cursor.rowcount
    _forget_undo(conn, role)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if exists:
        conn.execute(f"REVOKE ALL ON {', '.join(TABLES)}, meta FROM {name}")
        conn.execute(f"REVOKE ALL ON team_people, team_strengths FROM {name}")
        conn.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {name}")
        if _has_undo(conn):
            conn.execute(f"REVOKE ALL ON {', '.join(UNDO_TABLES)} FROM {name}")
    return removed


def set_unlisted(session: Any, person_id: int, unlisted: bool) -> None:
    """Keep one of the member's own people out of the directory (or back in)."""
    conn = _raw(session)
    if not is_team(conn):
        raise BadInput("this network is not set up for a team", "run network team init first")
    conn.execute("UPDATE person SET unlisted = %s WHERE id = %s", (unlisted, person_id))


def directory_matches(reader: Any, key: str) -> list[dict[str, Any]]:
    """Published people of other members whose strengths, company, title or location hold
    the topic key's words (the same phrase-prefix match as who-knows); one row per strength."""
    if (
        reader.dialect.NAME != "postgresql"
        or not reader.one("SELECT to_regclass('team_people') IS NOT NULL AS team")["team"]
    ):
        raise BadInput("this network is not set up for a team", "run network team init first")
    return reader.rows(
        "SELECT d.id, d.member, d.name, d.name_key, d.company, d.tie, "
        "CASE WHEN x.hit THEN s.topic END AS topic, "
        "CASE WHEN x.hit THEN s.topic_key END AS topic_key, "
        "CASE WHEN x.hit THEN s.detail END AS detail "
        "FROM team_people d LEFT JOIN team_strengths s ON s.person_id = d.id "
        "CROSS JOIN LATERAL (SELECT (' ' || s.topic_key) LIKE :match AS hit) x "
        "WHERE d.member <> current_user AND (x.hit "
        "OR (' ' || lower(concat_ws(' ', d.company, d.title, d.location))) LIKE :match) "
        "ORDER BY d.name_key, d.member, d.id, s.topic_key",
        {"match": reader.dialect.topic_pattern(key)},
    )
