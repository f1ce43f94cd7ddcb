"""`network capture mail` and `network inbox`, on generated mailboxes whose truth is known."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import capture_files as gen  # noqa: E402

TODAY = "2026-11-22"


@pytest.fixture
def me(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A settings file naming your address (and whatever else a test adds)."""
    path = tmp_path / "settings.toml"
    monkeypatch.setenv("NETWORK_CONFIG", str(path))

    def write(extra: str = "") -> Path:
        path.write_text(f'[me]\nemails = ["{gen.ME}"]\n{extra}', encoding="utf-8")
        return path

    write()
    return write


def _add_known(cli, truth: gen.Truth) -> dict[str, str]:
    for p in truth.known:
        added = cli("add", p.name, "--email", p.address.upper(), today=TODAY)
        assert added.exit_code == 0, added
    return {p.address: p.name for p in truth.known}


def _entries(cli) -> list[dict]:
    result = cli("history", "--json", "--limit", "100000", today=TODAY)
    if result.exit_code != 0:  # no --limit on history
        result = cli("history", "--json", today=TODAY)
    assert result.exit_code == 0, result
    return result.rows()


def test_placement_is_precise_and_recall_high_on_a_known_mailbox(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=300, noise=120)
    names = _add_known(cli, truth)
    result = cli("capture", "mail", str(tmp_path / "mail.mbox"), "--json", today=TODAY)
    assert result.exit_code == 0, result
    summary = result.json()
    assert summary["own_from"] == "config" and summary["own"] == [gen.ME]
    # every kind of noise was counted by its cause
    for cause in ("mailing list", "automated sender", "more than 20 people", "malformed"):
        assert summary["skipped"][cause] > 0, cause
    assert summary["skipped"]["repeated in the file"] == 1

    expected = Counter(
        (names[a], day.isoformat()) for a, _, day in truth.interactions if a in names
    )
    got = Counter((e["name"], e["day"]) for e in _entries(cli) if e["kind"] == "email")
    right = sum((expected & got).values())
    precision = right / sum(got.values())
    recall = right / sum(expected.values())
    assert precision >= 0.98, precision
    assert recall >= 0.9, recall
    # capture says you were in touch; it does not score generosity
    assert {e["points"] for e in _entries(cli)} == {0}


def test_a_second_run_adds_nothing_and_a_newer_copy_only_what_is_new(cli, me, tmp_path):
    mbox = tmp_path / "mail.mbox"
    truth = gen.generate_mail(mbox, threads=60, noise=30)
    _add_known(cli, truth)
    first = cli("capture", "mail", str(mbox), "--json", today=TODAY).json()
    assert first["entries"] > 0
    again = cli("capture", "mail", str(mbox), "--json", today=TODAY)
    assert again.exit_code == 0, again
    second = again.json()
    assert (second["entries"], second["queued"]) == (0, 0)
    assert second["skipped"]["already captured"] > 0
    # a newer copy of the mailbox: the old messages and one new conversation
    with mbox.open("ab") as handle:
        handle.write(
            b"From x Thu Jan  1 00:00:00 2026\n"
            + f"From: {truth.known[1].address}\nTo: {gen.ME}\n".encode()
            + b"Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <brand-new@x.example>\n\nhi\n\n"
        )
    third = cli("capture", "mail", str(mbox), "--json", today=TODAY).json()
    assert (third["entries"], third["queued"]) == (1, 0)


def test_no_one_is_created_from_a_one_way_sender_and_two_way_strangers_are_proposed(
    cli, me, tmp_path
):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=40, noise=60)
    assert cli("capture", "mail", str(tmp_path / "mail.mbox"), today=TODAY).exit_code == 0
    assert cli("people", "--json", today=TODAY).rows() == []  # nobody created, ever
    waiting = cli("inbox", "--json", today=TODAY)
    assert waiting.exit_code == 0, waiting
    rows = {w["address"]: w for w in waiting.rows()}
    assert truth.two_way <= {a for a, w in rows.items() if w["proposed"]}
    for address in truth.one_way:
        assert rows[address]["proposed"] is False
        assert rows[address]["sent"] == 0
    # list mail never reaches the queue or the ledger
    assert not (truth.list_senders & set(rows))
    assert not {a for a in rows if "no-reply" in a}


