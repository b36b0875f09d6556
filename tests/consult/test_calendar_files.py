"""Every calendar file the product writes is read back by two independent parsers.

icalendar wrote them, so reading them back with icalendar alone would prove little: the `ical`
package (a separate, strict RFC 5545 implementation built on pydantic) must accept them too, and
both must agree on what they say.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from consult import services
from consult.meetings import services as meeting_services
from consult.meetings.models import ReplySource
from consult.models import Mode, RoundState
from tests import factories
from tests.consult.helpers import make_round

pytestmark = pytest.mark.django_db


def read_both(raw: bytes | str):
    """(icalendar's calendar, ical's calendar) — each raises if the file is not valid for it."""
    text = raw.decode() if isinstance(raw, bytes) else raw
    loose = Calendar.from_ical(text)
    strict = IcsCalendarStream.calendar_from_ics(text)
    checked = {event.uid: event for event in strict.events}
    assert len(checked) == len(loose.walk("VEVENT"))
    for event in loose.walk("VEVENT"):  # both read the same thing
        other = checked[str(event["UID"])]
        assert event.decoded("DTSTART") == other.dtstart
        assert int(event.get("SEQUENCE", 0)) == (other.sequence or 0)
    return loose, strict


def attachment(message) -> bytes:
    content = next(content for _name, content, kind in message.attachments if kind.startswith("text/calendar"))
    return content.encode() if isinstance(content, str) else content


@pytest.fixture
def ingrid(db):
    return factories.make_participant(email="ingrid@example.org", full_name="Ingrid Johansson")


@pytest.fixture
def announced(ingrid, django_capture_on_commit_callbacks):
    round_ = make_round(mode=Mode.ONLINE, title="Testing session, “part 1”; notes, commas", questions=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=round_.pk, by=None)
    return round_


def test_the_invitation_request_is_valid_for_both_parsers(announced, ingrid):
    loose, strict = read_both(attachment(mail.outbox[-1]))

    assert str(loose["METHOD"]) == strict.method == "REQUEST"
    attendee = strict.events[0].attendees[0]
    assert attendee.uri == f"mailto:{ingrid.email}"
    assert attendee.rsvp is True and attendee.status == "NEEDS-ACTION"
    assert strict.events[0].organizer.uri.startswith("mailto:")


def test_the_update_is_valid_and_keeps_the_accepted_answer(announced, ingrid, django_capture_on_commit_callbacks):
    meeting_services.reply(round_id=announced.pk, participant_id=ingrid.pk, answer="accepted", source=ReplySource.LINK)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_round(
            round_id=announced.pk, by=None, meeting_starts_at=announced.meeting_starts_at + timedelta(hours=1)
        )

    _loose, strict = read_both(attachment(mail.outbox[-1]))

    assert strict.method == "REQUEST"
    assert strict.events[0].sequence == 1
    assert strict.events[0].dtstart == announced.meeting_starts_at + timedelta(hours=1)
    assert strict.events[0].attendees[0].status == "ACCEPTED"


def test_the_cancellation_is_valid_for_both_parsers(announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_round(round_id=announced.pk, by=None, reason="postponed")

    _loose, strict = read_both(attachment(mail.outbox[-1]))

    assert strict.method == "CANCEL"
    assert strict.events[0].status == "CANCELLED"
    assert strict.events[0].uid == str(announced.calendar_uid)
    assert strict.events[0].sequence == 1


def test_the_personal_feed_is_valid_for_both_parsers(client, announced, ingrid):
    make_round(state=RoundState.OPEN, title="Written round", questions=1)

    response = client.get(reverse("consult:calendar_feed", kwargs={"token": ingrid.feed_token}))

    loose, strict = read_both(response.content)
    assert str(loose["METHOD"]) == "PUBLISH"
    uids = {event.uid for event in strict.events}
    assert str(announced.calendar_uid) in uids  # the meeting
    assert f"{announced.calendar_uid}-deadline" in uids


def test_the_round_download_is_valid_for_both_parsers(client_for, announced, ingrid):
    response = client_for(ingrid.user).get(reverse("consult:round_ics", kwargs={"round_id": announced.pk}))

    _loose, strict = read_both(response.content)
    assert len(strict.events) == 2
