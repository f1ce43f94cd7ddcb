"""Time `network import linkedin` on LinkedIn's maximum of 30,000 connections.

Generates a realistic Connections.csv (UTF-8 BOM, CRLF, the `Notes:` preamble, quoted
fields with commas, mostly empty e-mails, `12 Mar 2024` and `7-Feb-22` dates, about 2%
hidden members: rows with only a date), then in
the same run times, median of several runs each:

  * the whole `network import linkedin FILE` process into a fresh database, and
  * a bare baseline: Python's csv module plus sqlite3 executemany of the same rows
    into a plain table, in one transaction (in this process: no start-up of its own), and
  * the floor: the same SQLite writes the import makes (person and contact-point rows,
    full-text index, undo log and step, by the import's own bulk strategy and catalog SQL)
    from a plain sqlite3 script with minimal Python per row, into a copy of an empty
    network database; the rows it writes are checked equal to the import's, and
  * `python -c pass`, the start-up any Python process pays (for scale).

The floor answers what part of the import's time SQLite's work takes (indexes, full-text
index, undo history, durable commit) and what part is the tool's own Python.

Usage: python bench/import_linkedin.py [--rows 30000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from network.common.text import topic_key
from network.domain.contacts import fold, point_key
from network.formats.linkedin import connected_on
from network.store import undo
from network.store.dialect import sqlite as sqlite_dialect

PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have allowed "
    "their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about why this is here: "
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n\r\n'
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST = [
    "Alice",
    "José",
    "Priya",
    "Tom",
    "Mei",
    "Łukasz",
    "Aisha",
    "Chen",
    "Zoë",
    "Omar",
    "Grace",
    "Diego",
    "Hannah",
    "Kenji",
    "Siobhán",
    "Marcus",
    "Elena",
    "Sam",
    "Fatima",
    "Noah",
]
LAST = [
    "Chen",
    "Álvarez",
    "Natarajan",
    "O'Brien",
    "Lin",
    "Nowak",
    "Mohammed",
    "Wei",
    "Müller",
    "Haddad",
    "Liu",
    "Hernández",
    "Schmidt",
    "Watanabe",
    "O'Connor",
    "Johnson",
    "Rossi",
    "Patel",
]
COMPANIES = [
    "Acme Robotics",
    "Widgets, Inc.",
    "Stripe",
    "Globex",
    "Initech",
    "Umbrella Corp.",
    "Hooli",
    "Pied Piper",
    "Soylent, Ltd.",
    "Massive Dynamic",
    "",
]
TITLES = [
    "Software Engineer",
    "VP, Engineering",
    "Recruiter",
    'Senior Engineer "Payments"',
    "Product Manager",
    "CTO",
    "Talent Partner, EMEA",
    "Founder & CEO",
    "",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write a Connections.csv with `rows` connections."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for n in range(rows):
        if rng.random() < 0.02:
            # a hidden or deleted member: LinkedIn gives only the date (not a connection)
            writer.writerow(["", "", "", "", "", "", f"{rng.randint(1, 28):02d} Jun 2022"])
            continue
        first = rng.choice(FIRST)
        last = rng.choice(LAST) + ("" if rng.random() < 0.3 else f"-{rng.choice(LAST)}")
        slug = f"{first}-{last}-{n:05d}".lower().replace("'", "")
        email = f"{slug}@example.com" if rng.random() < 0.05 else ""
        year = rng.randint(2008, 2025)
        if year < 2023:
            day = f"{rng.randint(1, 28)}-{rng.choice(MONTHS)}-{year % 100:02d}"
        else:
            day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {year}"
        writer.writerow(
            [
                first,
                last,
                f"https://www.linkedin.com/in/{slug}",
                email,
                rng.choice(COMPANIES),
                rng.choice(TITLES),
                day,
            ]
        )
    path.write_bytes(("\ufeff" + PREAMBLE + out.getvalue()).encode("utf-8"))


def network_import(csv_path: Path, workdir: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) for one whole `network import linkedin` process into a fresh
    database."""
    db = workdir / "network.db"
    for leftover in workdir.glob("network.db*"):
        leftover.unlink()
    env = dict(os.environ, NETWORK_DB=str(db))
    exe = shutil.which("network") or str(Path(sys.executable).with_name("network"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [exe, "import", "linkedin", str(csv_path)], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"network import failed:\n{done.stderr}")
    count = sqlite3.connect(db).execute("SELECT count(*) FROM person").fetchone()[0]
    if count < 1:
        raise SystemExit("network import created no one")
    return elapsed, cpu


def bare_insert(csv_path: Path, workdir: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) for csv + sqlite3 executemany of the same rows into a plain table."""
    db = workdir / "bare.db"
    db.unlink(missing_ok=True)
    cpu = time.process_time()
    start = time.perf_counter()
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.read().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("First Name,Last Name"))
    reader = csv.reader(lines[at + 1 :])
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE connection (first TEXT, last TEXT, url TEXT, email TEXT, "
        "company TEXT, position TEXT, connected_on TEXT)"
    )
    with conn:
        conn.executemany("INSERT INTO connection VALUES (?, ?, ?, ?, ?, ?, ?)", reader)
    conn.close()
    return time.perf_counter() - start, time.process_time() - cpu


def empty_network(workdir: Path) -> Path:
    """An empty network database, made once by network's own code (open_db, in a process
    of its own, as any command makes a fresh file): the floor's starting point."""
    db = workdir / "empty.db"
    script = "import sys; from pathlib import Path; from network.store.connection import open_db"
    script += "; open_db(Path(sys.argv[1])).close()"
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    return db


