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


# --json: docs/json.md is generated from the result types, and real output is held to them

JSON_TODAY = "2026-11-22"
# the arguments each --json command is tried with on the demo network
JSON_ARGS = {
    "who-knows": [["who-knows", "hiring"], ["who-knows", "zzzz-nobody"]],
    "show": [["show", "Daniel Kim"]],
    "history": [["history"], ["history", "Daniel Kim"]],
    "due": [["due"], ["due", "--all"]],
    "asks": [["asks"], ["asks", "--open"]],
    "promises": [["promises"], ["promises", "--all"]],
    "people": [["people"], ["people", "--archived"]],
    "dupes": [["dupes"]],
    "undo --list": [["undo", "--list"]],
}


def test_json_reference_is_current():
    from network.cli.json_reference import render as render_json

    committed = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    assert committed == render_json(), (
        "docs/json.md is stale: python -m network.cli.json_reference > docs/json.md"
    )


def _every_command(group=None, ctx=None, prefix=""):
    """(full name, command) for every command, subcommands of groups (inbox accept) too."""
    import typer

    if group is None:
        group = typer.main.get_command(app)
        ctx = typer.Context(group, info_name="network")
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield prefix + name, command
        if hasattr(command, "list_commands"):  # a group: inbox, team, entry, config
            sub = typer.Context(command, info_name=name, parent=ctx)
            yield from _every_command(command, sub, f"{prefix}{name} ")


def test_every_json_command_has_a_documented_result_type():
    """Every command taking --json, a group's subcommands too, has its section in docs/json.md."""
    from network.cli.json_reference import json_results

    with_json = {
        name
        for name, command in _every_command()
        if any("--json" in p.opts for p in command.params)
    }
    assert {"inbox", "inbox accept", "inbox ignore", "team who-knows"} <= with_json
    # a command printing another document under a flag has its own section: `undo --list`
    assert with_json == {name.split(" --")[0] for name in json_results()}
    documented = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    for name in json_results():
        assert f"## `network {name} --json`" in documented, name


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from datetime import date

    from network.app import demo

    path = tmp_path_factory.mktemp("json") / "demo.db"
    demo.build(path, date.fromisoformat(JSON_TODAY), 7)
    return path


@pytest.mark.parametrize(
    "command", sorted(set(JSON_ARGS) | {"balance", "drift", "stats", "doctor"})
)
def test_real_json_output_matches_its_documented_type(cli, demo_db, command):
    import json

    from network.cli.json_reference import document_problems, json_results

    for args in JSON_ARGS.get(command, [[command]]):
        result = cli("--db", str(demo_db), *args, "--json", today=JSON_TODAY)
        assert result.exit_code == 0, result
        document = json.loads(result.stdout)
        assert document_problems(document, json_results()[command]) == [], args
