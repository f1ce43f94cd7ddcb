"""The pure rules of capture and the header reader, without a database."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given
from hypothesis import strategies as st

from network.domain import capture as rules
from network.formats import mail_headers

ME = "me@home.example"
FILTERS = rules.Filters(own=frozenset({ME}), company_domains=frozenset({"work.example"}))


def _message(**kw) -> rules.Message:
    base = dict(
        message_id="<1@x>",
        sender=rules.Address("ann@a.example", "Ann"),
        recipients=[rules.Address(ME)],
        day=date(2026, 11, 20),
        at=time(10, 0),
        thread=None,
        list_mail=False,
        auto_submitted=False,
    )
    base.update(kw)
    return rules.Message(**base)


def test_automated_and_bulk_senders():
    for address in ("no-reply@x.example", "noreply@x.example", "do-not-reply@x.example",
                    "notifications@github.example", "mailer-daemon@x.example",
                    "room-1@resource.calendar.google.com"):  # fmt: skip
        assert rules.is_automated(address), address
    for address in ("ann@a.example", "noreen@x.example", "newsom@x.example"):
        assert not rules.is_automated(address), address
    assert rules.is_bulk("bulk", None) and rules.is_bulk(" List ", None)
    assert rules.is_bulk(None, "<news.lists.example>") and not rules.is_bulk("normal", None)
    assert rules.is_auto_submitted("auto-replied") and not rules.is_auto_submitted("no")


def test_direction_and_who_a_message_is_with():
    why, seen = rules.read_message(_message(), FILTERS)
    assert why is None and [(s.address, s.direction) for s in seen] == [("ann@a.example", "in")]
    mine = _message(
        sender=rules.Address(ME),
        recipients=[
            rules.Address("bo@b.example"),
            rules.Address("cy@work.example"),
            rules.Address("bo@b.example"),
        ],  # fmt: skip
    )
    why, seen = rules.read_message(mine, FILTERS)
    assert why is None and [(s.address, s.direction) for s in seen] == [("bo@b.example", "out")]
    crowd = _message(recipients=[rules.Address(f"p{i}@x.example") for i in range(21)])
    assert rules.read_message(crowd, FILTERS)[0] == rules.SKIP_CROWD
    assert rules.read_message(_message(list_mail=True), FILTERS)[0] == rules.SKIP_LIST
    assert rules.read_message(_message(day=None), FILTERS)[0] == rules.SKIP_MALFORMED
    colleague = _message(sender=rules.Address("cy@work.example"))
    assert rules.read_message(colleague, FILTERS)[0] == rules.SKIP_COMPANY
    to_self = _message(sender=rules.Address(ME), recipients=[rules.Address(ME)])
    assert rules.read_message(to_self, FILTERS)[0] == rules.SKIP_ALONE


def test_one_interaction_per_address_thread_and_day():
    tally = rules.Tally()
    for sender, mid in ((ME, "<1@x>"), ("ann@a.example", "<2@x>"), ("ann@a.example", "<3@x>")):
        message = _message(
            message_id=mid,
            sender=rules.Address(sender),
            recipients=[rules.Address("ann@a.example" if sender == ME else ME)],
            thread=None if mid == "<1@x>" else "<1@x>",
        )
        tally.add(*rules.read_message(message, FILTERS))
    [only] = tally.interactions.values()
    assert (only.direction, only.sent, only.received) == ("both", 1, 2)


def test_placement_only_on_exactly_one_person_and_proposals_need_both_ways():
    assert rules.placement([7]) == 7 and rules.placement([7, 7]) == 7
    assert rules.placement([7, 8]) is None and rules.placement(None) is None
    assert rules.proposed(2, 2) and not rules.proposed(0, 50) and not rules.proposed(1, 5)


@given(st.integers(0, 100), st.integers(0, 100))
def test_a_one_way_sender_is_never_proposed(sent, received):
    assert not rules.proposed(0, received) and not rules.proposed(sent, 0)


def test_links_the_organiser_to_everyone_and_a_small_meeting_all_round():
    assert rules.link_pairs("o", ["a", "b"]) == [("a", "b"), ("a", "o"), ("b", "o")]
    big = [f"p{i}" for i in range(8)]
    assert rules.link_pairs(None, big) == []
    assert len(rules.link_pairs("o", big)) == 8


def test_headers_folded_encoded_and_malformed():
    raw = (
        b"From: =?UTF-8?Q?Jos=C3=A9?= Alvarez <Jose@A.example>\r\n"
        b"To: Ann <ann@a.example>,\r\n\tBo <bo@b.example>\r\n"
        b"Cc: =?ISO-8859-1?B?Q2Fm6Q==?= <cafe@c.example>\r\n"
        b"Date: Fri, 20 Nov 2026 23:30:00 -0800\r\n"
        b"Message-ID:\r\n <abc@x.example>\r\n"
        b"References: <root@x.example> <mid@x.example>\r\n"
        b"Subject: =?UTF-8?Q?R=C3=A9sum=C3=A9?=\r\n"
    )
    message = mail_headers.message(raw, subjects=True)
    assert message.sender == rules.Address("jose@a.example", "José Alvarez")
    assert [r.address for r in message.recipients] == [
        "ann@a.example",
        "bo@b.example",
        "cafe@c.example",
    ]
    assert message.recipients[2].name == "Café"
    assert message.message_id == "<abc@x.example>" and message.thread == "<root@x.example>"
    assert message.subject == "Résumé"
    assert mail_headers.message(raw, subjects=False).subject is None
    bad = mail_headers.message(
        raw.replace(b"Fri, 20 Nov 2026", b"Fri, 99 Zzz 2026"), subjects=False
    )
    assert bad.problem == "the date cannot be read" and bad.day is None
    assert mail_headers.message(b"\xff\xfe garbage", subjects=False).problem


def test_an_mbox_is_split_on_from_lines_and_bodies_are_never_kept(tmp_path):
    mbox = tmp_path / "m.mbox"
    mbox.write_bytes(
        b"From a Thu Jan  1 00:00:00 2026\nFrom: ann@a.example\nTo: me@home.example\n"
        b"Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <1@x>\n\nbody line\n"
        b">From the escaped line\nFrom: not a header\n\n"
        b"From b Thu Jan  1 00:00:00 2026\nFrom: bo@b.example\nTo: me@home.example\n"
        b"Date: Fri, 20 Nov 2026 11:00:00 +0000\nMessage-ID: <2@x>\n\nsecret\n"
    )
    messages = list(mail_headers.read(mail_headers.mailboxes(mbox), subjects=True))
    assert [m.message_id for m in messages] == ["<1@x>", "<2@x>"]
    assert [m.sender.address for m in messages] == ["ann@a.example", "bo@b.example"]
    assert "secret" not in repr(messages) and "body line" not in repr(messages)
