"""Docs that cannot drift: the command reference is generated from the CLI."""

from pathlib import Path

import pytest

from network.cli.main import app
from network.cli.reference import render

ROOT = Path(__file__).resolve().parents[1]


def test_command_reference_is_current():
    committed = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "docs/commands.md is stale: python -m network.cli.reference > docs/commands.md"
    )


def _commands():
    import typer

    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="network")
    return [(name, root.get_command(ctx, name)) for name in root.list_commands(ctx)]


@pytest.mark.parametrize("name,command", _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_help_has_an_example(name, command):
    assert "Example" in (command.help or ""), f"network {name} --help has no example"


def test_readme_starts_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "network demo" in head
    assert "pytest" in head
