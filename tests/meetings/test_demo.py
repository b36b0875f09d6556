"""The demo (manage.py seed_demo) has a time poll with answers, replies, and a meeting held with its notes."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command

from consult.meetings.models import Attendance, Meeting, Poll, PollState, Vote
from feedback.models import MeetingNotes, NotesState

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (Poll.objects.count(), Vote.objects.count(), Attendance.objects.count(), MeetingNotes.objects.count())


def test_the_demo_shows_a_poll_replies_and_a_meeting_with_notes_and_running_it_twice_adds_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first
    poll = Poll.objects.get()
    assert poll.state == PollState.OPEN and Vote.objects.filter(slot__poll=poll).exists()
    assert {"accepted", "declined"} <= set(Attendance.objects.values_list("response", flat=True))
    held = Meeting.objects.get(attendance_taken_at__isnull=False).round
    assert Attendance.objects.filter(round=held, attended=True).count() == 4
    notes = MeetingNotes.objects.get(round=held)
    assert notes.state == NotesState.APPROVED
    assert not any("Torres" in point or "Peruvian" in point for point in notes.points)
    assert mail.outbox == []
