"""The demo data `make run` loads: the rounds feedback.demo builds on, created once however often it runs."""

from __future__ import annotations

import pytest

from consult import demo, selectors
from consult.models import Cycle, Document, Question, QuestionKind, Round, RoundState
from participants.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_written_round_a_scheduled_meeting_and_a_closed_round():
    rounds = demo.seed()

    assert (rounds.open_written.state, rounds.online_meeting.state, rounds.closed.state) == (
        RoundState.OPEN,
        RoundState.SCHEDULED,
        RoundState.CLOSED,
    )
    assert set(rounds.open_written.questions.values_list("kind", flat=True)) == set(QuestionKind.values)
    assert rounds.open_written.documents.count() == 2
    assert rounds.closed.cycle.name == "CSP11-CSP12"


def test_the_demo_cycle_shows_written_requests_beside_its_consultations():
    rounds = demo.seed()

    usage = selectors.cap_usage(rounds.open_written.cycle)

    assert (usage.used, usage.written) == (1, 2)  # meetings.demo plans the second consultation
    assert rounds.written_request.state == RoundState.SCHEDULED
    assert rounds.written_request.slot is None


def test_the_demo_follows_the_restricted_area_rule():
    rounds = demo.seed()

    assert rounds.online_meeting.restricted  # the information exchange platform is in the restricted area
    assert not rounds.open_written.restricted
    reason = AuditEvent.objects.get(action="round.unrestricted", target_id=str(rounds.open_written.pk)).reason
    assert "restricted area" in reason


def test_the_demo_cycles_do_not_overlap():
    demo.seed()

    earlier, later = Cycle.objects.order_by("starts_on")

    assert earlier.ends_on < later.starts_on


def test_running_the_demo_again_changes_nothing():
    first = demo.seed()
    counts = (Round.objects.count(), Question.objects.count(), Document.objects.count())

    second = demo.seed()

    assert second == first
    assert (Round.objects.count(), Question.objects.count(), Document.objects.count()) == counts
