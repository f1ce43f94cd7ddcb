"""Fast start: --help and TAB completion must not load the database stack.

Each case runs `network` in a fresh interpreter (modules already imported by pytest would
hide the truth) and reports which top-level packages were loaded when it exited.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {"sqlalchemy", "sqlmodel", "pydantic"}

# Runs the console-script entry point, then dumps sys.modules at exit (Click exits via SystemExit).
RUNNER = """
import atexit, json, sys
def _dump(path=sys.argv[1]):
    with open(path, "w") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(_dump)
sys.argv = ["network", *sys.argv[2:]]
from network.cli.main import main
main()
"""


def loaded(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """Top-level packages loaded by `network ARGS…`, and what it printed."""
    modules, printed = loaded_modules(tmp_path, *args, env=env)
    return {m.split(".")[0] for m in modules}, printed


def loaded_modules(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[set[str], str]:
    """Every module loaded by `network ARGS…`, and what it printed."""
    out = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(out), *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return set(json.loads(out.read_text())), result.stdout + result.stderr


@pytest.mark.parametrize("args", [["--help"], ["log", "--help"], ["who-knows", "--help"], []])
def test_help_does_not_import_the_database_stack(tmp_path, args):
    modules, stdout = loaded(tmp_path, *args)
    assert "Usage: network" in stdout
    assert "typer" in modules
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_tab_completion_does_not_import_the_database_stack(tmp_path):
    env = {"_NETWORK_COMPLETE": "complete_bash", "COMP_WORDS": "network d", "COMP_CWORD": "1"}
    modules, stdout = loaded(tmp_path, env=env)
    assert "plain,due" in stdout.split()
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_help_does_not_import_rich(tmp_path):
    modules, _ = loaded(tmp_path, "--help")
    assert "rich" not in modules


def test_the_check_sees_a_write_loading_the_stack(tmp_path):
    """The probe itself works: a write does load SQLModel, and the runner reports it."""
    modules, _ = loaded(tmp_path, "add", "Alice Chen")
    assert {"sqlmodel", "sqlalchemy"} <= modules


COMMANDS = "network.cli.commands."


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["log", "--help"], "ledger"),
        (["log", "alice", "coffee", "--db", "{db}"], "ledger"),
        (["entry", "edit", "--help"], "entry"),
        (["who-knows", "--help"], "who_knows"),
    ],
)
def test_a_command_imports_its_own_module_only(tmp_path, args, module):
    """A run builds the one command it runs: no other cli/commands module is imported."""
    args = [a.format(db=tmp_path / "n.db") for a in args]
    modules, printed = loaded_modules(tmp_path, *args)
    assert "Usage: network" in printed or "alice" in printed.lower(), printed
    assert {m for m in modules if m.startswith(COMMANDS)} == {COMMANDS + module}


@pytest.mark.parametrize(
    "env",
    [
        {"_NETWORK_COMPLETE": "complete_bash", "COMP_WORDS": "network ", "COMP_CWORD": "1"},
        {"_NETWORK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "network w"},
    ],
)
def test_help_and_completing_a_command_name_import_no_command_module(tmp_path, env):
    """The root's list comes from cli/command_table.py: nothing under cli/commands loads."""
    for args, run_env in ((["--help"], None), ([], env)):
        modules, printed = loaded_modules(tmp_path, *args, env=run_env)
        assert "who-knows" in printed, printed
        assert not {m for m in modules if m.startswith(COMMANDS)}, sorted(modules)


def test_completing_inside_a_command_imports_that_command_only(tmp_path):
    env = {"_NETWORK_COMPLETE": "complete_bash", "COMP_WORDS": "network log --k", "COMP_CWORD": "2"}
    modules, printed = loaded_modules(tmp_path, env=env)
    assert "plain,--kind" in printed.split(), printed
    assert {m for m in modules if m.startswith(COMMANDS)} == {COMMANDS + "ledger"}
