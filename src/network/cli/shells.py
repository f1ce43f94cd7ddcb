"""The shells' side of TAB completion: file names only where a file is expected.

Typer's own scripts fall back to file names whenever the program offers nothing (bash's
`complete -o default`, zsh's `_files`, fish's condition that turns file completion back
on), so TAB on a summary or a date offered whatever files were in the folder. These
classes tell the shell the type of what is offered, as Click's own scripts do: a value is
inserted, and only where the parameter is a path (`import FILE`, `capture mail PATH`)
does the shell complete file or folder names itself.

`install` swaps them in for Typer's before the app is built (Typer registers the classes
named in its module when it builds the command, and `--show-completion` /
`--install-completion` print the script from its table); it costs no import, Typer has
loaded both modules already.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from typer import _completion_classes as typer_classes
from typer import _completion_shared as typer_scripts

# Each line the program prints is "type,value"; type is plain, file or dir.
BASH_SCRIPT = r"""
%(complete_func)s() {
    local IFS=$'\n'
    local response line
    response=( $( env COMP_WORDS="${COMP_WORDS[*]}" \
                  COMP_CWORD=$COMP_CWORD \
                  %(autocomplete_var)s=complete_bash $1 ) )
    COMPREPLY=()
    for line in "${response[@]}"; do
        case "$line" in
            file,*) compopt -o default; COMPREPLY=(); return 0 ;;
            dir,*) compopt -o dirnames; COMPREPLY=(); return 0 ;;
            *) COMPREPLY+=("${line#*,}") ;;
        esac
    done
    return 0
}

complete -o nosort -F %(complete_func)s %(prog_name)s
"""

_PATHS = ("file", "dir", "path")
_FILE_METAVARS = ("PATH", "FILE")


def _wants_path(items: list[Any]) -> str | None:
    """'file' or 'dir' when the word being completed is a path, else None."""
    for item in items:
        if item.type in _PATHS:
            return "dir" if item.type == "dir" else "file"
    return None


class _Typed:
    """Completions that say when the word is a path: Typer's path type offers nothing (and
    leaves it to the shell's fallback), so a path parameter becomes one "file" item."""

    def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
        from typer._click.shell_completion import (
            CompletionItem,
            _resolve_context,
            _resolve_incomplete,
        )
        from typer.models import TyperPath

        ctx = _resolve_context(self.cli, self.ctx_args, self.prog_name, args)  # type: ignore[attr-defined]
        obj, incomplete = _resolve_incomplete(ctx, args, incomplete)
        items = obj.shell_complete(ctx, incomplete)
        kind = getattr(obj, "type", None)
        if items:
            return items
        if isinstance(kind, TyperPath):
            folder = kind.dir_okay and not kind.file_okay
            return [CompletionItem(incomplete, type="dir" if folder else "file")]
        # text parameters that name a file or a server (--db PATH, restore PATH, --out FILE)
        if getattr(obj, "metavar", None) in _FILE_METAVARS:
            return [CompletionItem(incomplete, type="file")]
        return items


class BashComplete(_Typed, typer_classes.BashComplete):
    """Typer's bash completion with each value's type, and no file names by default."""

    source_template = BASH_SCRIPT

    def format_completion(self, item: Any) -> str:
        kind = "dir" if item.type == "dir" else "file" if item.type in _PATHS else "plain"
        return f"{kind},{item.value}"


class ZshComplete(_Typed, typer_classes.ZshComplete):
    """Typer's zsh completion, with file names only for a path."""

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        path = _wants_path(items)
        if path:
            return "_files -/" if path == "dir" else "_files"
        if not items:
            return ""  # nothing to offer: not the folder's files either
        lines = "\n".join(self.format_completion(item) for item in items)
        return f"_arguments '*: :(({lines}))'"


class FishComplete(_Typed, typer_classes.FishComplete):
    """Typer's fish completion: its script turns file completion back on when the program
    says there are no arguments to offer, so say so only for a path."""

    def complete(self) -> str:
        action = os.getenv("_TYPER_COMPLETE_FISH_ACTION", "")
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        path = _wants_path(items)
        if action == "is-args":
            sys.exit(1 if path else 0)
        if action == "get-args" and not path:
            return "\n".join(self.format_completion(item) for item in items)
        return ""


def install() -> None:
    """Use these classes, and the bash script above, in place of Typer's."""
    typer_classes.BashComplete = BashComplete  # type: ignore[misc]
    typer_classes.ZshComplete = ZshComplete  # type: ignore[misc]
    typer_classes.FishComplete = FishComplete  # type: ignore[misc]
    typer_scripts._completion_scripts["bash"] = BASH_SCRIPT
