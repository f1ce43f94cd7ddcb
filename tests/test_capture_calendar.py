"""`network capture calendar`: meetings from an .ics file, the filters, groups and links."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import capture_files as gen  # noqa: E402

TODAY = "2026-11-22"
ME = gen.ME


def _people(*attendees: tuple[str, str], partstat: str = "ACCEPTED") -> list[str]:
    return [f"ATTENDEE;CN={cn};PARTSTAT={partstat}:mailto:{address}" for cn, address in attendees]


def event(uid: str, start: str, *lines: str, me: str = "ACCEPTED", summary: str = "Catch-up"):
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20260101T000000Z",
        start,
        f"SUMMARY:{summary}",
        f"ORGANIZER;CN=Me:mailto:{ME}",
        f"ATTENDEE;CN=Me;PARTSTAT={me}:mailto:{ME}",
        *lines,
        "END:VEVENT",
    ]


def calendar(*events: list[str]) -> str:
    body = [line for e in events for line in e]
    return (
        "\r\n".join(
            ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *body, "END:VCALENDAR"]
        )
        + "\r\n"
    )


ALICE = ("Alice Chen", "alice@a.example")
BOB = ("Bob Li", "bob@b.example")
CARA = ("Cara Diaz", "cara@c.example")
CROWD = [(f"P{i}", f"p{i}@crowd.example") for i in range(25)]


@pytest.fixture
def known(cli, tmp_path, monkeypatch):
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[me]\nemails = ["{ME}"]\n', encoding="utf-8")
    monkeypatch.setenv("NETWORK_CONFIG", str(settings))
    for name, address in (ALICE, BOB, CARA):
        assert cli("add", name, "--email", address, "--tie", "close", today=TODAY).exit_code == 0


def test_meetings_become_entries_groups_and_links_and_the_noise_is_counted(cli, known, tmp_path):
    ics = tmp_path / "cal.ics"
    ics.write_text(
        calendar(
            # a one-to-one in Berlin time, late evening: the local day is what counts
            event("one@t", "DTSTART;TZID=Europe/Berlin:20261110T100000", *_people(ALICE)),
            # a group: Alice, Bob and Cara (a group entry; they know each other)
            event("grp@t", "DTSTART:20261112T150000Z", *_people(ALICE, BOB, CARA)),
            # weekly with Bob, three times, the second moved (RECURRENCE-ID)
            event("wk@t", "DTSTART:20261102T090000Z", "RRULE:FREQ=WEEKLY;COUNT=3", *_people(BOB)),
            event(
                "wk@t",
                "DTSTART:20261110T140000Z",
                "RECURRENCE-ID:20261109T090000Z",
                *_people(BOB),
            ),
            # what is left out
            event("declined@t", "DTSTART:20261113T090000Z", *_people(CARA), me="DECLINED"),
            event("cancel@t", "DTSTART:20261114T090000Z", "STATUS:CANCELLED", *_people(ALICE)),
            event("crowd@t", "DTSTART:20261115T090000Z", *_people(*CROWD)),
            event(
                "allhands@t",
                "DTSTART:20260105T090000Z",
                "RRULE:FREQ=MONTHLY;COUNT=3",
                *_people(ALICE, *CROWD[:10]),
            ),
            event("future@t", "DTSTART:20261201T090000Z", *_people(ALICE)),
            event("broken@t", "DTSTART:not-a-date", *_people(ALICE)),
            event("alone@t", "DTSTART:20261101T090000Z"),
        )
    )
    result = cli("capture", "calendar", str(ics), "--json", today=TODAY)
    assert result.exit_code == 0, result
    summary = result.json()
    assert summary["skipped"] == {
        "declined or cancelled": 2,
        "more than 20 people": 1,
        "recurring all-hands": 3,
        "not yet happened": 1,
        "malformed": 1,
        "no one else": 1,
    }
    assert (summary["entries"], summary["people"], summary["links"]) == (7, 3, 3)
    history = cli("history", "--json", today=TODAY).rows()
    days = sorted((e["name"], e["day"], e["is_group"]) for e in history)
    assert days == [
        ("Alice Chen", "2026-11-10", False),
        ("Alice Chen", "2026-11-12", True),
        ("Bob Li", "2026-11-02", False),
        ("Bob Li", "2026-11-10", False),  # the moved occurrence
        ("Bob Li", "2026-11-12", True),
        ("Bob Li", "2026-11-16", False),
        ("Cara Diaz", "2026-11-12", True),
    ]
    assert {e["kind"] for e in history} == {"meeting"}
    # a group meeting does not reset a close tie's clock: Cara's last contact stays empty
    cara = cli("show", "Cara Diaz", "--json", today=TODAY).json()
    assert cara["last_contact"] is None
    # who-knows reads links: the three met together
    alice = cli("show", "Alice Chen", "--json", today=TODAY).json()
    assert {k["name"] for k in alice["knows_people"]} >= {"Bob Li", "Cara Diaz"}
    again = cli("capture", "calendar", str(ics), "--json", today=TODAY).json()
    assert (again["entries"], again["queued"]) == (0, 0)


def test_unknown_attendees_wait_in_the_inbox(cli, known, tmp_path):
    ics = tmp_path / "cal.ics"
    ics.write_text(
        calendar(event("x@t", "DTSTART:20261110T100000Z", *_people(("Dee", "dee@d.example"))))
    )
    assert cli("capture", "calendar", str(ics), today=TODAY).exit_code == 0
    waiting = cli("inbox", "--json").rows()
    assert [(w["address"], w["name"], w["met"], w["proposed"]) for w in waiting] == [
        ("dee@d.example", "Dee", 1, False)
    ]


def test_a_folder_of_ics_files_and_a_url_refused(cli, known, tmp_path):
    folder = tmp_path / "cals"
    folder.mkdir()
    (folder / "a.ics").write_text(
        calendar(event("a@t", "DTSTART:20261110T100000Z", *_people(ALICE)))
    )
    (folder / "b.ics").write_text(calendar(event("b@t", "DTSTART:20261111T100000Z", *_people(BOB))))
    result = cli("capture", "calendar", str(folder), "--json", today=TODAY)
    assert result.exit_code == 0, result
    assert result.json()["entries"] == 2
    url = cli("capture", "calendar", "https://calendar.example/me.ics", today=TODAY)
    assert url.exit_code == 1
    assert "https://calendar.example/me.ics is a calendar" in url.stderr
    assert "not a file" in url.stderr and "download it first" in url.stderr


def test_a_generated_calendar_is_read_in_full(cli, tmp_path, monkeypatch):
    """No [me]: the calendar's owner is the address on most events."""
    truth = gen.generate_mail(tmp_path / "unused.mbox", threads=1, noise=0)
    counts = gen.generate_calendar(tmp_path / "cal.ics", known=truth.known[:10], events=60)
    for p in truth.known[:10]:
        cli("add", p.name, "--email", p.address, today=TODAY)
    result = cli("capture", "calendar", str(tmp_path / "cal.ics"), "--json", today=TODAY)
    assert result.exit_code == 0, result
    summary = result.json()
    assert summary["own_from"] == "calendar" and summary["own"] == [gen.ME]
    assert summary["entries"] >= counts["one_to_one"] + 3 * counts["group"] - 5
    assert summary["queued"] == 0


