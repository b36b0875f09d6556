"""The minute clock opens and closes rounds on time and sends the reminder once, by itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consult import services
from consult.models import RoundState
from consult.tasks import advance_rounds_on_time
from participants.models import AuditEvent
from tests import factories
from tests.consult.helpers import make_round

pytestmark = pytest.mark.django_db


def test_a_scheduled_round_stays_closed_until_its_opening_time():
    now = timezone.now()
    round_ = make_round(state=RoundState.SCHEDULED, opens_at=now + timedelta(hours=1), now=now)

    done = services.advance_rounds(now=now + timedelta(minutes=59))

    round_.refresh_from_db()
    assert round_.state == RoundState.SCHEDULED
    assert done.opened == []


def test_a_scheduled_round_opens_at_its_opening_time_by_the_system():
    now = timezone.now()
    round_ = make_round(state=RoundState.SCHEDULED, opens_at=now + timedelta(hours=1), now=now)

    done = services.advance_rounds(now=round_.opens_at)

    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN
    assert done.opened == [round_.pk]
    assert AuditEvent.objects.get(action="round.open").actor is None  # None: the system


def test_an_open_round_closes_at_its_deadline_and_not_before():
    now = timezone.now()
    round_ = make_round(state=RoundState.OPEN, now=now)

    services.advance_rounds(now=round_.closes_at - timedelta(seconds=1))
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN
    services.advance_rounds(now=round_.closes_at)

    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    assert round_.closed_at == round_.closes_at


def test_a_round_missed_while_the_worker_was_down_opens_then_closes_in_one_run():
    now = timezone.now()
    round_ = make_round(state=RoundState.SCHEDULED, now=now)

    done = services.advance_rounds(now=round_.closes_at + timedelta(hours=1))

    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    assert (done.opened, done.closed) == ([round_.pk], [round_.pk])


def test_running_twice_changes_nothing_the_second_time():
    now = timezone.now()
    round_ = make_round(state=RoundState.SCHEDULED, now=now)
    services.advance_rounds(now=round_.opens_at)

    again = services.advance_rounds(now=round_.opens_at)

    assert (again.opened, again.closed, again.reminded) == ([], [], [])
    assert AuditEvent.objects.filter(action="round.open").count() == 1


def test_the_reminder_goes_once_to_those_who_have_not_submitted(django_capture_on_commit_callbacks):
    now = timezone.now()
    participant = factories.make_participant(email="waiting@example.org")
    round_ = make_round(state=RoundState.OPEN, now=now, questions=1, reminder_days=3)
    due = round_.closes_at - timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.advance_rounds(now=due - timedelta(minutes=1))
        second = services.advance_rounds(now=due)
        third = services.advance_rounds(now=due + timedelta(minutes=1))

    assert (first.reminded, second.reminded, third.reminded) == ([], [round_.pk], [])
    assert [message.to for message in mail.outbox] == [[participant.email]]
    assert "Reminder" in mail.outbox[0].subject


def test_a_round_with_reminders_off_sends_none():
    now = timezone.now()
    round_ = make_round(state=RoundState.OPEN, now=now, reminder_days=0)

    done = services.advance_rounds(now=round_.closes_at - timedelta(hours=1))

    assert done.reminded == []


def test_the_periodic_task_runs_the_clock():
    now = timezone.now()
    round_ = make_round(state=RoundState.SCHEDULED, opens_at=now - timedelta(minutes=1), now=now - timedelta(hours=1))

    advance_rounds_on_time.call_local()

    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN


def test_the_periodic_task_is_due_every_minute():
    task = advance_rounds_on_time.task_class()
    minutes = [timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=n) for n in range(5)]

    assert all(task.validate_datetime(minute) for minute in minutes)