@contextmanager
def _bulk(conn: sqlite3.Connection, table: str, after: int, step: int) -> Iterator[None]:
    """store.writes.contacts._bulk, over plain sqlite3 with the project's own catalog SQL:
    the table's insert triggers and indexes off, put back afterwards from the SQL that made
    them, then the full-text index (person) and undo log filled in one statement each."""
    saved: dict[str, str] = {}
    for name in ("person_fts_insert" if table == "person" else None, f"undo_{table}_insert"):
        found = conn.execute(sqlite_dialect.TRIGGER_SQL, (name,)).fetchone()
        if found:
            saved[name] = found[0]
            conn.execute(f'DROP TRIGGER "{name}"')
    indexes = conn.execute(sqlite_dialect.INDEXES_SQL, (table,)).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)
    if table == "person":
        conn.execute(
            "INSERT INTO person_fts (rowid, search_key) SELECT id, search_key FROM person "
            "WHERE id > ?",
            (after,),
        )
    conn.execute(undo.inserted_log_sql(table), (step, after))
    for sql in saved.values():
        conn.execute(sql)


@lru_cache(maxsize=65536)
def _search_key(company: str | None, title: str | None) -> str:
    """ledger.search_key of a LinkedIn row (no location or notes), remembered as the import
    remembers it: a file repeats the same companies and titles."""
    return topic_key(" ".join(x for x in (company, title) if x))[:6000]


