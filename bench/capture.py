"""Time `network capture` on a ten-year, 50,000-message mbox and a 5,000-event calendar.

Generates both (bench/capture_files.py: conversations with 300 known people and 40
strangers, lists, no-reply senders, crowds, malformed dates), adds the known people to a
fresh database, then times each whole `network capture` process and reads its peak memory
(the child's maximum resident set size). Targets (issue 14): mail under 60 s, calendar
under 10 s, memory bounded (it must not grow with the mailbox's size in bytes).

Usage: python bench/capture.py [--messages 50000] [--events 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import capture_files as gen  # noqa: E402

NETWORK = [sys.executable, "-m", "network"]


def _run(args: list[str], env: dict[str, str], out: Path) -> tuple[float, float, dict]:
    """(seconds, peak MiB of this child alone, its --json document)."""
    start = time.perf_counter()
    with out.open("w") as stdout:
        child = subprocess.Popen(
            [*NETWORK, *args, "--json"], env=env, stdout=stdout, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)  # this child's own resource usage
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed (status {status})")
    return seconds, usage.ru_maxrss / 1024, json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=5_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        env = dict(os.environ, NETWORK_DB=str(root / "n.db"), NETWORK_CONFIG=str(root / "c.toml"))
        (root / "c.toml").write_text(f'[me]\nemails = ["{gen.ME}"]\n', encoding="utf-8")
        # about 2.5 messages a conversation, and a tenth of the mailbox noise
        threads = int(options.messages * 0.9 / 2.5)
        start = time.perf_counter()
        truth = gen.generate_mail(
            root / "mail.mbox",
            known=300,
            strangers=40,
            threads=threads,
            noise=options.messages // 10,
            years=10,
        )
        gen.generate_calendar(root / "cal.ics", known=truth.known, events=options.events, years=10)
        made = time.perf_counter() - start
        size = (root / "mail.mbox").stat().st_size
        print(f"generated {truth.messages:,} messages ({size / 2**20:.0f} MiB) and "
              f"{options.events:,} events in {made:.1f} s")  # fmt: skip
        contacts = root / "people.csv"
        contacts.write_text(
            "Name,E-mail\n" + "".join(f"{p.name},{p.address}\n" for p in truth.known),
            encoding="utf-8",
        )
        subprocess.run([*NETWORK, "import", "csv", str(contacts)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        for label, args, target in (
            ("mail", ["capture", "mail", str(root / "mail.mbox")], 60),
            ("mail, again", ["capture", "mail", str(root / "mail.mbox")], 60),
            ("calendar", ["capture", "calendar", str(root / "cal.ics")], 10),
        ):
            seconds, peak, result = _run(args, env, root / "out.json")
            verdict = "ok" if seconds < target else "OVER"
            print(
                f"{label:12} {seconds:6.1f} s (target {target} s, {verdict}), peak {peak:.0f} MiB: "
                f"{result['read']:,} read, {result['entries']:,} entries, "
                f"{result['queued']:,} to review, skipped {sum(result['skipped'].values()):,}"
            )


if __name__ == "__main__":
    main()
