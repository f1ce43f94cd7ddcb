"""`due --notify` with the real notify-send (libnotify-bin), when it is installed.

Without a desktop session (no DISPLAY, no session bus: a server, CI, cron without the bus
address) notify-send cannot deliver; `due --notify` must then say so in one line, with
notify-send's own reason, and exit 1 — not hang, not crash. The variables are removed so
that the test sees the same on a developer's desktop.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TODAY = "2026-11-22"

pytestmark = pytest.mark.skipif(
    shutil.which("notify-send") is None, reason="notify-send (libnotify-bin) is not installed"
)


def test_notify_send_without_a_desktop_session_is_one_line_with_its_reason(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    settings = tmp_path / "config.toml"
    settings.write_text('notify = ["notify-send", "network due", "{message}"]\n')
    monkeypatch.setenv("NETWORK_CONFIG", str(settings))
    assert (
        cli("add", "Ann Alpha", "--tie", "close", "--last", "2026-09-01", today=TODAY).exit_code
        == 0
    )

    r = cli("due", "--notify", today=TODAY)

    assert r.exit_code == 1, r
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith('Error: the notify command "notify-send" failed (exit 1): '), line
    assert "D-Bus" in line or "DBus" in line or "DISPLAY" in line, line  # notify-send's reason
    assert line.endswith(" — run it by hand to see why")
    assert r.stdout == ""
