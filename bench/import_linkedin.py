"""Time `network import linkedin` on LinkedIn's maximum of 30,000 connections.

Generates a realistic Connections.csv (UTF-8 BOM, CRLF, the `Notes:` preamble, quoted
fields with commas, mostly empty e-mails, `12 Mar 2024` and `7-Feb-22` dates, about 2%
hidden members: rows with only a date), then in
the same run times, median of several runs each:

  * the whole `network import linkedin FILE` process into a fresh database, and
  * a bare baseline: Python's csv module plus sqlite3 executemany of the same rows
    into a plain table, in one transaction (in this process: no start-up of its own), and
  * `python -c pass`, the start-up any Python process pays (for scale).

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
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        csv_path = workdir / "Connections.csv"
        generate(csv_path, args.rows)
        size = csv_path.stat().st_size
        # alternated, so a machine busy with other work slows both alike
        ours, bare, empty = [], [], []
        for _ in range(args.runs):
            ours.append(network_import(csv_path, workdir))
            bare.append(bare_insert(csv_path, workdir))
            empty.append(bare_python())
    ours_m, bare_m, pass_m = (statistics.median(t[0] for t in r) for r in (ours, bare, empty))
    ours_c, bare_c = (statistics.median(t[1] for t in runs) for runs in (ours, bare))
    print(f"rows: {args.rows:,} ({size / 1e6:.1f} MB), runs: {args.runs}, median shown")
    print(
        f"network import linkedin (whole process): {ours_m:6.2f} s   "
        f"runs {_list([t[0] for t in ours])}"
    )
    print(
        f"bare csv + sqlite3 executemany:          {bare_m:6.2f} s   "
        f"runs {_list([t[0] for t in bare])}"
    )
    print(
        f"python -c pass:                          {pass_m:6.2f} s   "
        f"runs {_list([t[0] for t in empty])}"
    )
    print(f"ratio: {ours_m / bare_m:.1f}x the bare insert; {args.rows / ours_m:,.0f} rows/s")
    # CPU time is steadier than the clock on a machine shared with other work
    print(f"cpu: network {ours_c:.2f} s, bare {bare_c:.2f} s, ratio {ours_c / bare_c:.1f}x")


if __name__ == "__main__":
    main()
