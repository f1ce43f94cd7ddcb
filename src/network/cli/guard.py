"""The one exit point: expected problems become `Error: …` and exit 1; bugs exit 3."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from network.cli import state
from network.cli.views import output
from network.common.errors import NetworkError
from network.domain.names import PickPerson

F = TypeVar("F", bound=Callable[..., Any])
INTERNAL_ERROR = 3


def on_terminal() -> bool:
    """Whether a person is there to answer a question (never prompt a script or a pipe)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def _picked(problem: PickPerson, kwargs: dict[str, Any]) -> dict[str, Any] | None:
    """The command's arguments with the ambiguous name replaced by the id of the person
    picked on a terminal; None when no one can answer, they cancel, or the name typed is
    not one argument as given (then the error is shown as it is)."""
    holders = [key for key, value in kwargs.items() if value == problem.query]
    if len(holders) != 1 or not on_terminal():
        return None
    from network.cli.views import pick
    from network.domain.names import person_ref

    chosen = pick.pick(problem, state.today())
    if chosen is None:
        return None
    return {**kwargs, holders[0]: person_ref(chosen)}


def guarded(fn: F) -> F:
    """Run a command body, turning expected errors into one line and an exit code.

    When several people match a name, a person at a terminal picks one and the command
    runs again with their id. The app raised before writing anything, and the question
    is asked here, with no transaction open and no lock held.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(MAX_PICKS):
            try:
                return _run(fn, args, kwargs)
            except PickPerson as problem:
                again = _picked(problem, kwargs) if attempt < MAX_PICKS - 1 else None
                if again is None:
                    if state.debug:
                        raise
                    _fail(problem)
                kwargs = again  # type: ignore[assignment]
        return None  # pragma: no cover - the last round returns or fails

    return wrapper  # type: ignore[return-value]


MAX_PICKS = 4  # a command names at most a few people


def _fail(exc: NetworkError) -> None:
    import typer

    output.error(str(exc), exc.hint)
    raise typer.Exit(1) from None


def _run(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """One run of the command body; every error but a choice among people ends here."""
    import typer

    try:
        return fn(*args, **kwargs)
    except PickPerson:
        raise
    except NetworkError as exc:
        if state.debug:
            raise
        output.error(str(exc), exc.hint)
        raise typer.Exit(1) from None
    except (typer.Exit, typer.Abort):
        raise
    except UnicodeEncodeError:
        # bytes that are not UTF-8 reach us as lone surrogates (surrogateescape) and
        # cannot be stored or matched; the transaction has been rolled back
        if state.debug:
            raise
        output.error(
            "the input contains bytes that are not valid UTF-8 text",
            "retype it, or check your terminal's encoding; nothing was changed",
        )
        raise typer.Exit(1) from None
    except OverflowError:
        # a number beyond what SQLite stores (2**63) reached a query: nothing matched
        # it or could be written with it, and the transaction has been rolled back
        if state.debug:
            raise
        output.error("a number given is too large", "use a number below 9223372036854775807")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        output.message("Interrupted; nothing was changed.")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # the reader (head, less) went away: not an error worth a message
        sys.stderr.close()
        raise typer.Exit(0) from None
    except Exception as exc:
        if state.debug:
            raise
        first_line = (str(exc).splitlines() or [""])[0][:200]
        output.error(
            f"internal error ({type(exc).__name__}: {first_line})",
            "run again with --debug for details, and please report it",
        )
        raise typer.Exit(INTERNAL_ERROR) from None
