"""Accept and Decline: signed single-purpose links (a POST confirms), the round page, the waiting list, updates."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from consult import services as round_services
from consult.meetings import invitations, services, tokens
from consult.meetings.models import Attendance, ReplySource
from consult.models import Mode, RoundState
from participants.models import AuditEvent
from tests import factories
from tests.consult.helpers import make_att_meeting, make_round
from tests.meetings.helpers import meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return meeting()


@pytest.fixture
def ingrid():
    return factories.make_participant(email="ingrid@example.org", full_name="Ingrid Johansson")


def link_path(round_, participant, answer: str) -> str:
    return invitations.reply_url(round_, participant, answer).removeprefix("http://testserver")


def answer_of(round_, participant):
    row = Attendance.objects.filter(round=round_, participant=participant).first()
    return row.response if row else None


def test_opening_the_accept_link_changes_nothing_until_the_button_is_pressed(client, round_, ingrid):
    response = client.get(link_path(round_, ingrid, "accepted"))

    assert response.status_code == 200
    assert "Yes, I will attend" in response.text
    assert answer_of(round_, ingrid) is None
    assert not AuditEvent.objects.filter(action="meeting.reply").exists()


def test_pressing_the_button_accepts_without_logging_in(client, round_, ingrid):
    response = client.post(link_path(round_, ingrid, "accepted"))

    assert "you are expected" in response.text
    row = Attendance.objects.get(round=round_, participant=ingrid)
    assert (row.response, row.source) == ("accepted", ReplySource.LINK)
    assert response["Referrer-Policy"] == "same-origin"  # the token never leaves in a Referer header


def test_the_decline_link_only_declines(client, round_, ingrid):
    client.post(link_path(round_, ingrid, "accepted"))

    client.post(link_path(round_, ingrid, "declined"))

    assert answer_of(round_, ingrid) == "declined"


@pytest.mark.parametrize(
    "token",
    ["forged", tokens.make(round_id=1, participant_id=1, answer="accepted")[:-3] + "abc"],
    ids=["made-up", "altered-signature"],  # the signed token holds a timestamp: ids must not change between workers
)
def test_a_forged_or_altered_link_is_not_found(client, round_, ingrid, token):
    assert client.get(f"/meetings/reply/{token}/").status_code == 404
    assert client.post(f"/meetings/reply/{token}/").status_code == 404


def test_a_link_signed_for_another_purpose_is_refused():
    from django.core import signing

    other_purpose = signing.dumps([1, 1, "a"], salt="something-else")

    assert tokens.read(other_purpose) is None


def test_a_link_for_a_cancelled_meeting_says_so_and_records_nothing(client, round_, ingrid):
    round_services.cancel_round(round_id=round_.pk, by=None, reason="postponed", notify=False)

    response = client.post(link_path(round_, ingrid, "accepted"))

    assert "can no longer be answered" in response.text
    assert answer_of(round_, ingrid) is None


def test_a_participant_no_longer_approved_cannot_use_their_link(client, round_, ingrid):
    from participants import services as participant_services

    participant_services.withdraw_participant(participant_id=ingrid.pk, by=ingrid.user, reason="leaving")

    response = client.post(link_path(round_, ingrid, "accepted"))

    assert "not for an approved participant" in response.text
    assert answer_of(round_, ingrid) is None


def test_a_logged_in_participant_answers_from_the_round_page(client_for, round_, ingrid):
    client = client_for(ingrid.user)

    response = client.post(f"/meetings/rounds/{round_.pk}/reply/", {"answer": "declined"}, follow=True)

    assert "cannot attend" in response.text
    assert answer_of(round_, ingrid) == "declined"
    assert "You declined" in client.get(f"/rounds/{round_.pk}/").text


# --- Updates and the waiting list -----------------------------------------------------------------------


def invitation_event(message):
    content = next(content for _n, content, kind in message.attachments if kind.startswith("text/calendar"))
    return Calendar.from_ical(content).walk("VEVENT")[0]


def test_updates_keep_each_answer_and_skip_those_who_declined(round_, ingrid, django_capture_on_commit_callbacks):
    kwame = factories.make_participant(email="kwame@example.org")
    silent = factories.make_participant(email="silent@example.org")
    services.reply(round_id=round_.pk, participant_id=ingrid.pk, answer="accepted", source=ReplySource.LINK)
    services.reply(round_id=round_.pk, participant_id=kwame.pk, answer="declined", source=ReplySource.LINK)

    with django_capture_on_commit_callbacks(execute=True):
        round_services.update_round(round_id=round_.pk, by=None, meeting_link="https://meet.example.org/new-room")

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {ingrid.email, silent.email}
    accepted = invitation_event(by_recipient[ingrid.email])
    assert int(accepted["SEQUENCE"]) == 1
    assert accepted["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert invitation_event(by_recipient[silent.email])["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert "You have accepted" in by_recipient[ingrid.email].body


def in_person_meeting(capacity: int):
    day = (timezone.now() + timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)
    round_ = make_round(
        mode=Mode.IN_PERSON,
        state=RoundState.SCHEDULED,
        venue="Room XXIII, Palais des Nations",
        att_meeting=make_att_meeting(day.date(), day.date() + timedelta(days=1)),
        justification="Testing the tool together needs the same room.",
        meeting_starts_at=day,
        meeting_ends_at=day + timedelta(hours=2),
    )
    services.set_capacity(round_id=round_.pk, capacity=capacity, by=None)
    return round_


def test_acceptances_past_capacity_wait_and_move_up_when_someone_declines(django_capture_on_commit_callbacks):
    round_ = in_person_meeting(capacity=1)
    first, second, third = (factories.make_participant(email=f"p{n}@example.org") for n in range(3))

    with django_capture_on_commit_callbacks(execute=True):
        services.reply(round_id=round_.pk, participant_id=first.pk, answer="accepted", source=ReplySource.LINK)
        waiting = services.reply(
            round_id=round_.pk, participant_id=second.pk, answer="accepted", source=ReplySource.SITE
        )
        services.reply(round_id=round_.pk, participant_id=third.pk, answer="accepted", source=ReplySource.LINK)
    assert waiting.waiting_position == 1
    assert [message.to for message in mail.outbox] == [[second.email], [third.email]]
    assert "number 2" in mail.outbox[1].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(round_id=round_.pk, participant_id=first.pk, answer="declined", source=ReplySource.LINK)

    assert not Attendance.objects.get(round=round_, participant=second).waitlisted
    assert Attendance.objects.get(round=round_, participant=third).waitlisted
    assert [message.to for message in mail.outbox] == [[second.email]]
    assert "A place is yours" in mail.outbox[0].subject


def test_raising_the_capacity_gives_places_to_those_waiting():
    round_ = in_person_meeting(capacity=1)
    first, second = (factories.make_participant() for _ in range(2))
    for person in (first, second):
        services.reply(round_id=round_.pk, participant_id=person.pk, answer="accepted", source=ReplySource.LINK)

    services.set_capacity(round_id=round_.pk, capacity=2, by=None)

    assert not Attendance.objects.filter(round=round_, waitlisted=True).exists()


def test_online_meetings_have_no_capacity(round_):
    with pytest.raises(services.AttendanceError, match="in-person"):
        services.set_capacity(round_id=round_.pk, capacity=5, by=None)


def test_the_invitation_e_mail_carries_working_accept_and_decline_links(
    client, ingrid, django_capture_on_commit_callbacks
):
    round_ = make_round(mode=Mode.ONLINE, title="Testing session")
    with django_capture_on_commit_callbacks(execute=True):
        round_services.schedule_round(round_id=round_.pk, by=None)

    body = mail.outbox[0].body
    accept = re.search(r"Accept: (\S+)", body).group(1).removeprefix("http://testserver")
    client.post(accept)

    assert answer_of(round_, ingrid) == "accepted"
    assert 'href="http://testserver/meetings/reply/' in mail.outbox[0].alternatives[0][0]
