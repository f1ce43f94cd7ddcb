"""Time `network` as people run it: whole processes, side by side with Python's own start.

    python bench/run.py                       # 1k, 10k and 100k people; writes docs/performance.md
    python bench/run.py --sizes small,huge --only due,who-knows,show   # opt-in: 1M / 10M
    python bench/run.py --sizes small --runs 3 --check-startup --no-write   # the CI smoke test
    python bench/run.py --sizes 100/1000000,100000/0     # other shapes: PEOPLE/ENTRIES
    python bench/run.py --workdir /tmp/nets --reuse ...  # time the networks generated last time

For each size it generates a synthetic network (bench/generate.py), runs every command
once to warm the caches, then runs all of them in rounds (interleaved, so a slow moment of
the machine hits every command alike) and keeps the median wall time and the peak
resident memory of each process (from wait4's rusage). Ratios are to `python -c pass`
measured in the same rounds. Each budget is checked at every size in the run it applies to.
Exits 1 when a command fails, when --check-startup finds SQLAlchemy, SQLModel or pydantic
on the --help or completion path, or (with --fail-over-budget) when a budget fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)
import pg  # noqa: E402  (copy into PostgreSQL, count round trips)

CPU_LIMIT_S = 60  # a command still busy after this much CPU is stopped and reported


class CommandFailed(Exception):
    """A timed command exited with an error or ran out of its CPU allowance."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"
TODAY = date(2026, 11, 22)  # generated networks and every run share one "today"


@dataclass(frozen=True)
class Budget:
    """A ceiling on one command, as a ratio to `python -c pass`, at the sizes it applies to."""

    name: str
    ratio: float
    up_to: int | None = None  # applies to networks of at most this many people (None: all)
    peak_mb: float | None = None  # and a ceiling on its peak memory


# The targets of issue 9, checked at every size in the run that they apply to.
BUDGETS = (
    Budget("--help", 10),
    Budget("complete", 10),
    Budget("due", 20),
    Budget("who-knows", 20),
    Budget("show", 20),
    Budget("people --json", 60, up_to=100_000, peak_mb=100),
    Budget("log", 40),
    Budget("give", 40),
    Budget("ask", 40),
)
GROWTH_MS = 50  # from the smallest to the largest network, due and who-knows gain less than this
MEMORY_RATIO = 1.5  # peak memory of due vs `python -c "import typer, rich"`
OVERDUE_SHARE = 0.01  # due ranks at least this share of the network overdue (1,000 at 100k)

MODULES_PROBE = """
import atexit, json, sys
def _dump(path=sys.argv[1]):
    with open(path, "w") as f:
        json.dump(sorted({m.split(".")[0] for m in sys.modules}), f)
atexit.register(_dump)
sys.argv = ["network", *sys.argv[2:]]
from network.cli.main import main
main()
"""