def floor_writes(
    csv_path: Path, workdir: Path, empty: Path
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Seconds (wall, CPU) for the SQLite writes the import makes, from a plain script;
    and (wall, CPU) of its SQLite part alone (from opening the file to closing it).

    A copy of the empty network database (made before timing) gets, in one BEGIN IMMEDIATE
    transaction, the person and contact-point rows the import writes, by the same bulk
    strategy (triggers and indexes off and rebuilt, full-text index and undo log filled in
    one INSERT … SELECT each, the undo step), committed as durably (WAL). Per row only
    what those rows need: csv.reader, the name and its folded key, the date, the search
    key, the points' keys, with the import's own functions (fold, connected_on, point_key),
    their caches emptied first as in a fresh process. No matching, no checking, no
    SQLAlchemy: what the import takes above this is the tool's own Python, not SQLite's."""
    for cached in (fold, connected_on, _search_key):
        cached.cache_clear()
    db = workdir / "floor.db"
    for leftover in workdir.glob("floor.db*"):
        leftover.unlink()
    shutil.copyfile(empty, db)
    today = date.today().isoformat()
    cpu = time.process_time()
    start = time.perf_counter()
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.read().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("First Name,Last Name"))
    people: list[tuple[object, ...]] = []
    points: list[tuple[object, ...]] = []
    pid = 0
    for first, last, url, email, company, title, day in csv.reader(lines[at + 1 :]):
        if not (first or last or url):
            continue  # a hidden member: only a date
        pid += 1
        name = f"{first.strip()} {last.strip()}".strip()
        url, email = url.strip() or None, email.strip() or None
        company, title = company.strip() or None, title.strip() or None
        connected = connected_on(day)
        people.append(
            (
                pid,
                name,
                fold(name),
                email,
                company,
                title,
                url,
                connected and connected.isoformat(),
                _search_key(company, title),
                "roster",
                0,
                today,
                0,
            )
        )
        if email:
            points.append((pid, "email", email, point_key("email", email), None, True))
        if url:
            points.append((pid, "url", url, point_key("url", url), None, True))
    sqlite_cpu = time.process_time()
    sqlite_start = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN IMMEDIATE")
    (after,) = conn.execute("SELECT COALESCE(max(id), 0) FROM person").fetchone()
    (step,) = conn.execute(undo.OPEN_STEP_SQL, (undo.OPEN,)).fetchone()  # as undo.open_step
    with _bulk(conn, "person", after, step):
        conn.executemany(
            "INSERT INTO person (id, name, name_key, email, company, title, url, connected_on, "
            "search_key, tie, archived, created_on, balance) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            people,
        )
    (after,) = conn.execute("SELECT COALESCE(max(id), 0) FROM contact_point").fetchone()
    with _bulk(conn, "contact_point", after, step):
        conn.executemany(
            "INSERT INTO contact_point (person_id, kind, value, value_key, label, is_primary) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            points,
        )
    # undo.close_step: the step named, any rows the triggers wrote gathered into it
    conn.execute(
        "UPDATE undo_step SET description = ?, created_at = CURRENT_TIMESTAMP WHERE id = ?",
        (f"import linkedin: {csv_path.name}", step),
    )
    conn.execute("UPDATE undo_log SET step = ? WHERE step IS NULL", (step,))
    conn.execute("DELETE FROM undo_log WHERE step <= ?", (step - undo.DEPTH,))
    conn.execute("DELETE FROM undo_step WHERE id <= ?", (step - undo.DEPTH,))
    conn.execute("COMMIT")
    conn.close()
    end, end_cpu = time.perf_counter(), time.process_time()
    return (end - start, end_cpu - cpu), (end - sqlite_start, end_cpu - sqlite_cpu)


# what the floor must have written exactly as the import did (undo_step: its description)
_WRITTEN = {
    "person": "SELECT * FROM person ORDER BY id",
    "contact_point": "SELECT * FROM contact_point ORDER BY id",
    "person_fts": "SELECT rowid, search_key FROM person_fts ORDER BY rowid",
    "undo_log": "SELECT * FROM undo_log ORDER BY seq",
    "undo_step": "SELECT id, description FROM undo_step ORDER BY id",
}


def written(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows of each table the import writes, in order."""
    conn = sqlite3.connect(db)
    try:
        return {table: conn.execute(sql).fetchall() for table, sql in _WRITTEN.items()}
    finally:
        conn.close()


def check_floor(workdir: Path) -> dict[str, int]:
    """The floor wrote what the import wrote, row for row; the row counts per table."""
    ours, floor = written(workdir / "network.db"), written(workdir / "floor.db")
    counts = {table: len(rows) for table, rows in ours.items()}
    for table, rows in ours.items():
        assert len(floor[table]) == len(rows), (table, len(floor[table]), len(rows))
        assert floor[table] == rows, f"the floor wrote other {table} rows than the import"
    return counts


def bare_python() -> tuple[float, float]:
    """Seconds (wall, CPU) for `python -c pass`: what any Python process costs to start."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _list(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


@dataclass
class Timed:
    """(wall, CPU) seconds of each run, per thing timed, and the rows each table got."""

    rows: int
    size: int
    runs: dict[str, list[tuple[float, float]]]
    counts: dict[str, int]

    def wall(self, what: str) -> float:
        return statistics.median(t[0] for t in self.runs[what])

    def cpu(self, what: str) -> float:
        return statistics.median(t[1] for t in self.runs[what])


def measure(rows: int, runs: int) -> Timed:
    """Every timing, in alternating rounds: a machine busy with other work slows all alike."""
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        csv_path = workdir / "Connections.csv"
        generate(csv_path, rows)
        size = csv_path.stat().st_size
        empty = empty_network(workdir)
        timed: dict[str, list[tuple[float, float]]] = {
            "network": [],
            "floor": [],
            "sqlite": [],
            "bare": [],
            "pass": [],
        }
        counts: dict[str, int] = {}
        for _ in range(runs):
            timed["network"].append(network_import(csv_path, workdir))
            whole, sqlite_part = floor_writes(csv_path, workdir, empty)
            timed["floor"].append(whole)
            timed["sqlite"].append(sqlite_part)
            counts = check_floor(workdir)
            timed["bare"].append(bare_insert(csv_path, workdir))
            timed["pass"].append(bare_python())
    return Timed(rows, size, timed, counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    timed = measure(args.rows, args.runs)
    print(f"rows: {args.rows:,} ({timed.size / 1e6:.1f} MB), runs: {args.runs}, median shown")
    names = {
        "network": "network import linkedin (whole process)",
        "floor": "floor: same SQLite writes, plain script",
        "sqlite": "  of which SQLite (connect to close)",
        "bare": "bare csv + sqlite3 executemany",
        "pass": "python -c pass",
    }
    for what, label in names.items():
        walls = _list([t[0] for t in timed.runs[what]])
        print(
            f"{label + ':':41s}{timed.wall(what):6.2f} s   cpu {timed.cpu(what):5.2f} s   "
            f"runs {walls}"
        )
    written = ", ".join(f"{table} {n:,}" for table, n in timed.counts.items())
    print(f"rows written (import = floor, checked row for row): {written}")
    ours, floor, bare = timed.wall("network"), timed.wall("floor"), timed.wall("bare")
    print(f"ratio: {ours / bare:.1f}x the bare insert; {args.rows / ours:,.0f} rows/s")
    print(
        f"floor: {floor / bare:.1f}x the bare insert; the import is {ours / floor:.1f}x the floor"
    )
    # CPU time is steadier than the clock on a machine shared with other work
    ours_c, floor_c, bare_c = timed.cpu("network"), timed.cpu("floor"), timed.cpu("bare")
    sqlite_c = timed.cpu("sqlite")
    print(
        f"cpu: network {ours_c:.2f} s, floor {floor_c:.2f} s (SQLite {sqlite_c:.2f} s), "
        f"bare {bare_c:.2f} s; network {ours_c / bare_c:.1f}x bare, floor "
        f"{floor_c / bare_c:.1f}x bare (SQLite {sqlite_c / bare_c:.1f}x), "
        f"network {ours_c / floor_c:.1f}x floor"
    )


if __name__ == "__main__":
    main()