def test_a_newsletter_heavy_mailbox_leaves_no_list_mail_in_the_ledger(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=5, noise=600)
    cli("add", "Lister", "--email", "list0@lists.example", today=TODAY)
    cli("add", "Shop", "--email", "deals@shop.example", today=TODAY)
    result = cli("capture", "mail", str(tmp_path / "mail.mbox"), "--json", today=TODAY)
    assert result.exit_code == 0, result
    assert result.json()["skipped"]["mailing list"] >= 200
    assert [e for e in _entries(cli) if e["name"] in ("Lister", "Shop")] == []
    assert truth.list_senders


def test_inbox_accept_places_every_item_and_remembers_the_address(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=20, noise=0)
    assert cli("capture", "mail", str(tmp_path / "mail.mbox"), today=TODAY).exit_code == 0
    stranger = sorted(truth.two_way)[0]
    waiting = {w["address"]: w for w in cli("inbox", "--json").rows()}[stranger]
    accepted = cli("inbox", "accept", stranger, "--new", "Sam Stranger", "--tie", "close")
    assert accepted.exit_code == 0, accepted
    assert f"{stranger} is Sam Stranger (added): {waiting['waiting']} entries logged" in (
        accepted.stderr
    )
    shown = cli("show", "Sam Stranger", "--json", today=TODAY).json()
    assert shown["email"] == stranger and shown["tie"] == "close"
    assert stranger not in {w["address"] for w in cli("inbox", "--json").rows()}
    # a later capture logs their mail straight to them
    other = tmp_path / "later.mbox"
    other.write_bytes(
        b"From x Thu Jan  1 00:00:00 2026\n"
        + f"From: Sam <{stranger}>\nTo: {gen.ME}\n".encode()
        + b"Date: Sat, 21 Nov 2026 10:00:00 +0000\nMessage-ID: <later@x.example>\n\nhi\n\n"
    )
    later = cli("capture", "mail", str(other), "--json", today=TODAY).json()
    assert (later["entries"], later["queued"]) == (1, 0)


def test_accept_as_someone_there_and_the_errors(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=10, noise=0)
    cli("capture", "mail", str(tmp_path / "mail.mbox"), today=TODAY)
    cli("add", "Sam Stranger", today=TODAY)
    stranger = sorted(truth.two_way)[0]
    both = cli("inbox", "accept", stranger)
    assert both.exit_code == 1 and "--as PERSON or --new NAME" in both.stderr
    nobody = cli("inbox", "accept", "nobody@nowhere.example", "--as", "Sam")
    assert nobody.exit_code == 1 and "nothing from nobody@nowhere.example is waiting" in (
        nobody.stderr
    )
    assert cli("inbox", "accept", stranger, "--as", "Sam").exit_code == 0
    assert cli("history", "Sam Stranger", "--json").rows()


def test_ignore_drops_the_items_and_later_captures_skip_the_address(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=5, noise=0)
    address = sorted(truth.one_way)[0]
    cli("capture", "mail", str(tmp_path / "mail.mbox"), today=TODAY)
    ignored = cli("inbox", "ignore", address.upper(), "--json")
    assert ignored.exit_code == 0, ignored
    assert ignored.json() == {"address": address, "dropped": 3, "already": False}
    assert address not in {w["address"] for w in cli("inbox", "--json").rows()}
    again = tmp_path / "again.mbox"
    again.write_bytes(
        b"From x Thu Jan  1 00:00:00 2026\n"
        + f"From: {address}\nTo: {gen.ME}\n".encode()
        + b"Date: Sat, 21 Nov 2026 10:00:00 +0000\nMessage-ID: <again@x.example>\n\nhi\n\n"
    )
    later = cli("capture", "mail", str(again), "--json", today=TODAY).json()
    assert later["skipped"] == {"ignored address": 1} and later["queued"] == 0


def test_a_maildir_with_a_sent_folder_tells_your_address(cli, tmp_path):
    """No [me] in the settings: the Sent folder's From lines say who you are."""
    root = tmp_path / "Mail"
    root.mkdir()
    truth = gen.generate_mail(root / "INBOX", threads=30, noise=20, maildir=True)
    sent = gen.Writer(root / ".Sent", maildir=True)
    sent.add([f"From: Me <{gen.ME}>", f"To: {truth.known[0].address}",
              "Date: Thu, 19 Nov 2026 10:00:00 +0000", "Message-ID: <sent1@x.example>"])  # fmt: skip
    sent.close()
    cli("add", truth.known[0].name, "--email", truth.known[0].address, today=TODAY)
    result = cli("capture", "mail", str(root), "--json", today=TODAY)
    assert result.exit_code == 0, result
    summary = result.json()
    assert summary["own_from"] == "sent folder" and summary["own"] == [gen.ME]
    assert summary["entries"] > 0