def test_due_asks_what_you_gave_the_day_after_a_captured_meeting(cli, known, tmp_path):
    ics = tmp_path / "cal.ics"
    ics.write_text(
        calendar(
            event("one@t", "DTSTART:20261121T100000Z", *_people(ALICE)),
            event("grp@t", "DTSTART:20261121T150000Z", *_people(BOB, CARA)),
        )
    )
    assert cli("capture", "calendar", str(ics), today=TODAY).exit_code == 0
    due = cli("due", "--json", today=TODAY)
    assert due.exit_code == 0, due
    met = {
        i["name"]: i["next_step"]
        for i in due.json()["items"]
        if any(r["kind"] == "met" for r in i["reasons"])
    }
    assert set(met) == {"Alice Chen", "Bob Li", "Cara Diaz"}
    assert met["Alice Chen"].lower().startswith("network give alice")
    text = cli("due", today=TODAY).stdout
    assert "log what you gave at yesterday's meeting?" in text
    # once you logged what you gave, or a day later, it is gone
    assert cli("give", "Alice", "intro to a designer", today=TODAY).exit_code == 0
    names = {
        i["name"]
        for i in cli("due", "--json", today=TODAY).json()["items"]
        if any(r["kind"] == "met" for r in i["reasons"])
    }
    assert names == {"Bob Li", "Cara Diaz"}
    later = cli("due", "--json", today="2026-11-23").json()["items"]
    assert not [i for i in later if any(r["kind"] == "met" for r in i["reasons"])]
