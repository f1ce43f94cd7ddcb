"""TAB completion through the shell protocol, against a real database of 1,000 people:
names (prefix, a word inside, a misspelling), open asks and promises by id, the fixed words
options take; read with sqlite3 alone, within the --help budget; never a guessed file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import connections_csv

TODAY = "2026-11-22"
HEAVY = {"sqlalchemy", "sqlmodel", "pydantic", "psycopg"}
RUNNER = """
import atexit, json, sys
def _dump(path=sys.argv[1]):
    with open(path, "w") as f:
        json.dump(sorted({m.split(".")[0] for m in sys.modules}), f)
atexit.register(_dump)
sys.argv = ["network"]
from network.cli.main import main
main()
"""


def complete(tmp: Path, line: str, shell: str = "bash", db: str | None = None):
    """What `network` offers for the last word of line (bash: COMP_WORDS/COMP_CWORD; zsh:
    _TYPER_COMPLETE_ARGS), and the top-level packages it loaded doing so."""
    import shlex

    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    env = {**os.environ, "_NETWORK_COMPLETE": f"complete_{shell}"}
    if db is not None:
        env["NETWORK_DB"] = db
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    out = tmp / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", RUNNER, str(out)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    import json

    lines = [w for w in run.stdout.splitlines() if w]
    if shell == "bash":  # "type,value": what is offered is the value (typed plain)
        assert all(w.startswith("plain,") for w in lines), lines
        lines = [w.removeprefix("plain,") for w in lines]
    return lines, set(json.loads(out.read_text()))


@pytest.fixture
def thousand(cli, tmp_path: Path, isolated_db: Path) -> Path:
    """1,000 imported contacts (roster), and a few real ties with open items."""
    csv = connections_csv(tmp_path / "Connections.csv", 1000)
    assert cli("import", "linkedin", str(csv), today=TODAY).exit_code == 0
    for args in (
        ["Alice Chen", "--tie", "close"],
        ["Bob Li"],
        ["Mary-Jane O'Brien", "--tie", "close"],
        ["Alicia Keys"],
    ):
        assert cli("add", *args, today=TODAY).exit_code == 0
    assert cli("log", "alicia", "lunch", "--when", "2 days ago", today=TODAY).exit_code == 0
    assert cli("ask", "bob", "intro to Sam", today=TODAY).exit_code == 0
    assert cli("promise", "alice", "send the deck", "--by", "friday", today=TODAY).exit_code == 0
    return isolated_db


def test_names_complete_likeliest_first_escaped_for_bash(tmp_path, thousand):
    offered, modules = complete(tmp_path, "network log ali")
    # close ties first, then recent contact; a space stays inside one word
    assert offered == ["Alice\\ Chen", "Alicia\\ Keys"]
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_a_word_inside_the_name_and_a_misspelling_complete_too(tmp_path, thousand):
    assert complete(tmp_path, "network show chen")[0] == ["Alice\\ Chen"]
    assert complete(tmp_path, "network show obr")[0] == ["Mary-Jane\\ O\\'Brien"]
    assert complete(tmp_path, "network give alcie")[0][0] == "Alice\\ Chen"
    assert complete(tmp_path, "network history Alice\\ C")[0] == ["Alice\\ Chen"]


def test_every_person_argument_completes(tmp_path, thousand):
    for line in (
        "network intro alice bo",
        "network link bo",
        "network snooze bo",
        "network merge bo",
        "network log alice x --via bo",
        "network knows bo",
    ):
        assert complete(tmp_path, line)[0] == ["Bob\\ Li"], line


def test_zsh_gets_plain_names_with_descriptions(tmp_path, thousand):
    offered, _ = complete(tmp_path, "network show ali", shell="zsh")
    text = " ".join(offered)
    assert '(("Alice Chen":"close, never contacted" "Alicia Keys":"casual' in text


def test_open_asks_and_promises_complete_by_id_with_their_summaries(tmp_path, thousand):
    assert complete(tmp_path, "network answer ")[0] == ["e2"]
    assert complete(tmp_path, "network done ")[0] == ["o1"]
    zsh, _ = complete(tmp_path, "network answer e", shell="zsh")
    assert '"e2":"Bob Li\\: intro to Sam"' in zsh[0] or "intro to Sam" in zsh[0]


def test_fixed_words_complete(tmp_path, thousand):
    assert complete(tmp_path, "network answer e2 g")[0] == ["granted"]
    assert complete(tmp_path, "network log alice x --kind co")[0] == ["congrats", "coffee"] or set(
        complete(tmp_path, "network log alice x --kind co")[0]
    ) == {"coffee", "congrats"}
    assert complete(tmp_path, "network people --sort ba")[0] == ["balance"]
    assert complete(tmp_path, "network edit alice --tie c")[0] == ["close", "casual"]


def test_no_database_completes_nothing_and_creates_nothing(tmp_path):
    missing = tmp_path / "none.db"
    assert complete(tmp_path, "network log al", db=str(missing))[0] == []
    assert not missing.exists()
    offered, modules = complete(tmp_path, "network log al", db="postgresql://u@localhost/x")
    assert offered == [] and not modules & HEAVY


def test_completion_stays_within_the_help_budget(tmp_path, thousand):
    """A TAB costs what --help costs (which docs/performance.md holds to its budget of
    10x `python -c pass`): the database read adds little. Best of three, both measured
    alike, so a busy machine slows both."""

    def best(env: dict[str, str], *args: str) -> float:
        code = "import sys; sys.argv = ['network', *sys.argv[1:]]; "
        code += "from network.cli.main import main; main()"
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code, *args],
                env={**os.environ, **env},
                capture_output=True,
                check=True,
            )
            times.append(time.perf_counter() - start)
        return min(times)

    helping = best({}, "--help")
    # the slowest road: a misspelling scans every name
    line = {"_NETWORK_COMPLETE": "complete_bash", "COMP_WORDS": "network log alcie"}
    spent = best({**line, "COMP_CWORD": "2"})
    assert spent <= 1.5 * helping + 0.05, (spent, helping)
