"""Calendar invitations (REQUEST, updates, CANCEL), the per-round download and the personal feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from consult import calendar, services
from consult.models import Mode, RoundState
from participants.models import Category, Notification, Status
from tests import factories
from tests.consult.helpers import MEETING_LINK, make_round

START = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
EVENT = calendar.CalendarEvent(
    uid="5a0f5c38-round", sequence=2, summary="Testing session", starts_at=START, ends_at=START + timedelta(hours=2)
)
SECRETARIAT = calendar.Person("advisory-group@example.org", "ATT Secretariat")
INGRID = calendar.Person("ingrid@example.org", "Ingrid Johansson")


def only_event(raw: bytes):
    parsed = Calendar.from_ical(raw)
    events = parsed.walk("VEVENT")
    assert len(events) == 1
    return parsed, events[0]


# --- Pure ICS building ---------------------------------------------------------------------------------


def test_an_invitation_is_an_rfc5545_request_for_one_attendee():
    parsed, event = only_event(calendar.invitation(EVENT, method="REQUEST", organizer=SECRETARIAT, attendee=INGRID))

    assert str(parsed["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == "5a0f5c38-round"
    assert int(event["SEQUENCE"]) == 2
    assert event.decoded("DTSTART") == START
    assert str(event["ORGANIZER"]) == "mailto:advisory-group@example.org"
    assert str(event["ATTENDEE"]) == "mailto:ingrid@example.org"
    assert event["ATTENDEE"].params["RSVP"] == "TRUE"


def test_a_cancellation_keeps_the_uid_and_says_cancelled():
    parsed, event = only_event(calendar.invitation(EVENT, method="CANCEL", organizer=SECRETARIAT, attendee=INGRID))

    assert str(parsed["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == "5a0f5c38-round"
    assert str(event["STATUS"]) == "CANCELLED"


def test_times_are_written_in_utc_whatever_zone_they_come_in():
    from zoneinfo import ZoneInfo

    lima = START.astimezone(ZoneInfo("America/Lima"))
    event = calendar.CalendarEvent(uid="u", sequence=0, summary="s", starts_at=lima, ends_at=lima + timedelta(hours=1))

    raw = calendar.invitation(event, method="REQUEST", organizer=SECRETARIAT, attendee=INGRID)

    assert b"DTSTART:20261203T130000Z" in raw


def test_naive_times_are_refused():
    event = calendar.CalendarEvent(uid="u", sequence=0, summary="s", starts_at=datetime(2026, 12, 3, 13, 0))

    with pytest.raises(ValueError, match="time-zone aware"):
        calendar.invitation(event, method="REQUEST", organizer=SECRETARIAT, attendee=INGRID)


# --- Invitations by e-mail -------------------------------------------------------------------------------


def invitation_in(message):
    attachments = [item for item in message.attachments if item[2].startswith("text/calendar")]
    assert len(attachments) == 1
    content = attachments[0][1]
    return only_event(content.encode() if isinstance(content, str) else content)


@pytest.fixture
def online_round(db):
    return make_round(mode=Mode.ONLINE, title="Testing session")


@pytest.mark.django_db
def test_scheduling_a_meeting_emails_each_participant_their_own_invitation(
    online_round, django_capture_on_commit_callbacks
):
    ingrid = factories.make_participant(email="ingrid@example.org")
    kwame = factories.make_participant(email="kwame@example.org", category=Category.REGIONAL_ORGANISATION)

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=online_round.pk, by=None)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {ingrid.email, kwame.email}
    for email, message in by_recipient.items():
        parsed, event = invitation_in(message)
        assert str(parsed["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == str(online_round.calendar_uid)
        assert int(event["SEQUENCE"]) == 0
        assert str(event["ATTENDEE"]) == f"mailto:{email}"  # never anybody else
        assert str(event["LOCATION"]) == MEETING_LINK
        assert message.cc == message.bcc == []


@pytest.mark.django_db
def test_a_changed_meeting_sends_an_update_with_a_higher_sequence(online_round, django_capture_on_commit_callbacks):
    factories.make_participant(email="ingrid@example.org")
    services.schedule_round(round_id=online_round.pk, by=None, notify=False)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_round(
            round_id=online_round.pk, by=None, meeting_starts_at=online_round.meeting_starts_at + timedelta(hours=1)
        )

    parsed, event = invitation_in(mail.outbox[-1])
    assert str(parsed["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(online_round.calendar_uid)
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == online_round.meeting_starts_at + timedelta(hours=1)
    assert "Updated invitation" in mail.outbox[-1].subject


@pytest.mark.django_db
def test_cancelling_a_meeting_sends_cancel_with_the_same_uid(online_round, django_capture_on_commit_callbacks):
    factories.make_participant(email="ingrid@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=online_round.pk, by=None)
    _, invited = invitation_in(mail.outbox[-1])

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_round(round_id=online_round.pk, by=None, reason="Postponed")

    parsed, cancelled = invitation_in(mail.outbox[-1])
    assert str(parsed["METHOD"]) == "CANCEL"
    assert str(cancelled["UID"]) == str(invited["UID"])
    assert int(cancelled["SEQUENCE"]) > int(invited["SEQUENCE"])


@pytest.mark.django_db
def test_participants_who_turned_invitations_off_get_the_announcement_without_one(
    online_round, django_capture_on_commit_callbacks
):
    factories.make_participant(email="ingrid@example.org", notifications=[Notification.ROUND_SCHEDULED])

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=online_round.pk, by=None)

    assert len(mail.outbox) == 1
    assert not [item for item in mail.outbox[0].attachments if item[2].startswith("text/calendar")]


# --- The per-round download ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_to_calendar_gives_the_meeting_and_the_deadline(online_round, client_for):
    services.add_question(by=None, round_id=online_round.pk, key="q1", text="Anything?")
    services.schedule_round(round_id=online_round.pk, by=None, notify=False)
    client = client_for(factories.make_participant().user)

    response = client.get(f"/rounds/{online_round.pk}/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    events = {str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) == {str(online_round.calendar_uid), f"{online_round.calendar_uid}-deadline"}
    assert events[f"{online_round.calendar_uid}-deadline"].decoded("DTSTART") == online_round.closes_at


@pytest.mark.django_db
def test_add_to_calendar_is_404_for_a_round_the_viewer_may_not_see(client_for):
    round_ = make_round(state=RoundState.SCHEDULED, restricted=True)
    client = client_for(factories.make_participant(category=Category.INDUSTRY).user)

    assert client.get(f"/rounds/{round_.pk}/calendar.ics").status_code == 404


# --- The personal feed -----------------------------------------------------------------------------------


def feed_uids(response) -> set[str]:
    return {str(event["UID"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.mark.django_db
def test_the_feed_needs_no_login_and_lists_only_rounds_the_participant_may_see(client):
    open_to_all = make_round(state=RoundState.OPEN, title="Open to all")
    restricted = make_round(state=RoundState.SCHEDULED, restricted=True, title="Restricted", mode=Mode.ONLINE)
    draft = make_round(title="Draft", cycle=open_to_all.cycle)
    organisation = factories.make_participant(category=Category.INTERNATIONAL_ORGANISATION)
    state_party = factories.make_participant(category=Category.STATE_PARTY)

    organisation_feed = client.get(f"/rounds/calendar/{organisation.feed_token}.ics")
    state_party_feed = client.get(f"/rounds/calendar/{state_party.feed_token}.ics")

    assert organisation_feed.status_code == 200
    assert organisation_feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert feed_uids(organisation_feed) == {f"{open_to_all.calendar_uid}-deadline"}
    assert feed_uids(state_party_feed) == {f"{open_to_all.calendar_uid}-deadline", str(restricted.calendar_uid)}
    assert str(draft.calendar_uid) not in state_party_feed.content.decode()


@pytest.mark.django_db
def test_an_unknown_token_is_404(client):
    assert client.get("/rounds/calendar/not-a-real-token.ics").status_code == 404


@pytest.mark.django_db
def test_a_participant_who_is_no_longer_approved_loses_the_feed(client):
    participant = factories.make_participant(status=Status.WITHDRAWN)

    assert client.get(f"/rounds/calendar/{participant.feed_token}.ics").status_code == 404


@pytest.mark.django_db
def test_resetting_the_feed_retires_the_old_address(client_for, client):
    participant = factories.make_participant()
    old_token = participant.feed_token

    response = client_for(participant.user).post("/rounds/calendar/reset/")

    participant.refresh_from_db()
    assert response.status_code == 302
    assert participant.feed_token != old_token
    assert client.get(f"/rounds/calendar/{old_token}.ics").status_code == 404
    assert client.get(f"/rounds/calendar/{participant.feed_token}.ics").status_code == 200


@pytest.mark.django_db
def test_the_calendar_page_shows_the_private_address(client_for):
    participant = factories.make_participant()

    page = client_for(participant.user).get("/rounds/calendar/").content.decode()

    assert f"http://testserver/rounds/calendar/{participant.feed_token}.ics" in page
    assert f"webcal://testserver/rounds/calendar/{participant.feed_token}.ics" in page
