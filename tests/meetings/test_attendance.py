"""Attendance: the Secretariat sees names and marks who came; the Chair sees numbers under the small-cell rule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from consult.meetings import selectors, services
from consult.meetings.models import Attendance, ReplySource
from participants.models import AuditEvent
from tests import factories
from tests.meetings.helpers import meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return [factories.make_participant(full_name=f"Expert {name}") for name in ("Ana", "Ben", "Chloe", "Dev", "Eva")]


def reply(round_, participant, answer):
    services.reply(round_id=round_.pk, participant_id=participant.pk, answer=answer, source=ReplySource.LINK)


def after_start(round_):
    return round_.meeting_starts_at + timedelta(minutes=5)


def test_attendance_cannot_be_taken_before_the_meeting_starts(people):
    round_ = meeting()

    with pytest.raises(services.AttendanceError, match="once the meeting has started"):
        services.record_attendance(round_id=round_.pk, attended=[people[0].pk], by=None)


def test_the_secretariat_marks_who_attended_and_it_is_audited(people):
    round_ = meeting()
    reply(round_, people[0], "accepted")

    services.record_attendance(
        round_id=round_.pk, attended=[people[0].pk, people[1].pk], by=None, now=after_start(round_)
    )

    present = set(Attendance.objects.filter(round=round_, attended=True).values_list("participant_id", flat=True))
    assert present == {people[0].pk, people[1].pk}
    assert AuditEvent.objects.filter(action="meeting.attendance").get().details["attended"] == 2


def test_only_invited_participants_can_be_marked_present(people):
    round_ = meeting(restricted=True)
    outsider = factories.make_participant(category="industry")

    with pytest.raises(services.AttendanceError, match="Only participants invited"):
        services.record_attendance(round_id=round_.pk, attended=[outsider.pk], by=None, now=after_start(round_))


def test_marking_again_replaces_the_previous_list(people):
    round_ = meeting()
    services.record_attendance(round_id=round_.pk, attended=[people[0].pk], by=None, now=after_start(round_))

    services.record_attendance(round_id=round_.pk, attended=[people[1].pk], by=None, now=after_start(round_))

    assert list(Attendance.objects.filter(round=round_, attended=True).values_list("participant_id", flat=True)) == [
        people[1].pk
    ]


@override_settings(ANONYMITY_MIN_CELL=3)
def test_the_chair_sees_counts_with_small_ones_hidden(people):
    round_ = meeting()
    for person in people[:3]:
        reply(round_, person, "accepted")
    reply(round_, people[3], "declined")

    numbers = selectors.attendance_numbers(round_)

    # 3 accepted, 1 declined (hidden), 1 no reply (hidden: with the other it could be worked out)
    assert numbers.replies["accepted"] == 3
    assert numbers.replies["declined"] is None
    assert numbers.replies["no_reply"] is None
    assert numbers.invited == 5
    assert numbers.attended is None and not numbers.attendance_taken


@override_settings(ANONYMITY_MIN_CELL=3)
def test_two_attendees_are_shown_to_the_chair_as_fewer_than_three(people):
    round_ = meeting()
    services.record_attendance(
        round_id=round_.pk, attended=[people[0].pk, people[1].pk], by=None, now=after_start(round_)
    )

    numbers = selectors.attendance_numbers(round_)

    assert numbers.attendance_taken and numbers.attended is None


def test_the_chairs_round_page_shows_numbers_and_no_name(client_for, people):
    round_ = meeting()
    for person in people[:4]:
        reply(round_, person, "accepted")
    chair = factories.make_chair()

    page = client_for(chair).get(f"/rounds/{round_.pk}/").text

    assert "Meeting replies" in page and "Accepted" in page
    assert not any(person.full_name in page for person in people)
    assert f"/meetings/rounds/{round_.pk}/attendance/" not in page


def test_the_secretariats_attendance_page_names_each_reply(client_for, people):
    round_ = meeting()
    reply(round_, people[0], "accepted")
    reply(round_, people[1], "declined")
    secretariat = factories.make_secretariat()

    page = client_for(secretariat).get(f"/meetings/rounds/{round_.pk}/attendance/").text

    assert "Expert Ana" in page and "Expert Ben" in page
    assert "Attendance can be taken once the meeting has started." in page


def test_the_chair_cannot_open_the_attendance_page(client_for):
    round_ = meeting()

    response = client_for(factories.make_chair()).get(f"/meetings/rounds/{round_.pk}/attendance/")

    assert response.status_code == 403


def test_attendance_is_saved_from_the_page(client_for, people):
    started = timezone.now() - timedelta(hours=1)
    round_ = meeting(
        opens_at=started - timedelta(days=3), meeting_starts_at=started, meeting_ends_at=started + timedelta(hours=2)
    )
    client = client_for(factories.make_secretariat())

    response = client.post(
        f"/meetings/rounds/{round_.pk}/attendance/", {"attended": [people[2].pk, people[4].pk]}, follow=True
    )

    assert "Attendance saved: 2 present." in response.text
    assert Attendance.objects.filter(round=round_, attended=True).count() == 2
