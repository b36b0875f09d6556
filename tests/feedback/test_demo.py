"""The demo responses: every status a visitor of the demo should see, and idempotent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from consult.models import RoundState
from feedback import demo
from feedback.models import Source, Submission, SubmissionState
from tests.feedback.helpers import make_round

pytestmark = pytest.mark.django_db


def test_demo_answers_cover_drafts_online_and_offline_and_running_twice_adds_nothing(secretariat):
    now = timezone.now()
    open_round = make_round()
    closed_round = make_round(
        state=RoundState.CLOSED, opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=30)
    )

    demo.seed([open_round, closed_round])
    counts = Submission.objects.count()
    demo.seed([open_round, closed_round])

    assert Submission.objects.count() == counts
    in_open = Submission.objects.filter(round=open_round)
    assert in_open.filter(state=SubmissionState.DRAFT).exists()
    assert in_open.filter(state=SubmissionState.SUBMITTED, source=Source.WEB).exists()
    assert in_open.filter(state=SubmissionState.SUBMITTED, source=Source.OFFLINE).exists()
    in_closed = Submission.objects.filter(round=closed_round)
    assert in_closed.exists() and not in_closed.exclude(state=SubmissionState.SUBMITTED).exists()
    assert all(s.submitted_at < closed_round.closes_at for s in in_closed)
