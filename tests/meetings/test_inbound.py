"""Replies e-mailed by calendar programs reach the handler through anymail's inbound webhook and signal."""

from __future__ import annotations

import base64
import json
import logging
from datetime import timedelta

import pytest
from anymail.inbound import AnymailInboundMessage
from anymail.signals import AnymailInboundEvent, inbound
from django.utils import timezone

from consult.meetings import services
from consult.meetings.models import Attendance, ReplySource
from participants.models import AuditEvent
from tests import factories
from tests.meetings.helpers import google_email, meeting, outlook_email, reply_ics

pytestmark = pytest.mark.django_db

INGRID = "ingrid@example.org"


@pytest.fixture
def round_():
    return meeting()


@pytest.fixture
def ingrid():
    return factories.make_participant(email=INGRID, full_name="Ingrid Johansson")


def deliver(raw_mime: str) -> None:
    """What the ESP's inbound webhook does once it has parsed the e-mail: send anymail's inbound signal."""
    message = AnymailInboundMessage.parse_raw_mime(raw_mime)
    inbound.send(sender=object(), event=AnymailInboundEvent(event_type="inbound", message=message), esp_name="Test")


def answer_of(round_, participant) -> str | None:
    row = Attendance.objects.filter(round=round_, participant=participant).first()
    return row.response if row else None


def test_an_acceptance_from_outlook_records_the_answer(round_, ingrid):
    ics = reply_ics(uid=str(round_.calendar_uid), attendee=INGRID, partstat="ACCEPTED")

    deliver(outlook_email(sender=INGRID, ics=ics))

    row = Attendance.objects.get(round=round_, participant=ingrid)
    assert (row.response, row.source) == ("accepted", ReplySource.CALENDAR)
    assert AuditEvent.objects.filter(action="meeting.reply", to_state="accepted", actor=ingrid.user).exists()


def test_a_decline_from_google_calendar_is_recorded_once(round_, ingrid):
    services.reply(round_id=round_.pk, participant_id=ingrid.pk, answer="accepted", source=ReplySource.LINK)
    ics = reply_ics(
        uid=str(round_.calendar_uid), attendee=INGRID, partstat="DECLINED", stamp=timezone.now() + timedelta(seconds=5)
    )

    deliver(google_email(sender=INGRID, ics=ics))

    assert answer_of(round_, ingrid) == "declined"
    assert AuditEvent.objects.filter(action="meeting.reply", to_state="declined").count() == 1


def test_a_reply_sent_by_someone_else_for_the_attendee_is_ignored_and_logged(round_, ingrid, caplog):
    factories.make_participant(email="mallory@example.org")
    ics = reply_ics(uid=str(round_.calendar_uid), attendee=INGRID, partstat="DECLINED")

    with caplog.at_level(logging.WARNING, logger="consult.meetings.inbound"):
        deliver(outlook_email(sender="mallory@example.org", ics=ics))

    assert answer_of(round_, ingrid) is None
    assert "forged" in caplog.text and "mallory@example.org" in caplog.text


def test_a_malformed_calendar_is_ignored_and_logged_without_raising(round_, ingrid, caplog):
    broken = reply_ics(uid=str(round_.calendar_uid), attendee=INGRID).replace("END:VEVENT", "")

    with caplog.at_level(logging.WARNING, logger="consult.meetings.inbound"):
        deliver(outlook_email(sender=INGRID, ics=broken))

    assert answer_of(round_, ingrid) is None
    assert "Malformed calendar reply" in caplog.text


def test_a_reply_to_an_unknown_event_is_ignored(round_, ingrid, caplog):
    ics = reply_ics(uid="not-one-of-ours@calendar.example.com", attendee=INGRID)

    with caplog.at_level(logging.WARNING, logger="consult.meetings.inbound"):
        deliver(outlook_email(sender=INGRID, ics=ics))

    assert not Attendance.objects.exists()
    assert "unknown event" in caplog.text


def test_a_reply_from_someone_not_registered_is_ignored(round_, caplog):
    ics = reply_ics(uid=str(round_.calendar_uid), attendee="stranger@example.net")

    with caplog.at_level(logging.WARNING, logger="consult.meetings.inbound"):
        deliver(outlook_email(sender="stranger@example.net", ics=ics))

    assert not Attendance.objects.exists()
    assert "unknown attendee" in caplog.text


def test_a_calendar_reply_older_than_the_answer_given_on_the_site_changes_nothing(round_, ingrid):
    services.reply(round_id=round_.pk, participant_id=ingrid.pk, answer="declined", source=ReplySource.SITE)
    written_before = timezone.now() - timedelta(hours=1)
    ics = reply_ics(uid=str(round_.calendar_uid), attendee=INGRID, partstat="ACCEPTED", stamp=written_before)

    deliver(outlook_email(sender=INGRID, ics=ics))

    assert answer_of(round_, ingrid) == "declined"


def test_an_ordinary_email_is_left_alone(round_, ingrid, caplog):
    with caplog.at_level(logging.INFO, logger="consult.meetings.inbound"):
        deliver(f"From: {INGRID}\r\nTo: advisory-group@example.org\r\nSubject: Thanks\r\n\r\nSee you there.\r\n")

    assert not Attendance.objects.exists()
    assert "not a calendar reply" in caplog.text


def test_a_reply_for_a_restricted_meeting_from_a_non_state_party_is_ignored(ingrid, caplog):
    restricted = meeting(restricted=True)
    kwame = factories.make_participant(email="kwame@example.org", category="regional_organisation")
    ics = reply_ics(uid=str(restricted.calendar_uid), attendee="kwame@example.org")

    with caplog.at_level(logging.WARNING, logger="consult.meetings.inbound"):
        deliver(outlook_email(sender="kwame@example.org", ics=ics))

    assert answer_of(restricted, kwame) is None
    assert "not for an approved participant" in caplog.text


# --- Through the real webhook -------------------------------------------------------------------------

AUTH = "Basic " + base64.b64encode(b"inbound:calendar-replies-test-secret").decode()


def postmark_payload(raw_mime: str) -> str:
    return json.dumps({"RecordType": "Inbound", "RawEmail": raw_mime, "Headers": [], "MessageID": "pm-1"})


def test_the_esps_inbound_webhook_delivers_a_reply_to_the_handler(client, round_, ingrid):
    ics = reply_ics(uid=str(round_.calendar_uid), attendee=INGRID, partstat="ACCEPTED")

    response = client.post(
        "/anymail/postmark/inbound/",
        postmark_payload(outlook_email(sender=INGRID, ics=ics)),
        content_type="application/json",
        HTTP_AUTHORIZATION=AUTH,
    )

    assert response.status_code == 200
    assert answer_of(round_, ingrid) == "accepted"


def test_the_webhook_refuses_posts_without_its_secret(client, round_, ingrid):
    ics = reply_ics(uid=str(round_.calendar_uid), attendee=INGRID, partstat="ACCEPTED")

    response = client.post(
        "/anymail/postmark/inbound/",
        postmark_payload(outlook_email(sender=INGRID, ics=ics)),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert answer_of(round_, ingrid) is None


def test_a_malformed_reply_through_the_webhook_is_still_acknowledged(client, round_, ingrid):
    """The ESP must not retry an e-mail nobody will ever understand: 200, nothing recorded."""
    response = client.post(
        "/anymail/postmark/inbound/",
        postmark_payload(outlook_email(sender=INGRID, ics="BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n")),
        content_type="application/json",
        HTTP_AUTHORIZATION=AUTH,
    )

    assert response.status_code == 200
    assert answer_of(round_, ingrid) is None
