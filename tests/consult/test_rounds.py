"""Every state change of a round, the meeting rules of §10, and what may change after scheduling."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from consult import services
from consult.models import Mode, RoundState
from participants.models import AuditEvent
from tests.consult.helpers import MEETING_LINK, make_att_meeting, make_next_cycle, make_round

pytestmark = pytest.mark.django_db


def test_a_new_round_is_a_draft_that_takes_no_place(secretariat):
    round_ = make_round(by=secretariat)

    assert round_.state == RoundState.DRAFT
    assert round_.slot is None
    assert AuditEvent.objects.filter(action="round.create", actor=secretariat).exists()


def test_scheduling_takes_the_first_free_place_and_is_audited(secretariat):
    round_ = make_round(mode=Mode.ONLINE)

    scheduled = services.schedule_round(round_id=round_.pk, by=secretariat, notify=False)

    assert (scheduled.state, scheduled.slot) == (RoundState.SCHEDULED, 1)
    event = AuditEvent.objects.get(action="round.schedule")
    assert (event.actor, event.from_state, event.to_state) == (secretariat, "draft", "scheduled")


def test_only_a_draft_can_be_scheduled():
    round_ = make_round(state=RoundState.OPEN)

    with pytest.raises(services.RoundNotDraft):
        services.schedule_round(round_id=round_.pk, by=None)


def test_a_round_whose_closing_time_has_passed_cannot_be_scheduled():
    now = timezone.now()
    round_ = make_round(opens_at=now - timedelta(days=5), closes_at=now - timedelta(days=1))

    with pytest.raises(services.RoundInvalid) as error:
        services.schedule_round(round_id=round_.pk, by=None, now=now)

    assert "closes_at" in error.value.message_dict


def test_opening_early_moves_the_opening_time_to_now():
    now = timezone.now()
    round_ = make_round(state=RoundState.SCHEDULED, opens_at=now + timedelta(days=3), now=now)

    opened = services.open_round(round_id=round_.pk, by=None, now=now)

    assert opened.state == RoundState.OPEN
    assert opened.opens_at == now
    assert opened.accepts_answers(now)


def test_only_a_scheduled_round_can_be_opened():
    round_ = make_round()

    with pytest.raises(services.RoundNotScheduled):
        services.open_round(round_id=round_.pk, by=None)


def test_closing_early_makes_the_deadline_the_closing_time():
    now = timezone.now()
    round_ = make_round(state=RoundState.OPEN, now=now)
    later = now + timedelta(days=2)

    closed = services.close_round(round_id=round_.pk, by=None, now=later)

    assert closed.state == RoundState.CLOSED
    assert closed.closes_at == later == closed.closed_at
    assert not closed.accepts_answers(later)


@pytest.mark.parametrize("state", [RoundState.DRAFT, RoundState.SCHEDULED, RoundState.CLOSED, RoundState.CANCELLED])
def test_only_an_open_round_can_be_closed(state):
    round_ = make_round(state=state)

    with pytest.raises(services.RoundNotOpen):
        services.close_round(round_id=round_.pk, by=None)


@pytest.mark.parametrize("state", [RoundState.DRAFT, RoundState.SCHEDULED])
def test_a_draft_or_scheduled_round_can_be_cancelled_and_gives_back_its_place(state, secretariat):
    round_ = make_round(state=state)

    cancelled = services.cancel_round(round_id=round_.pk, by=secretariat, reason="Budget", notify=False)

    assert cancelled.state == RoundState.CANCELLED
    assert cancelled.slot is None
    assert AuditEvent.objects.get(action="round.cancel").reason == "Budget"


@pytest.mark.parametrize("state", [RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED, RoundState.CANCELLED])
def test_a_round_that_has_opened_cannot_be_cancelled(state):
    round_ = make_round(state=state)

    with pytest.raises(services.RoundNotCancellable):
        services.cancel_round(round_id=round_.pk, by=None, reason="Too late")


def test_a_closed_round_can_be_marked_summarised_and_an_open_one_cannot():
    closed = make_round(state=RoundState.CLOSED, title="Closed")
    still_open = make_round(state=RoundState.OPEN, title="Open", cycle=closed.cycle)

    summarised = services.mark_round_summarised(round_id=closed.pk, by=None)

    assert summarised.state == RoundState.SUMMARISED
    with pytest.raises(services.RoundNotClosed):
        services.mark_round_summarised(round_id=still_open.pk, by=None)


def test_closing_before_opening_is_refused_next_to_the_closing_time():
    now = timezone.now()

    with pytest.raises(services.RoundInvalid) as error:
        make_round(opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=1))

    assert "after the opening time" in error.value.message_dict["closes_at"][0]


def test_an_online_meeting_needs_its_link():
    with pytest.raises(services.RoundInvalid) as error:
        make_round(mode=Mode.ONLINE, meeting_link="")

    assert "link" in error.value.message_dict["meeting_link"][0]


def _in_person(starts_at: datetime, **extra):
    return make_round(
        mode=Mode.IN_PERSON,
        meeting_starts_at=starts_at,
        meeting_ends_at=starts_at + timedelta(hours=3),
        **{"venue": "Room XXIII, Palais des Nations", "justification": "Hands-on testing needs the room.", **extra},
    )


def test_an_in_person_meeting_needs_a_justification_and_an_att_meeting():
    starts_at = timezone.now() + timedelta(days=30)

    with pytest.raises(services.RoundInvalid) as error:
        _in_person(starts_at, justification="")

    assert set(error.value.message_dict) == {"justification", "att_meeting"}


def test_an_in_person_meeting_may_sit_a_day_either_side_of_the_att_meeting():
    meeting = make_att_meeting(date(2027, 2, 22), date(2027, 2, 26))
    day_before = timezone.make_aware(datetime(2027, 2, 21, 14, 0))

    round_ = _in_person(day_before, att_meeting=meeting, now=timezone.make_aware(datetime(2027, 2, 1)))

    assert round_.att_meeting == meeting


def test_an_in_person_meeting_two_days_away_from_the_att_meeting_is_refused():
    meeting = make_att_meeting(date(2026, 8, 24), date(2026, 8, 28))
    too_early = timezone.make_aware(datetime(2026, 8, 22, 14, 0))

    with pytest.raises(services.RoundInvalid) as error:
        _in_person(too_early, att_meeting=meeting)

    assert "during CSP12" in error.value.message_dict["meeting_starts_at"][0]


def test_a_written_round_keeps_no_stale_meeting_details():
    round_ = make_round(mode=Mode.WRITTEN, meeting_link=MEETING_LINK, venue="Geneva", justification="x")

    assert (round_.meeting_link, round_.venue, round_.justification) == ("", "", "")


def test_cycle_and_restriction_are_fixed_once_scheduled():
    round_ = make_round(state=RoundState.SCHEDULED)

    with pytest.raises(services.RoundInvalid) as error:
        services.update_round(round_id=round_.pk, by=None, restricted=True, cycle=make_next_cycle())

    assert set(error.value.message_dict) == {"restricted", "cycle"}


def test_a_draft_can_change_anything():
    round_ = make_round()

    updated = services.update_round(round_id=round_.pk, by=None, restricted=True, title="Renamed")

    assert (updated.restricted, updated.title) == (True, "Renamed")


def test_a_closed_round_cannot_be_edited():
    round_ = make_round(state=RoundState.CLOSED)

    with pytest.raises(services.RoundNotEditable):
        services.update_round(round_id=round_.pk, by=None, title="Too late")


def test_changing_an_announced_meeting_raises_its_calendar_sequence():
    round_ = make_round(mode=Mode.ONLINE, state=RoundState.SCHEDULED)

    updated = services.update_round(round_id=round_.pk, by=None, meeting_link="https://meet.example.org/new")

    assert updated.calendar_sequence == round_.calendar_sequence + 1


def test_changing_a_draft_meeting_sends_nothing_and_keeps_the_sequence():
    round_ = make_round(mode=Mode.ONLINE)

    updated = services.update_round(round_id=round_.pk, by=None, meeting_link="https://meet.example.org/new")

    assert updated.calendar_sequence == 0