@dataclass
class Command:
    """One thing to time: the argument list, extra environment, and a setup run before each."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    fresh_copy: bool = False  # run against a fresh copy of the database (writes that pile up)
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    note: str = ""
    failed: str = ""  # why it stopped being timed (the table says so; its budget fails)


# A small process that starts every timed command, so each child's peak memory starts
# from this launcher's few MB, not from the benchmark's own (the kernel keeps a process's
# high-water mark across fork and exec). It reports wall time and wait4's ru_maxrss.
LAUNCHER = """
import json, os, resource, sys, time
for line in sys.stdin:
    job = json.loads(line)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDWR)
        err = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0); os.dup2(null, 1); os.dup2(err, 2)
        resource.setrlimit(resource.RLIMIT_CPU, (job["cpu_limit"], job["cpu_limit"]))
        try:
            os.execve(job["argv"][0], job["argv"], job["env"])
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    print(json.dumps([elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""


class Launcher:
    """Runs whole processes from a small helper and reads back (seconds, peak KiB, exit code)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, argv: list[str], env: dict[str, str], stderr: Path) -> tuple[float, int, int]:
        self.proc.stdin.write(
            json.dumps({"argv": argv, "env": env, "stderr": str(stderr), "cpu_limit": CPU_LIMIT_S})
            + "\n"
        )
        self.proc.stdin.flush()
        elapsed, peak, code = json.loads(self.proc.stdout.readline())
        return elapsed, peak, code

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def run_once(
    launcher: Launcher, cmd: Command, env: dict[str, str], db: Path, scratch: Path
) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one whole process; stops the bench if it fails."""
    env = {**env, **cmd.env}
    if cmd.fresh_copy:
        copy = scratch / "copy.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(db, copy)
        env["NETWORK_DB"] = str(copy)
    err = scratch / "stderr.txt"
    elapsed, peak, code = launcher.run(cmd.argv, env, err)
    if code != 0:
        tail = err.read_text(errors="replace")[-800:]
        why = f"over {CPU_LIMIT_S} s of CPU" if code in (-24, -9) else f"exit {code}"
        raise CommandFailed(f"{cmd.name} failed ({why}): {' '.join(cmd.argv)}\n{tail}", why)
    return elapsed, peak


def network_exe() -> str:
    """The `network` console script beside this interpreter (as a user would run it)."""
    exe = Path(sys.executable).with_name("network")
    if exe.exists():
        return str(exe)
    found = shutil.which("network")
    if not found:
        raise SystemExit("no `network` command found; pip install -e . first")
    return found


def has_import(net: str) -> bool:
    """True when this version of network has `import linkedin` (built alongside the bench)."""
    probe = subprocess.run([net, "import", "--help"], capture_output=True, text=True)
    return probe.returncode == 0 and "linkedin" in probe.stdout


def commands(net: str, facts: generate.Facts, linkedin: Path | None) -> list[Command]:
    """The baselines, then every timed command, against one generated network."""
    py = sys.executable
    cmds = [
        Command("python -c pass", [py, "-c", "pass"]),
        Command('python -c "import typer"', [py, "-c", "import typer"]),
        Command('python -c "import typer, rich"', [py, "-c", "import typer, rich"]),
        Command("--help", [net, "--help"]),
        Command(
            "complete",
            [net],
            env={
                "_NETWORK_COMPLETE": "complete_bash",
                "COMP_WORDS": "network d",
                "COMP_CWORD": "1",
            },
        ),
        Command("due", [net, "due"]),
        Command("who-knows", [net, "who-knows", facts.topic]),
        Command("who-knows --limit 10", [net, "who-knows", facts.topic, "--limit", "10"]),
        Command("show", [net, "show", facts.show_name]),
        Command("people --json", [net, "people", "--all", "--json"]),
        Command("log", [net, "log", facts.log_name, "coffee, talked about the bench"]),
        Command("give", [net, "give", facts.log_name, "sent an article on benchmarks"]),
        Command("ask", [net, "ask", facts.log_name, "asked for advice on benchmarks"]),
    ]
    if linkedin is not None:
        cmds.append(
            Command(
                "import linkedin",
                [net, "import", "linkedin", str(linkedin)],
                fresh_copy=True,
                note="30,000 rows into a fresh copy of this network",
            )
        )
    return cmds


def parse_size(spec: str) -> tuple[str, int, int]:
    if spec in generate.SIZES:
        return (spec, *generate.SIZES[spec])
    people, _, entries = spec.partition("/")
    try:
        return spec, int(people), int(entries)
    except ValueError:
        raise SystemExit(
            f"unknown size {spec!r}: use {', '.join(generate.SIZES)} or PEOPLE/ENTRIES"
        ) from None


def check_startup(net_python: str, scratch: Path) -> list[str]:
    """Problems found: --help or TAB completion importing the database stack."""
    problems = []
    probes = {
        "--help": (["--help"], {}),
        "completion": (
            [],
            {"_NETWORK_COMPLETE": "complete_bash", "COMP_WORDS": "network d", "COMP_CWORD": "1"},
        ),
    }
    for label, (args, extra) in probes.items():
        out = scratch / "modules.json"
        subprocess.run(
            [net_python, "-c", MODULES_PROBE, str(out), *args],
            env={**os.environ, **extra},
            capture_output=True,
            timeout=120,
        )
        loaded = set(json.loads(out.read_text()))
        heavy = sorted(loaded.intersection(HEAVY))
        if heavy:
            problems.append(f"{label} imports {', '.join(heavy)}")
    return problems


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import typer

    return {
        "uname": " ".join(platform.uname()),
        "cpu": f"{cpu}, {os.cpu_count()} logical CPUs",
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "typer": typer.__version__,
    }


def facts_path(path: Path) -> Path:
    return path.with_name(path.name + ".facts.json")


def save_facts(path: Path, facts: generate.Facts) -> None:
    """Note beside a generated network what the run needs to know of it, for --reuse."""
    fields = {**facts.__dict__, "today": facts.today.isoformat()}
    facts_path(path).write_text(json.dumps(fields), encoding="utf-8")


def load_facts(path: Path) -> generate.Facts | None:
    """The facts of a network generated earlier at `path`, or None if there is none."""
    try:
        fields = json.loads(facts_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not path.exists() or fields.get("today") != TODAY.isoformat():
        return None
    return generate.Facts(**{**fields, "today": TODAY})


def bench_size(
    launcher: Launcher,
    spec: str,
    runs: int,
    workdir: Path,
    net: str,
    linkedin: Path | None,
    only: set[str] | None = None,
    reuse: bool = False,
    pg_url: str | None = None,
) -> tuple[dict, list[Command]]:
    label, people, entries = parse_size(spec)
    path = workdir / f"network-{people}-{entries}.db"
    facts = load_facts(path) if reuse else None
    if facts is not None:
        made = None
        sys.stderr.write(f"{label}: reusing {path}\n")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        facts = generate.generate(path, people, entries, today=TODAY)
        made = time.perf_counter() - started
        save_facts(path, facts)
        sys.stderr.write(
            f"{label}: generated {people:,} people / {entries:,} entries in {made:.1f} s\n"
        )
    env = {
        **os.environ,
        "NETWORK_DB": str(path),
        "NETWORK_TODAY": TODAY.isoformat(),
        "COLUMNS": "120",
        "NO_COLOR": "1",
    }
    env.pop("NETWORK_DEBUG", None)
    cmds = [
        c
        for c in commands(net, facts, linkedin)
        if only is None or c.name in only or c.name.startswith("python -c")
    ]
    on_pg: list[Command] = []
    size_url = None
    if pg_url:
        size_url = pg_database(pg_url, f"bench_{people}_{entries}")
        started = time.perf_counter()
        pg.copy_to_postgres(path, size_url)
        sys.stderr.write(
            f"{label}: copied into PostgreSQL in {time.perf_counter() - started:.1f} s\n"
        )
        # the same commands, the same network, in the same rounds (the SQLite ones are `cmds`)
        on_pg = [
            Command(c.name, c.argv, env={"NETWORK_DB": size_url})
            for c in cmds
            if c.name in PG_COMMANDS
        ]
    for n in range(runs + 1):  # the first round warms caches and .pyc files, and is not kept
        for cmd in [*cmds, *on_pg]:
            if cmd.failed:
                continue
            try:
                elapsed, peak = run_once(launcher, cmd, env, path, workdir)
            except CommandFailed as exc:
                sys.stderr.write(f"{label}: {exc}\n")
                cmd.failed = exc.why
                continue
            if n:
                cmd.times.append(elapsed)
                cmd.peaks.append(peak)
        sys.stderr.write(f"{label}: round {n}/{runs}\n")
    info = {
        "label": label,
        "people": people,
        "entries": entries,
        "generate_s": made,
        "facts": facts,
        "db_mb": path.stat().st_size / 2**20,
        "path": path,
        "env": env,
        "pg": on_pg,
        "pg_statements": {
            c.name: pg.statements(size_url, c.argv[1:]) for c in on_pg if not c.failed
        }
        if size_url
        else {},
    }
    return info, cmds


# --- PostgreSQL beside SQLite (--pg URL) ------------------------------------------------------
PG_COMMANDS = ("due", "who-knows", "show", "log")


def pg_database(url: str, name: str) -> str:
    """A fresh database `name` on the server of `url` (dropped and made again): each size gets
    its own copy of the network. Needs a role that may create databases."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(url.replace("postgresql+psycopg://", "postgresql://"))
    with psycopg.connect(make_conninfo(**{**params}), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    base, _, query = url.partition("?")
    return base.rpartition("/")[0] + f"/{name}" + (f"?{query}" if query else "")


def drop_pg_databases(url: str, results: list[tuple[dict, list[Command]]]) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(url.replace("postgresql+psycopg://", "postgresql://"))
    with psycopg.connect(**params, autocommit=True) as conn:
        for info, _ in results:
            conn.execute(f"DROP DATABASE IF EXISTS bench_{info['people']}_{info['entries']}")


def pg_report(results: list[tuple[dict, list[Command]]]) -> str:
    """The PostgreSQL/SQLite table: each command's median on both engines, their ratio
    (target: within 1.5x) and the statements it sends the server (each one a round trip)."""
    lines = [
        "### PostgreSQL beside SQLite",
        "",
        "The same network copied into PostgreSQL, the same commands in the same rounds; "
        "statements counted in-process (each one a round trip). Target: within 1.5x.",
        "",
        "| size | command | SQLite ms | PostgreSQL ms | PostgreSQL/SQLite | statements |",
        "|---|---|---|---|---|---|",
    ]
    for info, cmds in results:
        lite = {c.name: c for c in cmds}
        for cmd in info.get("pg") or []:
            other = lite.get(cmd.name)
            if cmd.failed or other is None or other.failed or not other.times:
                lines.append(f"| {info['label']} | `{cmd.name}` | – | failed: {cmd.failed} | | |")
                continue
            a, b = med(other), med(cmd)
            sent = info["pg_statements"].get(cmd.name, "?")
            lines.append(
                f"| {info['label']} ({info['people']:,}) | `{cmd.name}` | {a:.0f} | {b:.0f} "
                f"| {b / a:.2f}x | {sent} |"
            )
    return "\n".join([*lines, ""])


def growth(
    launcher: Launcher, results: list[tuple[dict, list[Command]]], runs: int, workdir: Path
) -> dict[str, tuple[float, float]]:
    """due and who-knows on the smallest and the largest network, interleaved in the same
    rounds, so the difference is the network's size and not a busier moment of the machine."""
    small = min(results, key=lambda r: r[0]["people"])
    large = max(results, key=lambda r: r[0]["people"])
    if small[0]["people"] >= large[0]["people"]:
        return {}
    pairs = {}
    for name in ("due", "who-knows"):
        found = [next((c for c in cmds if c.name == name), None) for _, cmds in (small, large)]
        if all(c is not None and not c.failed for c in found):
            pairs[name] = found
    timed: dict[tuple[str, int], list[float]] = {}
    for _ in range(runs):
        for name, cmds in pairs.items():
            for side, (info, _), cmd in ((0, small, cmds[0]), (1, large, cmds[1])):
                fresh = Command(cmd.name, cmd.argv, dict(cmd.env))
                elapsed, _ = run_once(launcher, fresh, info["env"], info["path"], workdir)
                timed.setdefault((name, side), []).append(elapsed * 1000)
    return {
        name: (statistics.median(timed[(name, 0)]), statistics.median(timed[(name, 1)]))
        for name in pairs
    }


def med(cmd: Command) -> float:
    return statistics.median(cmd.times) * 1000 if cmd.times and not cmd.failed else float("inf")


def peak_mb(cmd: Command) -> float:
    return max(cmd.peaks) / 1024 if cmd.peaks and not cmd.failed else float("inf")


def report(
    results: list[tuple[dict, list[Command]]],
    grown: dict[str, tuple[float, float]],
    runs: int,
    argv: list[str],
    missing: list[str],
) -> tuple[str, bool]:
    """Markdown for docs/performance.md, and whether every budget holds."""
    lines = [
        f"Command: `{' '.join(['python bench/run.py', *argv])}`",
        "",
        f"Run on {time.strftime('%Y-%m-%d %H:%M %Z')}; median of {runs} runs after a warm-up, "
        "whole processes, all commands interleaved in rounds.",
        "",
    ]
    for key, value in machine().items():
        lines.append(f"- {key}: `{value}`")
    lines.append("")
    names = [c.name for c in results[0][1]]
    header = (
        "| command | "
        + " | ".join(f"{i['label']} ({i['people']:,} / {i['entries']:,})" for i, _ in results)
        + " |"
    )
    lines += [
        "Median ms (ratio to `python -c pass`) and peak memory MB:",
        "",
        header,
        "|---|" + "---|" * len(results),
    ]
    for name in names:
        cells = []
        for _, cmds in results:
            by = {c.name: c for c in cmds}
            base = med(by["python -c pass"])
            c = by[name]
            if c.failed:
                cells.append(f"failed: {c.failed}")
            else:
                cells.append(f"{med(c):.0f} ms ({med(c) / base:.1f}×), {peak_mb(c):.0f} MB")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    for name in missing:
        lines.append(f"| `{name}` | " + " | ".join("not yet available" for _ in results) + " |")
    lines.append("")
    for info, _ in results:
        f = info["facts"]
        lines.append(
            f"- {info['label']}: {made(info['generate_s'])}, file "
            f"{info['db_mb']:.0f} MB; who-knows `{f.topic}`, show `{f.show_name}`, "
            f"log/give/ask `{f.log_name}`; {f.overdue:,} people overdue"
        )
    lines.append("")

    # budgets, at every size of this run they apply to
    ok = True
    rows = [
        "Budgets, as ratios to `python -c pass` in the same rounds, at every size they apply to:",
        "",
        "| budget | " + " | ".join(info["label"] for info, _ in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for budget in BUDGETS:
        what = f"`{budget.name}` ≤ {budget.ratio:g}×"
        if budget.peak_mb is not None:
            what += f" and ≤ {budget.peak_mb:g} MB"
        if budget.up_to is not None:
            what += f" (up to {budget.up_to:,} people)"
        cells = []
        for info, cmds in results:
            if budget.up_to is not None and info["people"] > budget.up_to:
                cells.append("—")
                continue
            by = {c.name: c for c in cmds}
            if budget.name not in by:
                cells.append("not timed")
                continue
            ratio = med(by[budget.name]) / med(by["python -c pass"])
            passed = ratio <= budget.ratio
            cell = f"{ratio:.1f}×"
            if budget.peak_mb is not None:
                passed &= peak_mb(by[budget.name]) <= budget.peak_mb
                cell += f", {peak_mb(by[budget.name]):.0f} MB"
            ok &= passed
            cells.append(f"{cell} {'pass' if passed else '**FAIL**'}")
        rows.append(f"| {what} | " + " | ".join(cells) + " |")
    cells = []
    for _, cmds in results:
        by = {c.name: c for c in cmds}
        if "due" not in by:
            cells.append("not timed")
            continue
        mem = peak_mb(by["due"]) / peak_mb(by['python -c "import typer, rich"'])
        passed = mem <= MEMORY_RATIO
        ok &= passed
        cells.append(f"{mem:.2f}× {'pass' if passed else '**FAIL**'}")
    rows.append(
        f"| peak memory of `due` ≤ {MEMORY_RATIO}× `import typer, rich` | "
        + " | ".join(cells)
        + " |"
    )
    cells = []
    for info, _ in results:
        overdue, wanted = info["facts"].overdue, int(info["people"] * OVERDUE_SHARE)
        passed = overdue >= wanted
        ok &= passed
        cells.append(f"{overdue:,} {'pass' if passed else '**FAIL**'}")
    rows.append(
        f"| `due` ranks ≥ {OVERDUE_SHARE:.0%} of the network overdue | " + " | ".join(cells) + " |"
    )
    rows.append("")
    small = min(results, key=lambda r: r[0]["people"])
    large = max(results, key=lambda r: r[0]["people"])
    for name, (before, after) in grown.items():
        gain = after - before
        passed = gain < GROWTH_MS
        ok &= passed
        rows.append(
            f"- `{name}` grows < {GROWTH_MS} ms from {small[0]['people']:,} to "
            f"{large[0]['people']:,} people (both in the same rounds): {before:.0f} → "
            f"{after:.0f} ms, {gain:+.0f} ms, {'pass' if passed else '**FAIL**'}"
        )
    return "\n".join([*lines, *rows, ""]), ok


def made(seconds: float | None) -> str:
    return "generated earlier (--reuse)" if seconds is None else f"generated in {seconds:.1f} s"


def write_doc(body: str, path: Path) -> None:
    """Replace the generated block of docs/performance.md, keeping the prose around it."""
    block = f"{MARK_START}\n{body}\n{MARK_END}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if MARK_START in text and MARK_END in text:
            head, _, rest = text.partition(MARK_START)
            _, _, tail = rest.partition(MARK_END)
            path.write_text(head + block + tail, encoding="utf-8")
            return
    path.write_text(f"# Performance\n\n{block}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="small,medium,large",
        help="comma-separated: small, medium, large, huge (opt-in, 1M people) or PEOPLE/ENTRIES",
    )
    parser.add_argument(
        "--only",
        help="comma-separated commands to time, e.g. 'due,who-knows,show' (baselines always run)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--no-write", action="store_true", help="print the report only")
    parser.add_argument(
        "--check-startup",
        action="store_true",
        help="fail if --help or completion imports SQLAlchemy, SQLModel or pydantic",
    )
    parser.add_argument("--fail-over-budget", action="store_true", help="exit 1 if a budget fails")
    parser.add_argument("--workdir", type=Path, help="where the networks go (default: a temp dir)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the networks an earlier run left in --workdir instead of generating them "
        "(log, give and ask add a few entries to them each run)",
    )
    parser.add_argument(
        "--pg",
        metavar="URL",
        help="also time due, who-knows, show and log on PostgreSQL at the same sizes (a "
        "database per size is made beside URL's, and dropped after: the role needs CREATEDB)",
    )
    args = parser.parse_args(argv)

    net = network_exe()
    # Time what an installed copy runs: pip compiles a package's modules to bytecode, but an
    # editable checkout under PYTHONDONTWRITEBYTECODE=1 would recompile every module that a
    # command imports on every run (~20 ms of each write, ~3 ms of --help).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    with tempfile.TemporaryDirectory(prefix="network-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        failed = 0
        if args.check_startup:
            problems = check_startup(sys.executable, workdir)
            for problem in problems:
                sys.stderr.write(f"startup check failed: {problem}\n")
            failed = 1 if problems else 0
        linkedin = None
        missing = []
        only = set(args.only.split(",")) if args.only else None
        if only is None or "import linkedin" in only:  # left out by --only: not a gap
            if has_import(net):
                linkedin = workdir / "Connections.csv"
                generate.linkedin_csv(linkedin, today=TODAY)
            else:
                missing.append("import linkedin")
        launcher = Launcher()
        try:
            results = [
                bench_size(
                    launcher, spec, args.runs, workdir, net, linkedin, only, args.reuse, args.pg
                )
                for spec in args.sizes.split(",")
            ]
            grown = growth(launcher, results, args.runs, workdir)
        finally:
            launcher.close()
        body, ok = report(results, grown, args.runs, argv, missing)
        if args.pg:
            body += "\n" + pg_report(results)
            drop_pg_databases(args.pg, results)
    sys.stdout.write(body + "\n")
    if not args.no_write:
        write_doc(body, args.out)
        sys.stderr.write(f"wrote {args.out}\n")
    if args.fail_over_budget and not ok:
        failed = 1
    broken = [f"{info['label']}: {c.name}" for info, cmds in results for c in cmds if c.failed]
    if broken:
        sys.stderr.write(f"commands that failed: {', '.join(broken)}\n")
        failed = 1
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
