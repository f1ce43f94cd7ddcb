"""Expected problems: each is shown to the user as one line `Error: …` plus a hint, exit 1."""

from __future__ import annotations


class NetworkError(Exception):
    """A problem the user can act on; never a bug."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class BadInput(NetworkError):
    """A value on the command line that cannot be used as given."""


class BadDate(BadInput):
    """A date (or cadence, or birthday) that cannot be read."""


class UnknownPerson(NetworkError):
    """No one in the network matches the name given."""

    def __init__(self, query: str, suggestions: list[str] | None = None) -> None:
        self.query = query
        self.suggestions = suggestions or []
        if self.suggestions:
            quoted = ", ".join(f'"{s}"' for s in self.suggestions)
            hint = f"did you mean {quoted}?"
        elif query.startswith("#"):
            hint = "see the ids with network people --json"
        else:
            hint = f'add them first: network add "{query}"'
        what = f"no one with id {query}" if query.startswith("#") else f'no one called "{query}"'
        super().__init__(f"{what} in your network", hint)


class AmbiguousPerson(NetworkError):
    """More than one person matches the name given."""

    def __init__(
        self, query: str, candidates: list[str], hint: str = "use more of the name"
    ) -> None:
        self.query = query
        self.candidates = candidates
        shown = ", ".join(f'"{c}"' for c in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(f'"{query}" matches {len(candidates)} people: {shown}{more}', hint)


class DatabaseProblem(NetworkError):
    """The database file cannot be opened, read or written."""