def test_without_your_address_capture_refuses_with_a_hint(cli, tmp_path):
    gen.generate_mail(tmp_path / "mail.mbox", threads=3, noise=0)
    result = cli("capture", "mail", str(tmp_path / "mail.mbox"), today=TODAY)
    assert result.exit_code == 1
    assert "cannot tell which addresses are yours" in result.stderr
    assert "me.emails =" in result.stderr


def test_own_company_domain_dry_run_and_since(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=80, noise=0)
    _add_known(cli, truth)
    me('company_domains = ["x0.example"]\n')
    dry = cli("capture", "mail", str(tmp_path / "mail.mbox"), "--dry-run", "--json", today=TODAY)
    assert dry.exit_code == 0, dry
    assert dry.json()["dry_run"] is True and dry.json()["entries"] > 0
    assert dry.json()["skipped"]["your company's domain"] > 0
    assert _entries(cli) == []  # nothing written
    real = cli("capture", "mail", str(tmp_path / "mail.mbox"), "--since", "2026-06-01", "--json")
    assert real.json()["skipped"]["before --since"] > 0
    entries = _entries(cli)
    assert entries and min(e["day"] for e in entries) >= "2026-06-01"
    assert not [e for e in entries if e["name"] in {p.name for p in truth.known[0::7]}]


def test_subjects_only_when_asked_and_never_a_body(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=10, noise=0)
    _add_known(cli, truth)
    cli("capture", "mail", str(tmp_path / "mail.mbox"), today=TODAY)
    summaries = {e["summary"] for e in _entries(cli)}
    assert summaries <= {"e-mail, you wrote", "e-mail, they wrote", "e-mail, you both wrote"}
    cli("undo", "--yes")
    cli("capture", "mail", str(tmp_path / "mail.mbox"), "--subjects", today=TODAY)
    summaries = {e["summary"] for e in _entries(cli)}
    assert all(s.endswith(": Café plans") for s in summaries), summaries
    assert not any("desk of nobody" in s for s in summaries)


def test_capture_is_one_undo_step(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=20, noise=10)
    _add_known(cli, truth)
    cli("capture", "mail", str(tmp_path / "mail.mbox"), today=TODAY)
    undone = cli("undo", "--yes")
    assert undone.exit_code == 0, undone
    assert 'Undid "capture mail: mail.mbox (' in undone.stderr
    assert _entries(cli) == []
    assert cli("inbox", "--json").rows() == []


def test_bad_paths_are_one_line_errors(cli, me, tmp_path):
    url = cli("capture", "mail", "https://mail.example/inbox", today=TODAY)
    assert "https://mail.example/inbox is an address" in url.stderr
    assert url.exit_code == 1 and "not a file" in url.stderr and "export" in url.stderr
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    wrong = cli("capture", "mail", str(text), today=TODAY)
    assert wrong.exit_code == 1 and "is not an mbox file" in wrong.stderr
    source = cli("capture", "fax", str(text), today=TODAY)
    assert source.exit_code == 1 and "use mail or calendar" in source.stderr
    assert "Traceback" not in url.stderr + wrong.stderr + source.stderr


def test_doctor_confirms_no_body_text_is_stored(cli, me, tmp_path, isolated_db):
    import sqlite3

    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=10, noise=5)
    _add_known(cli, truth)
    cli("capture", "mail", str(tmp_path / "mail.mbox"), "--subjects", today=TODAY)
    healthy = cli("doctor", "--json")
    assert healthy.exit_code == 0, healthy
    assert healthy.json()["problems"] == []
    with sqlite3.connect(isolated_db) as conn:  # as if a body had slipped into a summary
        conn.execute(
            "UPDATE entry SET summary = 'e-mail, they wrote: ' || :body WHERE id = 1",
            {"body": "the whole letter " * 40},
        )
    conn.close()
    sick = cli("doctor", "--json")
    assert any("more text than a subject" in p for p in sick.json()["problems"])


