"""Render the command reference (docs/commands.md) from the CLI itself, so it cannot drift.

Regenerate with:  python -m network.cli.reference > docs/commands.md
"""

from __future__ import annotations

import inspect


def _metavar(param, ctx) -> str:
    return param.make_metavar(ctx) if _takes_ctx(param) else param.make_metavar()


def _param_row(param, ctx) -> str:
    names = ", ".join(f"`{n}`" for n in [*param.opts, *param.secondary_opts])
    meta = ""
    if not getattr(param, "is_flag", False):
        meta = f" {_metavar(param, ctx)}"
    help_text = (getattr(param, "help", None) or "").replace("|", "\\|").replace("\n", " ")
    return f"| {names}{meta} | {help_text} |"


def render() -> str:
    """The whole reference as Markdown."""
    import typer

    from network.cli.main import app

    root = typer.main.get_command(app)
    lines = [
        "# Command reference",
        "",
        "Generated from the CLI by `python -m network.cli.reference > docs/commands.md`;",
        "`tests/test_docs.py` fails when this file is stale.",
        "",
        "Global options (before the command): `--db PATH` (database file; default `NETWORK_DB`,",
        "then your data dir), `--debug` (tracebacks), `--version`.",
        "",
    ]
    ctx = typer.Context(root, info_name="network")
    for name in sorted(root.list_commands(ctx)):
        lines += _command(root.get_command(ctx, name), f"network {name}", name, ctx)
    return "\n".join(lines).rstrip() + "\n"


def _command(command, path: str, name: str, parent) -> list[str]:
    """The section of one command, then of each of its subcommands (`network entry edit`)."""
    import typer

    sub = typer.Context(command, info_name=name, parent=parent)
    usage = " ".join(command.collect_usage_pieces(sub))
    lines = [f"## `{path}`", "", f"```\n{path} {usage}\n```", ""]
    lines += [inspect.cleandoc(command.help or ""), ""]
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    options = [p for p in command.params if p.param_type_name == "option" and not p.hidden]
    if arguments:
        lines += ["| argument | meaning |", "|---|---|"]
        for p in arguments:
            help_text = (getattr(p, "help", None) or "").replace("|", "\\|")
            lines.append(f"| `{_metavar(p, sub)}` | {help_text} |")
        lines.append("")
    if options:
        lines += ["| option | meaning |", "|---|---|"]
        lines += [_param_row(p, sub) for p in options]
        lines.append("")
    for child in sorted(getattr(command, "list_commands", lambda _ctx: [])(sub)):
        lines += _command(command.get_command(sub, child), f"{path} {child}", child, sub)
    return lines


def _takes_ctx(param) -> bool:
    return "ctx" in inspect.signature(param.make_metavar).parameters


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
