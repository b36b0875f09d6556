"""The demo data `make run` loads: the rounds feedback.demo builds on, created once however often it runs."""

from __future__ import annotations

import pytest

from consult import demo, selectors
from consult.models import Document, Question, QuestionKind, Round, RoundState

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
    assert str(selectors.cap_usage(rounds.open_written.cycle)) == "2 of 2 consultations used in CSP12-CSP13"
    assert rounds.closed.cycle.name == "CSP11-CSP12"


def test_running_the_demo_again_changes_nothing():
    first = demo.seed()
    counts = (Round.objects.count(), Question.objects.count(), Document.objects.count())

    second = demo.seed()

    assert second == first
    assert (Round.objects.count(), Question.objects.count(), Document.objects.count()) == counts
