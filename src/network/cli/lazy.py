"""The root's commands, built one at a time, when they are used.

Typer turns every command into a Click command on every start-up (reading each signature,
building each parameter), though a run uses one. Here the root group holds a mapping that
knows every command's name and module from a small generated table (cli/command_table.py)
and builds a command only when asked for it: `network log …` imports and builds `log` only;
`network --help` and TAB on a command name read the table and build nothing.

Regenerate the table with:
    python -m network.cli.lazy > src/network/cli/command_table.py
    ruff format src/network/cli/command_table.py
(tests/test_command_table.py fails when it is stale).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

# The modules under cli/commands whose register() adds commands, in the order they were
# always registered: the order `list_commands` (and so TAB completion) gives.
MODULES = (
    "ledger",
    "entry",
    "due",
    "snooze",
    "who_knows",
    "people",
    "demo",
    "loops",
    "insights",
    "transfer",
    "care",
    "config",
    "undo",
    "team",
    "capture",
    "brief",
)

_PACKAGE = "network.cli.commands"


def registered(module_name: str) -> Any:
    """A Typer holding what cli/commands/<module_name>.register() adds (nothing built yet:
    registering only records each function; the Click conversion is the costly part)."""
    import typer

    module = importlib.import_module(f"{_PACKAGE}.{module_name}")
    holder = typer.Typer()
    module.register(holder)
    return holder


def command_name(info: Any) -> str:
    """The name Typer gives a registered command (its own, else the function's)."""
    from typer.main import get_command_name

    return info.name or get_command_name(info.callback.__name__)


def build(module_name: str, name: str, **settings: Any) -> Any:
    """The Click command (or group, such as `entry`) `name`, from its module, converted as
    Typer converts it when it builds the whole tree (settings: the root's
    pretty_exceptions_short, rich_markup_mode and suggest_commands)."""
    from typer.main import get_command_from_info, get_group_from_info

    holder = registered(module_name)
    for info in holder.registered_commands:
        if command_name(info) == name:
            return get_command_from_info(
                info,
                pretty_exceptions_short=settings["pretty_exceptions_short"],
                rich_markup_mode=settings["rich_markup_mode"],
            )
    for group in holder.registered_groups:
        if group.name == name:
            return get_group_from_info(group, **settings)
    raise LookupError(f"{module_name}.register() adds no command {name!r}")


class LazyCommands(MutableMapping[str, Any]):
    """name -> Click command, each built on first access; iterating gives the names only.

    Click and Typer reach a group's commands through `commands.get(name)`, its keys (the
    suggestions for a mistyped name) and `list_commands`, so none of them builds more than
    the command a run uses."""

    def __init__(self, modules: dict[str, str], build: Callable[[str, str], Any]) -> None:
        self._modules = dict(modules)  # name -> module, in listing order
        self._build = build
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._modules:
                raise KeyError(name)
            self._built[name] = self._build(self._modules[name], name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        self._modules.setdefault(name, "")

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __contains__(self, name: object) -> bool:
        return name in self._modules


def table() -> list[tuple[str, str, str | None]]:
    """(name, module, first help line) of every root command, from the commands themselves,
    in the order Typer lists them (commands, then groups, each in registration order); a
    hidden command has no help line (runnable, never listed)."""
    import typer
    import typer.main

    from network.cli.helpgroups import WHOLE

    commands: list[tuple[str, str]] = []
    groups: list[tuple[str, str]] = []
    everything = typer.Typer(rich_markup_mode=None)
    for module_name in MODULES:
        holder = registered(module_name)
        commands += [(command_name(info), module_name) for info in holder.registered_commands]
        groups += [(str(group.name), module_name) for group in holder.registered_groups]
        everything.registered_commands += holder.registered_commands
        everything.registered_groups += holder.registered_groups
    built = typer.main.get_group(everything).commands
    return [
        (name, module_name, None if built[name].hidden else built[name].get_short_help_str(WHOLE))
        for name, module_name in commands + groups
    ]


def render() -> str:
    """The source of cli/command_table.py."""
    lines = [
        '"""Every root command: (name, module under cli/commands, first line of its help,',
        "None for a hidden command).",
        "",
        "Generated by `python -m network.cli.lazy > src/network/cli/command_table.py`, then",
        "`ruff format` it; tests/test_command_table.py fails when it is stale. `network --help`",
        "and TAB on a command name read it instead of building every command (cli/lazy.py).",
        '"""',
        "",
        "COMMANDS: tuple[tuple[str, str, str | None], ...] = (",
    ]
    lines += [f"    ({name!r}, {module!r}, {summary!r})," for name, module, summary in table()]
    lines.append(")")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
