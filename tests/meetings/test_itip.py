"""Reading iTIP replies as Outlook, Google Calendar and Apple Calendar write them (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from anymail.inbound import AnymailInboundMessage

from consult.meetings import itip
from tests.meetings.helpers import google_email, outlook_email, reply_ics

UID = "5c3ad0ee-7a8f-4f62-9a55-1f0d2f3c9b10"
STAMP = datetime(2026, 12, 1, 10, 15, tzinfo=UTC)


def test_an_outlook_acceptance_is_read():
    raw = reply_ics(uid=UID, attendee="Ingrid@Example.org", partstat="ACCEPTED", sequence=2, stamp=STAMP)

    reply = itip.parse_reply(raw.encode())

    assert reply == itip.CalendarReply(
        uid=UID, sequence=2, attendee="ingrid@example.org", partstat="ACCEPTED", stamp=STAMP
    )
    assert reply.answer == "accepted"


@pytest.mark.parametrize(
    ("partstat", "answer"), [("DECLINED", "declined"), ("TENTATIVE", "tentative"), ("DELEGATED", None)]
)
def test_each_partstat_maps_to_an_answer_or_to_none(partstat, answer):
    reply = itip.parse_reply(reply_ics(uid=UID, attendee="a@example.org", partstat=partstat).encode())

    assert reply.answer == answer


def test_an_invitation_that_is_not_a_reply_is_not_read_as_one():
    request = reply_ics(uid=UID, attendee="a@example.org").replace("METHOD:REPLY", "METHOD:REQUEST")

    assert itip.parse_reply(request.encode()) is None


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (b"this is not a calendar", "Not an iCalendar"),
        (reply_ics(uid=UID, attendee="a@example.org").replace(f"UID:{UID}\r\n", "").encode(), "no UID"),
        (
            reply_ics(uid=UID, attendee="a@example.org")
            .replace("ATTENDEE;", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@example.org\r\nATTENDEE;")
            .encode(),
            "exactly one attendee",
        ),
        (
            reply_ics(uid=UID, attendee="a@example.org").replace(":mailto:a@example.org", ":urn:nobody").encode(),
            "not an e-mail",
        ),
        (reply_ics(uid=UID, attendee="a@example.org").replace("PARTSTAT=ACCEPTED;", "").encode(), "no PARTSTAT"),
        (reply_ics(uid=UID, attendee="a@example.org").replace("SEQUENCE:0", "SEQUENCE:first").encode(), "SEQUENCE"),
    ],
)
def test_a_broken_reply_is_refused_with_a_reason(broken, message):
    with pytest.raises(itip.MalformedReply, match=message):
        itip.parse_reply(broken)


def test_calendar_parts_are_found_in_the_body_and_in_attachments():
    ics = reply_ics(uid=UID, attendee="ingrid@example.org")

    outlook = AnymailInboundMessage.parse_raw_mime(outlook_email(sender="ingrid@example.org", ics=ics))
    google = AnymailInboundMessage.parse_raw_mime(google_email(sender="ingrid@example.org", ics=ics))

    assert len(itip.calendar_parts(outlook)) == 1
    assert len(itip.calendar_parts(google)) == 2
    assert itip.parse_reply(itip.calendar_parts(google)[1]).attendee == "ingrid@example.org"


def test_an_oversized_calendar_is_refused_before_parsing():
    with pytest.raises(itip.MalformedReply, match="kilobytes"):
        itip.parse_reply(b"BEGIN:VCALENDAR\r\n" + b"X" * (itip.MAX_CALENDAR_BYTES + 1))
