"""Lists that fit: -n/--limit on the lists, and history --grep TEXT --kind KIND."""

from __future__ import annotations

TODAY = "2026-11-22"


def test_limits_and_history_filters(cli) -> None:
    for name in ("Alice Chen", "Bob Li", "Carol Diaz"):
        assert cli("add", name, today=TODAY).exit_code == 0
    for person, summary, kind in (
        ("alice", "Coffee at Blue Bottle", "coffee"),
        ("bob", "café with Bob", "meal"),
        ("carol", "sent the deck", "email"),
    ):
        assert cli("log", person, summary, "--kind", kind, today=TODAY).exit_code == 0
    assert cli("ask", "bob", "intro to Sam", today=TODAY).exit_code == 0
    assert cli("ask", "carol", "advice", today=TODAY).exit_code == 0

    def summaries(*args: str) -> list[str]:
        run = cli("history", *args, "--json", today=TODAY)
        assert run.exit_code == 0, run
        return [e["summary"] for e in run.json()]

    assert summaries("-n", "2") == ["advice", "intro to Sam"]
    assert summaries("--grep", "COFFEE") == ["Coffee at Blue Bottle"]
    assert summaries("--grep", "cafe") == ["café with Bob"]  # accents ignored
    assert summaries("--kind", "meal") == ["café with Bob"]
    assert summaries("bob", "--grep", "sam") == ["intro to Sam"]
    assert len(cli("asks", "--json", "-n", "1", today=TODAY).json()) == 1
    assert len(cli("people", "--json", "--limit", "2", today=TODAY).json()) == 2
    table = cli("people", "-n", "1", today=TODAY).stdout.splitlines()
    assert len(table) == 2 and table[1].startswith("p1\tAlice Chen")
    assert len(cli("balance", "-n", "2", today=TODAY).stdout.splitlines()) == 3
