"""Settings (`network config`, NETWORK_CONFIG), `due --notify`, and Dunbar's layers on `due`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

TODAY = "2026-11-22"


def ok(r):
    assert r.exit_code == 0, r
    return r


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write the settings file NETWORK_CONFIG points at."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NETWORK_CONFIG", str(path))

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_config_says_where_the_file_is_and_what_is_set(cli, settings):
    r = ok(cli("config", "--json"))
    data = r.json()
    assert data["exists"] is False and data["path"].endswith("config.toml")
    assert {s["key"]: (s["value"], s["source"]) for s in data["settings"]} == {
        "budget": (5, "default"),
        "birthday_window": (7, "default"),
        "default_tie": ("casual", "default"),
        "notify": (None, "default"),
        "cadence.close": (30, "default"),
        "cadence.casual": (90, "default"),
        # capture's [me] table (issue 14)
        "me.emails": ([], "default"),
        "me.company_domains": ([], "default"),
        "me.calendar": (None, "default"),
    }
    settings("budget = 2\nnotify = \"notify-send 'network due' {message}\"\n")
    data = ok(cli("config", "--json")).json()
    values = {s["key"]: (s["value"], s["source"]) for s in data["settings"]}
    assert values["budget"] == (2, "file")
    assert values["notify"] == (["notify-send", "network due", "{message}"], "file")
    text = ok(cli("config"))
    assert "Settings: " in text.stderr and "budget\t2\tfile" in text.stdout


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("colour = true\n", 'unknown setting "colour"'),
        ("budget = -1\n", "budget = -1"),
        ("budget = true\n", "budget = True"),
        ("birthday_window = 40\n", "birthday_window = 40"),
        ('default_tie = "best"\n', "default_tie = 'best'"),
        ("notify = []\n", "notify in"),
        ("[cadence]\nroster = 20\n", 'unknown setting "cadence.roster"'),
        ("[cadence]\nclose = 0\n", "cadence.close = 0"),
        ("budget = \n", "is not valid TOML"),
    ],
)
def test_an_unknown_key_or_a_bad_value_is_a_clear_error(cli, settings, text, said):
    path = settings(text)
    for args in (("config",), ("due",)):
        r = cli(*args, today=TODAY)
        assert r.exit_code == 1, r
        assert r.stderr.startswith("Error: ") and said in r.stderr and str(path) in r.stderr
        assert " — " in r.stderr


def test_the_settings_set_the_budget_the_birthday_window_and_the_default_tie(cli, settings):
    settings('budget = 1\nbirthday_window = 2\ndefault_tie = "close"\n')
    for who in ("Ann Alpha", "Ben Beta"):
        ok(cli("add", who, "--last", "2026-09-01", today=TODAY))
    ok(cli("add", "Bea Later", "--tie", "roster", "--birthday", "11-25", today=TODAY))
    data = ok(cli("due", "--json", today=TODAY)).json()
    assert [i["name"] for i in data["items"]] == ["Ann Alpha"] and data["budget"] == 1
    assert data["items"][0]["tie"] == "close"  # default_tie
    assert data["more"] == 1  # Bea's birthday is 3 days away: outside a 2-day window
    assert ok(cli("due", "--json", "--limit", "5", today=TODAY)).json()["budget"] == 5


def test_notify_hands_todays_list_to_the_command(cli, settings, tmp_path):
    out = tmp_path / "sent.txt"
    script = f"import sys; open({str(out)!r}, 'a').write(sys.argv[1] + '|' + sys.stdin.read())"
    settings(f"notify = {json.dumps([sys.executable, '-c', script, '{message}'])}\n")
    ok(cli("add", "Ann Alpha", "--tie", "close", "--last", "2026-09-01", today=TODAY))
    ok(cli("add", "Pat Promise", today=TODAY))
    ok(
        cli(
            "promise",
            "pat",
            "a private matter",
            "--by",
            "2026-11-20",
            "--when",
            "2026-11-01",
            today=TODAY,
        )
    )
    r = ok(cli("due", "--notify", today=TODAY))
    assert r.stdout == "" and r.stderr == f"Sent today's list (2 people) to {sys.executable}.\n"
    message = (
        "network due 2026-11-22: 2 people\nPat Promise: promise overdue\nAnn Alpha: contact due"
    )
    assert out.read_text() == f"{message}|{message}"  # as the argument and on stdin
    assert "private matter" not in out.read_text()


def test_notify_sends_nothing_when_nothing_is_due(cli, settings, tmp_path):
    out = tmp_path / "sent.txt"
    command = [sys.executable, "-c", f"open({str(out)!r}, 'w')"]
    settings(f"notify = {json.dumps(command)}\n")
    ok(cli("add", "Rob Roster", "--tie", "roster", today=TODAY))
    r = ok(cli("due", "--notify", today=TODAY))
    assert r.stderr == "Nothing is due today; nothing was sent.\n" and not out.exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "no notify command is set"),
        (
            'notify = ["no-such-notifier-xyz"]\n',
            'notify command "no-such-notifier-xyz" was not found',
        ),
        (f"notify = {json.dumps([sys.executable, '-c', 'import sys; sys.exit(3)'])}\n", "(exit 3)"),
    ],
)
def test_notify_without_a_working_command_says_why(cli, settings, text, said):
    settings(text)
    ok(cli("add", "Ann Alpha", "--tie", "close", "--last", "2026-09-01", today=TODAY))
    r = cli("due", "--notify", today=TODAY)
    assert r.exit_code == 1 and said in r.stderr and " — " in r.stderr, r


# --- capacity ----------------------------------------------------------------------------------


def test_more_close_ties_than_can_be_kept_up_are_named_longest_silent_first(cli, settings):
    for n in range(16):
        ok(
            cli(
                "add",
                f"Close {n:02d}",
                "--tie",
                "close",
                "--last",
                f"2026-11-{n + 1:02d}",
                today=TODAY,
            )
        )
    data = ok(cli("due", "--json", today=TODAY)).json()
    assert data["capacity"] == [
        "16 close ties is more than about 15 can be kept up: consider moving Close 00 to "
        "casual (network edit PERSON --tie casual)"
    ]
    r = ok(cli("due", today=TODAY))
    assert "Warning: 16 close ties is more than about 15" in r.stderr
    ok(cli("edit", "Close 00", "--tie", "casual", today=TODAY))
    assert ok(cli("due", "--json", today=TODAY)).json()["capacity"] == []


def test_capacity_rule_names_at_most_five():
    from network.domain import capacity

    assert capacity.warnings(15, 150, [], []) == []
    (warning,) = capacity.warnings(3, 160, [], [f"P{n}" for n in range(5)])
    assert warning.startswith("160 people on a rhythm is more than about 150")
    assert "P0, P1, P2, P3, P4 and 5 more to roster" in warning
