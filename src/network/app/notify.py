"""`due --notify`: today's list, as one short message, handed to a command the user set.

The one place the program starts another program, and only the one the user wrote in
their settings: run directly (never through a shell), with the message as data — in an
argument where the command says "{message}", and on its standard input.
"""

from __future__ import annotations

from dataclasses import dataclass

from network.app.agenda import Agenda
from network.app.results import Result, doc
from network.common.errors import NetworkError

# short words for each kind of reason: the message leaves the machine, so it carries
# names and kinds, never the summaries (some come from private entries)
_NOTIFY_WORDS = {
    "promise_overdue": "promise overdue",
    "promise_soon": "promise due soon",
    "thanks": "thank-you",
    "loop": "close the loop",
    "followup": "intro follow-up",
    "overdue": "contact due",
    "first_contact": "first contact",
    "ask_waiting": "ask waiting",
    "snoozed": "snoozed",
}


def notify_message(agenda: Agenda) -> str:
    """Today's list as one short message: a line per person, the kinds of their reasons."""
    people = "person" if len(agenda.items) == 1 else "people"
    lines = [f"network due {agenda.day.isoformat()}: {len(agenda.items)} {people}"]
    for item in agenda.items:
        words = [
            r.text if r.kind == "birthday" else _NOTIFY_WORDS.get(r.kind, r.kind)
            for r in item.reasons
        ]
        lines.append(f"{item.name}: {', '.join(dict.fromkeys(words))}")
    if agenda.more:
        lines.append(f"{agenda.more} more can wait")
    return "\n".join(lines)


@dataclass
class Notified(Result):
    """What `due --notify` handed to the configured command."""

    command: list[str] = doc("the command run, its arguments as given to it")
    people: int = doc("how many people the message named (0: nothing was sent)")
    message: str = doc("the message, or empty when nothing was due")


def notify(agenda: Agenda, command: list[str] | None) -> Notified:
    """Hand today's list to the user's notify command: "{message}" in an argument is
    replaced by it, and it is also written to the command's standard input."""
    import subprocess  # noqa: S404 (the user's own command, never a shell)

    from network.common.config import ConfigProblem

    if not command:
        raise ConfigProblem(
            "no notify command is set",
            'add one to the settings file, e.g. notify = ["notify-send", "network due", '
            '"{message}"] (network config shows where it is)',
        )
    if not agenda.items:
        return Notified(command=command, people=0, message="")
    message = notify_message(agenda)
    args = [a.replace("{message}", message) for a in command]
    try:
        done = subprocess.run(
            args,
            input=message,
            text=True,
            capture_output=True,
            timeout=60,
            check=False,
            shell=False,
        )
    except FileNotFoundError:
        raise ConfigProblem(
            f'the notify command "{command[0]}" was not found', "check notify in the settings"
        ) from None
    except subprocess.TimeoutExpired:
        raise NetworkError(
            f'the notify command "{command[0]}" did not finish within a minute',
            "check that it does not wait for input it never gets",
        ) from None
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout or "").split())[:200]
        raise NetworkError(
            f'the notify command "{command[0]}" failed (exit {done.returncode})'
            + (f": {said}" if said else ""),
            "run it by hand to see why",
        )
    return Notified(command=command, people=len(agenda.items), message=message)
