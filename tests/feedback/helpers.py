"""Rounds in the state a feedback test needs, and answers made through the feedback services.

Round lifecycle services belong to consult; until a test needs their side effects, rounds are moved
with the model's own transitions here (each round in its own cycle, so the two-per-cycle cap never
gets in the way)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from consult.models import Cycle, Question, Round, RoundState, Tool
from feedback import services
from feedback.models import Submission
from participants.models import Participant

_sequence = itertools.count(1)

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "usability",
        "text": "How easy is the online reporting tool to use?",
        "kind": "rating",
        "required": True,
        "help_text": "1 is very hard, 5 is very easy.",
    },
    {
        "key": "format",
        "text": "Which format do you prefer for the annual report?",
        "kind": "choice",
        "choices": ["Online form", "Excel template", "Word template"],
        "required": True,
    },
    {
        "key": "topics",
        "text": "Which topics should the guidance cover?",
        "kind": "multi_choice",
        "choices": ["Article 11", "Article 13", "Nil reports"],
    },
    {"key": "prefill", "text": "Should the tool pre-fill from last year's report?", "kind": "yes_no"},
    {
        "key": "comments",
        "text": "Any other comments?",
        "kind": "text",
        "max_length": 200,
        "help_text": "Please do not name your State or organisation.",
    },
]

GOOD_ANSWERS = {
    "usability": "4",
    "format": "Excel template",
    "topics": ["Article 13", "Nil reports"],
    "prefill": "yes",
    "comments": "Pre-filling saves a week of work.",
}


def make_round(
    *,
    state: str = RoundState.OPEN,
    restricted: bool = False,
    questions: list[dict[str, Any]] | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    title: str | None = None,
) -> Round:
    number = next(_sequence)
    now = timezone.now()
    cycle, _ = Cycle.objects.get_or_create(  # one cycle: cycles never overlap
        name="CSP90-CSP91",
        defaults={"starts_on": now.date() - timedelta(days=400), "ends_on": now.date() + timedelta(days=400)},
    )
    tool, _ = Tool.objects.get_or_create(name="Online reporting tool")
    round_ = Round.objects.create(
        cycle=cycle,
        tool=tool,
        title=title or f"Consultation {number}",
        stage="design",
        restricted=restricted,
        opens_at=opens_at or now - timedelta(days=7),
        closes_at=closes_at or now + timedelta(days=7),
    )
    for order, spec in enumerate(QUESTIONS if questions is None else questions):
        Question.objects.create(round=round_, order=order, **spec)
    move_round(round_, state)
    return round_


def move_round(round_: Round, state: str) -> Round:
    """Walk the round along its transitions to `state` (draft -> scheduled -> open -> closed -> summarised)."""
    if state == RoundState.CANCELLED:
        round_.cancel(at=timezone.now())
        round_.save()
        return round_
    path = [RoundState.DRAFT, RoundState.SCHEDULED, RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED]
    while path.index(round_.state) < path.index(state):
        step = path[path.index(round_.state) + 1]
        if step == RoundState.SCHEDULED:
            round_.schedule(slot=None, at=timezone.now())  # a written request takes no cap place
        elif step == RoundState.OPEN:
            round_.open(at=timezone.now())
        elif step == RoundState.CLOSED:
            round_.close(at=timezone.now())
        else:
            round_.mark_summarised()
        round_.save()
    return round_


def submit(round_: Round, participant: Participant, answers: dict[str, Any] | None = None, **kwargs) -> Submission:
    """A submitted response, made the way a participant makes one."""
    submission = Submission.objects.filter(round=round_, participant=participant).first()
    result = services.submit_response(
        round_id=round_.pk,
        participant=participant,
        answers=GOOD_ANSWERS if answers is None else answers,
        version=submission.version if submission else services.NEW,
        confirm_personal_capacity=True,
        **kwargs,
    )
    return result.submission


def draft(round_: Round, participant: Participant, answers: dict[str, Any], **kwargs) -> Submission:
    submission = Submission.objects.filter(round=round_, participant=participant).first()
    return services.save_draft(
        round_id=round_.pk,
        participant=participant,
        answers=answers,
        version=submission.version if submission else services.NEW,
        **kwargs,
    )
