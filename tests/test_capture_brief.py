"""`network brief`: cards for the people you know at a day's meetings."""

from __future__ import annotations

from pathlib import Path

import pytest

TODAY = "2026-11-22"
ME = "me@home.example"


def _event(uid: str, start: str, title: str, *people: tuple[str, str], me: str = "ACCEPTED"):
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20260101T000000Z",
        f"DTSTART:{start}",
        f"SUMMARY:{title}",
        f"ORGANIZER:mailto:{ME}",
        f"ATTENDEE;PARTSTAT={me}:mailto:{ME}",
    ]
    lines += [f"ATTENDEE;CN={cn};PARTSTAT=ACCEPTED:mailto:{a}" for cn, a in people]
    return [*lines, "END:VEVENT"]


@pytest.fixture
def day_of_three(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three meetings tomorrow (one declined by you, left out), and a network that knows
    Alice (strengths, an open ask), Bob (a promise, a thank-you owed) and Cara."""
    ics = tmp_path / "cal.ics"
    events = [
        _event("a@t", "20261123T090000", "Coffee with Alice", ("Alice", "alice@a.example")),
        _event(
            "b@t",
            "20261123T130000",
            "Project sync",
            ("Bob", "bob@b.example"),
            ("Cara", "cara@c.example"),
            ("Dee", "dee@d.example"),
        ),
        _event("c@t", "20261123T170000", "Drinks", ("Cara", "cara@c.example")),
        _event("x@t", "20261123T180000", "Declined", ("Bob", "bob@b.example"), me="DECLINED"),
        _event("y@t", "20261125T090000", "Later with Bob", ("Bob", "bob@b.example")),
    ]
    body = [line for e in events for line in e]
    ics.write_text("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *body, "END:VCALENDAR"]))
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[me]\nemails = ["{ME}"]\ncalendar = "{ics}"\n', encoding="utf-8")
    monkeypatch.setenv("NETWORK_CONFIG", str(settings))
    for name, address in (
        ("Alice Chen", "alice@a.example"),
        ("Bob Li", "bob@b.example"),
        ("Cara Diaz", "cara@c.example"),
    ):
        assert cli("add", name, "--email", address, today=TODAY).exit_code == 0
    assert cli("knows", "Alice", "hiring", "cars", today=TODAY).exit_code == 0
    assert cli("ask", "Alice", "intro to her recruiter", today=TODAY).exit_code == 0
    assert (
        cli("promise", "Bob", "send the pitch deck", "--by", "friday", today=TODAY).exit_code == 0
    )
    assert cli("log", "Bob", "sent me a job lead", "--received", today=TODAY).exit_code == 0
    return ics


def test_brief_for_a_day_with_three_meetings(cli, day_of_three):
    result = cli("brief", "tomorrow", today=TODAY)
    assert result.exit_code == 0, result
    text = result.stdout
    assert text.index("Coffee with Alice") < text.index("Project sync") < text.index("Drinks")
    assert "Declined" not in text and "Later with Bob" not in text
    assert "Alice Chen (casual): last contact today, balance -5" in text
    assert "strong at: hiring, cars" in text
    assert "you asked: intro to her recruiter" in text
    assert "you owe:" in text and "send the pitch deck" in text and "thank" in text
    assert "also there: dee@d.example" in text
    assert text.count("Cara Diaz (casual)") == 2
    assert text.count("deposit: ") == 4

    data = cli("brief", "tomorrow", "--json", today=TODAY).json()
    assert [m["title"] for m in data["meetings"]] == ["Coffee with Alice", "Project sync", "Drinks"]
    bob = data["meetings"][1]["people"][0]
    assert bob["name"] == "Bob Li" and bob["thanks_owed"] is True
    assert isinstance(bob["id"], int) and "person_id" not in bob  # a person row: id, as in people
    assert [c["name"] for c in data["meetings"][1]["people"]] == ["Bob Li", "Cara Diaz"]


def test_brief_for_a_person_finds_their_next_meeting(cli, day_of_three):
    data = cli("brief", "Alice", "--json", today=TODAY).json()
    assert [m["title"] for m in data["meetings"]] == ["Coffee with Alice"]
    assert data["days"] == ["2026-11-23"]


def test_brief_without_a_calendar_says_how_to_name_one(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("NETWORK_CONFIG", str(tmp_path / "none.toml"))
    cli("add", "Alice Chen", today=TODAY)
    result = cli("brief", today=TODAY)
    assert result.exit_code == 1
    assert "no calendar file to read" in result.stderr and "me.calendar =" in result.stderr


def test_brief_on_a_quiet_day(cli, day_of_three):
    result = cli("brief", "2026-11-30", today=TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert "No meetings with other people on 2026-11-30" in result.stderr
