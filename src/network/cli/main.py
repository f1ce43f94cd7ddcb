"""The `network` command: the root options and the registry of subcommands.

Only typer and the standard library are imported at module level, so `--help` and
TAB completion never pay for SQLAlchemy or SQLModel.
"""

from __future__ import annotations

from typing import Annotated

import typer

from network import __version__
from network.cli import state
from network.cli.views import output
from network.common import notices

app = typer.Typer(
    name="network",
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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Keep your real network: who to contact today, and who can help."""
    state.db_option = db
    state.debug = state.debug or debug
    notices.listen(output.message)


def _register() -> None:
    from network.cli.commands import brief as brief_cmd
    from network.cli.commands import capture as capture_cmds
    from network.cli.commands import care as care_cmds
    from network.cli.commands import config as config_cmd
    from network.cli.commands import demo as demo_cmd
    from network.cli.commands import due as due_cmd
    from network.cli.commands import entry as entry_cmds
    from network.cli.commands import insights as insight_cmds
    from network.cli.commands import ledger as ledger_cmds
    from network.cli.commands import loops as obligation_cmds
    from network.cli.commands import people as people_cmds
    from network.cli.commands import snooze as snooze_cmd
    from network.cli.commands import team as team_cmds
    from network.cli.commands import transfer as transfer_cmds
    from network.cli.commands import undo as undo_cmd
    from network.cli.commands import who_knows as who_knows_cmd

    for module in (
        ledger_cmds,
        entry_cmds,
        due_cmd,
        snooze_cmd,
        who_knows_cmd,
        people_cmds,
        demo_cmd,
        obligation_cmds,
        insight_cmds,
        transfer_cmds,
        care_cmds,
        config_cmd,
        undo_cmd,
        team_cmds,
        capture_cmds,
        brief_cmd,
    ):
        module.register(app)


_register()


def main() -> None:
    """Entry point of the console script and `python -m network`.

    Exits without tearing down the interpreter: once a write has loaded SQLAlchemy and
    SQLModel, freeing thousands of their objects one by one costs tens of milliseconds for
    nothing. Output is flushed and atexit handlers run first; every database connection
    and file was closed by the command itself.
    """
    import atexit
    import contextlib
    import os
    import sys

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
