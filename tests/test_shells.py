"""The shells' side of TAB completion (cli/shells.py): file names are offered only where a
file is expected, in bash, zsh and fish; and the bash script, sourced in a real bash,
completes a name."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# the console script: completion is keyed to the program's name (_NETWORK_COMPLETE)
NETWORK = [str(Path(sys.executable).with_name("network"))]


def _run(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(NETWORK, env={**os.environ, **env}, capture_output=True, text=True)


def _offers(line: str, shell: str, db: Path) -> tuple[str, int]:
    """(what the program prints, its exit code) for TAB at the end of line."""
    env = {"_NETWORK_COMPLETE": f"complete_{shell}", "NETWORK_DB": str(db)}
    if shell == "bash":
        words = shlex.split(line) + ([""] if line.endswith(" ") else [])
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "is-args"
    run = _run(env)
    return run.stdout.strip(), run.returncode


@pytest.fixture
def db(cli, isolated_db: Path) -> Path:
    assert cli("add", "Alice Chen", "--tie", "close").exit_code == 0
    return isolated_db


FREE_TEXT = ["network log alice cof", "network due --limit ", "network give alice --when "]
PATHS = ["network import linkedin ", "network capture mail ", "network restore ", "network --db "]


@pytest.mark.parametrize("line", FREE_TEXT)
def test_free_text_never_gets_file_names(db, line):
    assert _offers(line, "bash", db) == ("", 0)
    assert _offers(line, "zsh", db) == ("", 0)  # not "_files"
    assert _offers(line, "fish", db)[1] == 0  # "there are arguments": fish offers no files


@pytest.mark.parametrize("line", PATHS)
def test_a_path_gets_the_shells_file_names(db, line):
    assert _offers(line, "bash", db) == ("file,", 0)
    assert _offers(line, "zsh", db) == ("_files", 0)
    assert _offers(line, "fish", db)[1] == 1  # fish completes files itself


def test_values_say_they_are_plain(db):
    assert _offers("network log al", "bash", db) == ("plain,Alice\\ Chen", 0)


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash here")
def test_the_bash_script_completes_a_name_in_a_real_bash(db, tmp_path):
    shown = subprocess.run(
        [*NETWORK, "--show-completion", "bash"],
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr
    assert "complete -o default" not in shown.stdout  # Typer's own falls back to files
    source = tmp_path / "network.bash"
    bin_dir = Path(NETWORK[0]).parent  # the script calls the program by name
    source.write_text(shown.stdout)
    probe = (
        f"source {shlex.quote(str(source))}\n"
        "COMP_WORDS=(network log al); COMP_CWORD=2\n"
        "_network_completion network\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        "complete -p network\n"
    )
    run = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        env={**os.environ, "NETWORK_DB": str(db), "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Alice\\ Chen"
    assert lines[1] == "complete -o nosort -F _network_completion network"
