"""The one exit point: expected problems become `Error: …` and exit 1; bugs exit 3."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from network.cli import state
from network.cli.views import output
from network.common.errors import NetworkError

F = TypeVar("F", bound=Callable[..., Any])
INTERNAL_ERROR = 3


def guarded(fn: F) -> F:
    """Run a command body, turning expected errors into one line and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import typer

        try:
            return fn(*args, **kwargs)
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

    return wrapper  # type: ignore[return-value]
