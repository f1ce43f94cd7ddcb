"""`network config`: where the settings file is and what is set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from network.app.results import Result, doc
from network.common import config


@dataclass
class SettingRow(Result):
    """One setting and where its value comes from."""

    key: str = doc("the setting's name in the file")
    value: Any = doc("the value in effect")
    source: str = doc("file (set there) or default")
    meaning: str = doc("what it does")


@dataclass
class Config(Result):
    """The settings file and the settings in effect."""

    path: str = doc("the settings file (NETWORK_CONFIG, else the user config dir)")
    exists: bool = doc("whether the file exists (no file: every setting is its default)")
    settings: list[SettingRow] = doc("every setting, in the order the docs list them")


def show() -> Config:
    """Read and check the settings file (an unknown key or a bad value is an error)."""
    settings = config.load()
    return Config(
        path=str(settings.path),
        exists=settings.exists,
        settings=[
            SettingRow(
                key=key,
                value=settings.values[key],
                source="file" if key in settings.set_keys else "default",
                meaning=known.meaning,
            )
            for key, known in config.SETTINGS.items()
        ],
    )
