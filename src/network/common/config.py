"""Settings: a small TOML file in the user config dir (NETWORK_CONFIG names another).

    # ~/.config/network/config.toml
    budget = 5                 # people a day on `due`
    birthday_window = 7        # days ahead a birthday shows on `due`
    default_tie = "casual"     # the tie `add` gives without --tie
    notify = ["notify-send", "network due", "{message}"]   # or one string, split like a shell

    [cadence]                  # days between contacts for someone without their own --every
    close = 30
    casual = 90                # (roster ties have no rhythm)

    [me]                       # who you are, for `capture` and `brief`
    emails = ["you@example.com", "you@work.example"]
    company_domains = ["work.example"]   # colleagues' mail and meetings are not captured
    calendar = "~/calendar.ics"          # the calendar file `brief` reads

Read with the standard library's tomllib. An unknown key or a bad value is an error that
names the file, never silently ignored. A missing file means the defaults.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from network.common.dates import MAX_CADENCE_DAYS
from network.common.errors import NetworkError

ENV_VAR = "NETWORK_CONFIG"
TIES = ("close", "casual", "roster")


class ConfigProblem(NetworkError):
    """The settings file cannot be used as written."""


@dataclass(frozen=True)
class Setting:
    """One key the file may hold: its default and what it means."""

    default: Any
    meaning: str


SETTINGS: dict[str, Setting] = {
    "budget": Setting(5, "people a day on `due` (0: only what you owe)"),
    "birthday_window": Setting(7, "days ahead a birthday shows on `due` (0-31)"),
    "default_tie": Setting("casual", "the tie `add` gives without --tie: close, casual or roster"),
    "notify": Setting(
        None, 'the command `due --notify` runs, e.g. ["notify-send", "network due", "{message}"]'
    ),
    # the same defaults as domain.cadence.TIE_CADENCE (common imports nothing of ours; a test
    # keeps the two equal)
    "cadence.close": Setting(30, "days between contacts with a close tie without --every"),
    "cadence.casual": Setting(90, "days between contacts with a casual tie without --every"),
    "me.emails": Setting([], 'your own addresses, for capture: me.emails = ["you@example.com"]'),
    "me.company_domains": Setting([], "your company's mail domains, left out by capture"),
    "me.calendar": Setting(None, "the calendar file (.ics) `brief` reads"),
}
# Ties whose rhythm the settings set (a roster tie has none: that is what roster means).
CADENCE_TIES = ("close", "casual")


@dataclass(frozen=True)
class Settings:
    """The settings in effect, and which of them the file set."""

    path: Path
    exists: bool
    values: dict[str, Any]
    set_keys: tuple[str, ...] = field(default=())

    @property
    def budget(self) -> int:
        """People a day on `due`."""
        return self.values["budget"]

    @property
    def birthday_window(self) -> int:
        """Days ahead a birthday shows."""
        return self.values["birthday_window"]

    @property
    def default_tie(self) -> str:
        """The tie `add` gives without --tie."""
        return self.values["default_tie"]

    @property
    def notify(self) -> list[str] | None:
        """The notify command as arguments, or None."""
        return self.values["notify"]

    @property
    def own_emails(self) -> tuple[str, ...]:
        """Your own addresses ([me] emails), lower-cased."""
        return tuple(e.strip().lower() for e in self.values["me.emails"])

    @property
    def company_domains(self) -> tuple[str, ...]:
        """Your company's mail domains ([me] company_domains), lower-cased."""
        return tuple(d.strip().lower().lstrip("@") for d in self.values["me.company_domains"])

    @property
    def calendar(self) -> Path | None:
        """The calendar file `brief` reads ([me] calendar)."""
        value = self.values["me.calendar"]
        return Path(value).expanduser() if value else None

    @property
    def tie_cadence(self) -> dict[str, int]:
        """Days between contacts for each tie with a rhythm, for people without their own."""
        return {tie: self.values[f"cadence.{tie}"] for tie in CADENCE_TIES}


def config_path() -> Path:
    """NETWORK_CONFIG, else config.toml in the platform's user config dir."""
    value = os.environ.get(ENV_VAR)
    if value:
        return Path(value).expanduser()
    from network.common.paths import user_dir

    return user_dir("config") / "config.toml"


def _int(key: str, value: Any, low: int, high: int, where: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigProblem(
            f"{key} = {value!r} in {where} is not a whole number from {low} to {high}",
            f"e.g. {key} = {SETTINGS[key].default}",
        )
    return value


def check(key: str, value: Any, where: Path) -> Any:
    """A value for key, checked (and the notify command split into arguments)."""
    if key == "budget":
        return _int(key, value, 0, 1000, where)
    if key == "birthday_window":
        return _int(key, value, 0, 31, where)
    if key.startswith("cadence.") and key in SETTINGS:
        return _int(key, value, 1, MAX_CADENCE_DAYS, where)
    if key == "default_tie":
        if value not in TIES:
            raise ConfigProblem(
                f"default_tie = {value!r} in {where} is not a tie", "use close, casual or roster"
            )
        return value
    if key == "notify":
        if isinstance(value, str):
            try:
                value = shlex.split(value)
            except ValueError as exc:
                raise ConfigProblem(
                    f"notify in {where} cannot be split into arguments: {exc}",
                    'write it as a list: notify = ["notify-send", "network due", "{message}"]',
                ) from None
        if not (isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)):
            raise ConfigProblem(
                f"notify in {where} is not a command",
                'e.g. notify = ["notify-send", "network due", "{message}"]',
            )
        return value
    if key in ("me.emails", "me.company_domains"):
        example = 'me.emails = ["you@example.com"]'
        if not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
            raise ConfigProblem(f"{key} in {where} is not a list of text", example)
        if key == "me.emails" and any("@" not in v for v in value):
            raise ConfigProblem(f"{key} in {where} holds something that is not an address", example)
        return value
    if key == "me.calendar":
        if not isinstance(value, str) or not value.strip():
            raise ConfigProblem(f"{key} in {where} is not a file name", 'me.calendar = "~/cal.ics"')
        return value
    if key.startswith("cadence."):
        raise ConfigProblem(
            f'unknown setting "{key}" in {where}',
            "the ties with a rhythm are close and casual (roster has none): "
            + ", ".join(f"cadence.{tie}" for tie in CADENCE_TIES),
        )
    raise ConfigProblem(
        f'unknown setting "{key}" in {where}', "known settings: " + ", ".join(SETTINGS)
    )


def load(path: Path | None = None) -> Settings:
    """The settings from the file (defaults where it says nothing, or when it is missing)."""
    where = path or config_path()
    values = {key: s.default for key, s in SETTINGS.items()}
    try:
        raw = where.read_bytes()
    except FileNotFoundError:
        return Settings(path=where, exists=False, values=values)
    except OSError as exc:
        raise ConfigProblem(
            f"cannot read {where}: {exc.strerror}", "check its permissions"
        ) from None
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigProblem(f"{where} is not valid TOML: {exc}", "fix the line it names") from None
    flat = _flatten(data)
    for key, value in flat.items():
        values[key] = check(key, value, where)
    return Settings(path=where, exists=True, values=values, set_keys=tuple(flat))


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    """A [table] of settings as dotted keys: [cadence] close = 14 is cadence.close."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                flat[f"{key}.{sub}"] = inner
        else:
            flat[key] = value
    return flat
