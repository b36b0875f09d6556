"""Time polls: proposing times, answering them in one's own zone, closing on time, choosing a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from consult import services as round_services
from consult.meetings import services
from consult.meetings.models import PollState, Vote
from consult.models import Mode, RoundState
from participants.models import Category
from tests import factories
from tests.consult.helpers import make_att_meeting, make_round
from tests.meetings.helpers import draft_meeting, proposed_times

pytestmark = pytest.mark.django_db


def open_poll(round_, times=None, closes_in=timedelta(days=2), by=None):
    return services.open_poll(
        round_id=round_.pk, by=by, slots=times or proposed_times(), closes_at=timezone.now() + closes_in
    )


# --- Proposing times -----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 7])
def test_a_poll_needs_two_to_six_times(count):
    round_ = draft_meeting()
    times = proposed_times(hours=tuple(range(8, 8 + count)))

    with pytest.raises(services.PollInvalid) as error:
        open_poll(round_, times)

    assert "between 2 and 6" in " ".join(error.value.messages)


def test_a_poll_must_close_before_the_earliest_proposed_time():
    round_ = draft_meeting()

    with pytest.raises(services.PollInvalid) as error:
        open_poll(round_, closes_in=timedelta(days=9))

    assert error.value.message_dict["closes_at"] == [
        "The poll must close before the earliest proposed time, so that a time can be chosen and announced."
    ]


def test_past_times_are_refused():
    round_ = draft_meeting()
    past = datetime.now(UTC) - timedelta(days=1)

    with pytest.raises(services.PollInvalid, match="already passed"):
        open_poll(round_, [(past, past + timedelta(hours=1)), *proposed_times()[:1]], closes_in=timedelta(hours=1))


def test_a_written_round_has_no_time_poll():
    with pytest.raises(services.PollInvalid, match="written round"):
        open_poll(make_round(mode=Mode.WRITTEN))


def test_in_person_times_must_sit_beside_the_att_meeting():
    day = (timezone.now() + timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)
    att = make_att_meeting(day.date(), day.date() + timedelta(days=2))
    round_ = make_round(
        mode=Mode.IN_PERSON,
        venue="Room XXIII",
        att_meeting=att,
        justification="Hands-on testing of the new tool needs the room.",
        meeting_starts_at=day,
        meeting_ends_at=day + timedelta(hours=2),
    )
    far = day + timedelta(days=30)

    with pytest.raises(services.PollInvalid, match="must take place during CSP12"):
        open_poll(round_, [(day, day + timedelta(hours=2)), (far, far + timedelta(hours=2))])


def test_opening_a_poll_asks_each_eligible_participant_in_their_own_time_zone(
    auckland, django_capture_on_commit_callbacks
):
    geneva = factories.make_participant(email="ingrid@example.org")
    round_ = draft_meeting()

    with django_capture_on_commit_callbacks(execute=True):
        open_poll(round_)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {auckland.email, geneva.email}
    assert "Pacific/Auckland" in by_recipient[auckland.email].body
    assert "02:00" in by_recipient[auckland.email].body  # 13:00 UTC
    assert "outside 07:00\N{EN DASH}22:00 for you" in by_recipient[auckland.email].body
    assert "/meetings/polls/" in by_recipient[geneva.email].body


def test_a_restricted_meetings_poll_goes_to_states_parties_only(django_capture_on_commit_callbacks):
    state_party = factories.make_participant(email="sp@example.org")
    factories.make_participant(email="ngo@example.org", category=Category.CIVIL_SOCIETY)

    with django_capture_on_commit_callbacks(execute=True):
        open_poll(draft_meeting(restricted=True))

    assert [message.to[0] for message in mail.outbox] == [state_party.email]


# --- Answering -------------------------------------------------------------------------------------------


def test_a_participant_answers_every_time_and_can_change_their_mind(auckland):
    poll = open_poll(draft_meeting())
    first, second = poll.slots.all()

    services.answer_poll(poll_id=poll.pk, participant=auckland, answers={first.pk: "no", second.pk: "yes"})
    services.answer_poll(poll_id=poll.pk, participant=auckland, answers={first.pk: "if_need_be", second.pk: "yes"})

    assert dict(Vote.objects.values_list("slot_id", "availability")) == {first.pk: "if_need_be", second.pk: "yes"}


def test_an_answer_must_cover_every_proposed_time(auckland):
    poll = open_poll(draft_meeting())
    first = poll.slots.first()

    with pytest.raises(services.PollInvalid, match="every proposed time"):
        services.answer_poll(poll_id=poll.pk, participant=auckland, answers={first.pk: "yes"})


def test_only_invited_participants_answer_a_restricted_poll():
    poll = open_poll(draft_meeting(restricted=True))
    ngo = factories.make_participant(category=Category.CIVIL_SOCIETY)

    with pytest.raises(services.PollNotEligible):
        services.answer_poll(poll_id=poll.pk, participant=ngo, answers={s.pk: "yes" for s in poll.slots.all()})


def test_no_answer_is_taken_after_the_closing_time_even_before_the_clock_runs(auckland):
    poll = open_poll(draft_meeting())
    answers = {slot.pk: "yes" for slot in poll.slots.all()}

    with pytest.raises(services.PollClosed):
        services.answer_poll(
            poll_id=poll.pk, participant=auckland, answers=answers, now=poll.closes_at + timedelta(seconds=1)
        )


# --- Closing on time and choosing ----------------------------------------------------------------------


def test_the_clock_closes_the_poll_at_its_time_and_tells_the_secretariat(django_capture_on_commit_callbacks):
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    poll = open_poll(draft_meeting())

    assert services.close_polls_due(now=poll.closes_at - timedelta(minutes=1)) == []
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.close_polls_due(now=poll.closes_at)

    poll.refresh_from_db()
    assert closed == [poll.pk]
    assert poll.state == PollState.CLOSED
    told = [message for message in mail.outbox if message.to == [secretariat.email]]
    assert len(told) == 1 and "choose the time" in told[0].subject
    assert services.close_polls_due(now=poll.closes_at + timedelta(minutes=1)) == []  # nothing twice


def test_the_poll_of_a_cancelled_round_is_cancelled_not_closed(django_capture_on_commit_callbacks):
    factories.make_secretariat()
    round_ = draft_meeting()
    poll = open_poll(round_)
    round_services.cancel_round(round_id=round_.pk, by=None, reason="no longer needed", notify=False)

    with django_capture_on_commit_callbacks(execute=True):
        services.close_polls_due(now=poll.closes_at)

    poll.refresh_from_db()
    assert poll.state == PollState.CANCELLED
    assert mail.outbox == []


def test_choosing_a_time_schedules_and_announces_the_meeting_with_reply_links(
    auckland, django_capture_on_commit_callbacks
):
    round_ = draft_meeting()
    poll = open_poll(round_)
    chosen = poll.slots.last()

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_poll(poll_id=poll.pk, slot_id=chosen.pk, by=None)

    round_.refresh_from_db()
    poll.refresh_from_db()
    assert round_.state == RoundState.SCHEDULED
    assert (round_.meeting_starts_at, round_.meeting_ends_at) == (chosen.starts_at, chosen.ends_at)
    assert (poll.state, poll.chosen_slot_id) == (PollState.DECIDED, chosen.pk)
    invitation = next(message for message in mail.outbox if message.to == [auckland.email])
    ics = next(content for _name, content, kind in invitation.attachments if kind.startswith("text/calendar"))
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == chosen.starts_at
    assert "/meetings/reply/" in invitation.body and "Decline:" in invitation.body


def test_when_the_cycle_is_full_choosing_a_time_changes_nothing():
    for title in ("First", "Second"):
        make_round(state=RoundState.SCHEDULED, mode=Mode.ONLINE, title=title)
    round_ = draft_meeting()
    poll = open_poll(round_)
    meeting_before = round_.meeting_starts_at

    with pytest.raises(round_services.CycleCapReached):
        services.decide_poll(poll_id=poll.pk, slot_id=poll.slots.first().pk, by=None)

    round_.refresh_from_db()
    poll.refresh_from_db()
    assert (round_.state, round_.meeting_starts_at, poll.state) == (RoundState.DRAFT, meeting_before, PollState.OPEN)


def test_choosing_a_new_time_for_an_announced_meeting_sends_an_update(django_capture_on_commit_callbacks):
    factories.make_participant(email="ingrid@example.org")
    round_ = make_round(mode=Mode.ONLINE, state=RoundState.SCHEDULED)
    poll = open_poll(round_)

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_poll(poll_id=poll.pk, slot_id=poll.slots.first().pk, by=None)

    round_.refresh_from_db()
    assert round_.calendar_sequence == 1
    assert "Updated invitation" in mail.outbox[-1].subject
