"""The `network` command: the root options and the registry of subcommands.

Only typer and the standard library are imported at module level, so `--help` and
TAB completion never pay for SQLAlchemy or SQLModel.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from network import __version__
from network.cli import state
from network.cli.helpgroups import WholeHelpGroup
from network.cli.views import output
from network.common import notices

# the root options that may also come after the command, as `--db` with its value
_ROOT_WITH_VALUE = ("--db",)
_ROOT_FLAGS = ("--debug", "--no-pager")


def hoisted(args: list[str]) -> list[str]:
    """args with the root options written after the command moved before it, so
    `network show alice --db other.db` means what `network --db other.db show alice` does.
    Nothing after `--` moves (a summary may say anything there)."""
    front: list[str] = []
    rest: list[str] = []
    seen_command = False
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if not seen_command:
            if arg in _ROOT_WITH_VALUE and i + 1 < len(args):
                front += args[i : i + 2]
                i += 2
                continue
            if not arg.startswith("-"):
                seen_command = True
            front.append(arg) if not seen_command else rest.append(arg)
        elif arg in _ROOT_FLAGS or arg.startswith(tuple(f"{o}=" for o in _ROOT_WITH_VALUE)):
            front.append(arg)
        elif arg in _ROOT_WITH_VALUE and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _one_line(exc: Exception) -> Exception:
    """A usage error Click found, shown as every error is: `Error: … — hint` (exit 2)."""
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "network"
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)

    def show(file: object = None) -> None:
        output.error(message.rstrip("."), f"see {path} --help")

    exc.show = show  # type: ignore[attr-defined]
    return exc


# `network --help` lists the commands under these headings, in this order (Typer's
# rich_help_panel needs Rich help, which the start-up budget rules out). A command not
# named here still shows, under "Other" (tests/test_help_groups.py keeps that empty).
HELP_GROUPS: dict[str, tuple[str, ...]] = {
    "Daily": ("due", "log", "give", "ask", "thank", "history", "undo", "entry", "snooze", "brief"),
    "People": (
        "add",
        "edit",
        "show",
        "people",
        "knows",
        "forget",
        "who-knows",
        "link",
        "archive",
        "rm",
        "merge",
        "dupes",
    ),
    "Closing loops": ("asks", "answer", "promise", "promises", "done", "intro"),
    "Looking back": ("balance", "drift", "stats"),
    "Moving data": ("import", "export", "capture", "inbox"),
    "Care": ("backup", "restore", "doctor", "config", "demo"),
    "Team": ("team",),
}


def help_sections(names: list[str]) -> list[tuple[str, list[str]]]:
    """The root help's (heading, commands) in order; commands not in HELP_GROUPS last."""
    listed = set(names)
    sections = [
        (heading, [n for n in members if n in listed]) for heading, members in HELP_GROUPS.items()
    ]
    grouped = {n for members in HELP_GROUPS.values() for n in members}
    sections.append(("Other", [n for n in names if n not in grouped]))
    return [(heading, members) for heading, members in sections if members]


class NetworkGroup(WholeHelpGroup):
    """The root command: root options after the command too, `network` alone on a
    terminal runs `due` (as `task` runs its next report), usage errors in one line.

    Its commands are built one at a time, when used (cli/lazy.py): a run builds the one
    it runs, and `--help` or TAB on a command name build none, reading the generated
    table of names and first help lines (cli/command_table.py) instead."""

    def __init__(self, **attrs: Any) -> None:
        from network.cli.command_table import COMMANDS
        from network.cli.lazy import LazyCommands

        super().__init__(**attrs)
        built = dict(self.commands)
        self.commands = LazyCommands({name: module for name, module, _ in COMMANDS}, self._build)
        self.commands.update(built)
        self._summaries = {name: summary for name, _, summary in COMMANDS}

    def _build(self, module_name: str, name: str) -> Any:
        from network.cli.lazy import build

        return build(
            module_name,
            name,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=self.rich_markup_mode,
            suggest_commands=self.suggest_commands,
        )

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command's name, in the order registered; none is built."""
        return list(self.commands)

    def summary(self, ctx: Any, name: str) -> str | None:
        """A command's first help line, from the table while it is not built (None: hidden)."""
        if name in self._summaries:
            return self._summaries[name]
        return super().summary(ctx, name)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """TAB on a command name: every command with its description, as Click offers them,
        from the table; then the root options."""
        from typer._click.core import Command
        from typer._click.shell_completion import CompletionItem
        from typer._click.utils import make_default_short_help

        items = [
            CompletionItem(name, help=make_default_short_help(summary))
            for name in self.list_commands(ctx)
            if name.startswith(incomplete) and (summary := self.summary(ctx, name)) is not None
        ]
        return items + Command.shell_complete(self, ctx, incomplete)

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        args = hoisted(list(args))
        if not args and not ctx.resilient_parsing and sys.stdout.isatty() and sys.stdin.isatty():
            args = ["due"]
        try:
            return super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            raise _one_line(exc) from None

    def help_sections(self, names: list[str]) -> list[tuple[str, list[str]]]:
        """The commands under the headings of HELP_GROUPS."""
        return help_sections(names)

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            raise _one_line(exc) from None


app = typer.Typer(
    name="network",
    cls=NetworkGroup,
    help=(
        "Keep your real network: a ledger of what you give and ask, and who to contact today.\n\n"
        'Example: network log alice "coffee chat, she\'s hiring"'
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: Typer's Rich help imports rich.markdown, pygments and rich.traceback
    # (~70 ms) on every --help; docs/performance.md holds --help to 12x `python -c pass`.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"network {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="PATH", help="Database file (default: NETWORK_DB, then your data dir)."
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help="Never page long tables (NETWORK_PAGER or PAGER, else less)."
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Keep your real network: who to contact today, and who can help."""
    state.db_option = db
    state.debug = state.debug or debug
    output.paging = not no_pager
    notices.listen(output.message)


def main() -> None:
    """Entry point of the console script and `python -m network`.

    Exits without tearing down the interpreter: once a write has loaded SQLAlchemy and
    SQLModel, freeing thousands of their objects one by one costs tens of milliseconds for
    nothing. Output is flushed and atexit handlers run first; every database connection
    and file was closed by the command itself.
    """
    import atexit
    import contextlib
    import functools
    import os
    import sys

    import typer.main as typer_main

    from network.cli import shells

    shells.install()  # TAB completes file names only where a file is expected
    # Typer reads a completion function's signature again for every parameter that uses it
    # (every PERSON argument names the same one): ~15 ms of each start-up, --help included
    typer_main.get_param_completion = functools.lru_cache(maxsize=None)(
        typer_main.get_param_completion
    )
    code: int | str | None = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # SystemExit("message") prints it and exits 1, as Python does
        sys.stderr.write(code + "\n")
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code or 0)
