"""Nothing stored or typed reaches the terminal raw: control characters are shown escaped
in tables, lines, tab-separated output and errors; JSON keeps the exact string."""

from __future__ import annotations

import contextlib
import json
import sqlite3

import pytest

from network.common.text import visible

HOSTILE = "Eve\x1b]0;pwned\x07\x1b[8mhidden\x1b[0m\u202etxt.exe"


def test_visible_escapes_every_control_and_keeps_plain_text():
    assert visible("José Núñez — ok") == "José Núñez — ok"
    shown = visible(HOSTILE)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown == "Eve\\x1b]0;pwned\\x07\\x1b[8mhidden\\x1b[0m\\u202etxt.exe"
    assert visible("a\nb") == "a\\nb" and visible("a\nb", keep_newlines=True) == "a\nb"
    assert visible("\x9b31m") == "\\x9b31m"  # a C1 control starts a sequence too


@pytest.fixture
def hostile(cli, isolated_db):
    """Text as an old import could store it (typed input with controls is refused)."""
    assert cli("add", "Eve", "--company", "Acme", "--knows", "cars").exit_code == 0
    assert cli("log", "Eve", "coffee").exit_code == 0
    with contextlib.closing(sqlite3.connect(isolated_db)) as conn:
        conn.execute("UPDATE person SET name = ?, company = ?", (HOSTILE, "Acme\x1b[2J"))
        conn.execute("UPDATE entry SET summary = ?", ("coffee \x1b[31mred\x1b[0m",))
        conn.commit()
    return isolated_db


@pytest.mark.parametrize(
    "args",
    [
        ["people"],
        ["show", "Eve"],
        ["history"],
        ["who-knows", "cars"],
        ["balance"],
        ["show", "nobody\x1b[2J"],
    ],
)
def test_no_view_prints_a_control_character(cli, hostile, args):
    result = cli(*args)

    for stream in (result.stdout, result.stderr):
        assert not any(ord(c) < 0x20 and c not in "\n\t" for c in stream), (args, stream)
        assert "\u202e" not in stream


def test_json_keeps_the_exact_string(cli, hostile):
    people = json.loads(cli("people", "--json").stdout)["items"]
    assert people[0]["name"] == HOSTILE


def test_a_prompt_shows_typed_control_characters_escaped(cli, terminal, isolated_db):
    assert cli("add", "Alice Chen").exit_code == 0

    result = cli("log", "Zoe\x1b]0;pwned\x07", "coffee", input="n\n")

    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "Zoe\\x1b]0;pwned\\x07" in result.stderr