def test_what_since_left_out_is_captured_by_a_later_run_without_it(cli, me, tmp_path):
    truth = gen.generate_mail(tmp_path / "mail.mbox", threads=40, noise=0)
    _add_known(cli, truth)
    first = cli("capture", "mail", str(tmp_path / "mail.mbox"), "--since", "2026-09-01", "--json")
    later = cli("capture", "mail", str(tmp_path / "mail.mbox"), "--json", today=TODAY)
    assert first.json()["skipped"]["before --since"] > 0
    assert later.json()["entries"] > 0 and "before --since" not in later.json()["skipped"]


def test_a_shared_address_or_a_name_alone_is_never_guessed(cli, me, tmp_path):
    """Two people with one address, and someone known by name only: both wait in the inbox."""
    mbox = tmp_path / "m.mbox"
    mbox.write_bytes(
        b"From x Thu Jan  1 00:00:00 2026\nFrom: Family <home@f.example>\nTo: me@home.example\n"
        b"Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <1@x.example>\n\nhi\n\n"
        b"From x Thu Jan  1 00:00:00 2026\nFrom: Dana Roe <dana@d.example>\nTo: me@home.example\n"
        b"Date: Fri, 20 Nov 2026 11:00:00 +0000\nMessage-ID: <2@x.example>\n\nhi\n\n"
    )
    cli("add", "Pat Home", "--email", "home@f.example", today=TODAY)
    cli("add", "Sam Home", "--email", "HOME@f.example", today=TODAY)
    cli("add", "Dana Roe", today=TODAY)  # the same name, no address
    result = cli("capture", "mail", str(mbox), "--json", today=TODAY)
    assert (result.json()["entries"], result.json()["queued"]) == (0, 2)
    waiting = {w["address"]: w for w in cli("inbox", "--json").rows()}
    assert waiting["home@f.example"]["ambiguous"] is True
    assert waiting["dana@d.example"]["ambiguous"] is False
    assert waiting["dana@d.example"]["name"] == "Dana Roe"
    assert _entries(cli) == []


def test_a_postmark_without_a_blank_line_before_it_still_starts_a_message(cli, me, tmp_path):
    """Writers that leave no blank line between messages are read as Python's mailbox reads
    them; a body line that only starts with "From " (no postmark date) stays body."""
    mbox = tmp_path / "m.mbox"
    mbox.write_bytes(
        b"From x Thu Jan  1 00:00:00 2026\nFrom: Ann Lee <ann@a.example>\nTo: me@home.example\n"
        b"Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <1@x.example>\n\nhi\n"
        b"From the desk of Ann, with thanks\n"
        b"From x Thu Jan  1 00:00:01 2026\nFrom: Bo Berg <bo@b.example>\nTo: me@home.example\n"
        b"Date: Fri, 20 Nov 2026 11:00:00 +0000\nMessage-ID: <2@x.example>\n\nhi\n"
    )
    cli("add", "Ann Lee", "--email", "ann@a.example", today=TODAY)
    cli("add", "Bo Berg", "--email", "bo@b.example", today=TODAY)
    result = cli("capture", "mail", str(mbox), "--json", today=TODAY)
    assert result.exit_code == 0, result
    assert (result.json()["read"], result.json()["entries"]) == (2, 2)


def test_inbox_dates_stay_whole_on_a_60_column_terminal(monkeypatch):
    """A narrow terminal squeezes the other columns; a date is never broken over lines."""
    from datetime import date as day

    from rich.console import Console

    from network.app.inbox import Inbox, Waiting
    from network.cli.views import capture as view
    from network.cli.views import output

    narrow = Console(width=60, force_terminal=True, no_color=True, highlight=False)
    monkeypatch.setattr(output, "console", lambda: narrow)
    monkeypatch.setattr(output, "paging", False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    waiting = Waiting(
        address="someone.with.a.long.address@example.com",
        name="Someone With A Long Name",
        waiting=3,
        sent=2,
        received=2,
        met=0,
        first_day=day(2026, 10, 1),
        last_day=day(2026, 11, 20),
        proposed=True,
        ambiguous=False,
    )
    with narrow.capture() as captured:
        view.inbox(Inbox(addresses=[waiting]), as_json=False)
    drawn = captured.get()
    assert "2026-10-01" in drawn and "2026-11-20" in drawn, drawn
