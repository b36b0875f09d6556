"""Rounds in the state a feedback test needs, and answers made through the feedback services.

Rounds are built by tests.consult.helpers, through the consult services, so every rule applies: each a
request for written input (it takes no cap place), announced and opened at its opening time.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from consult import services as consult
from consult.models import Cycle, Question, Round, RoundState
from feedback import services
from feedback.models import Submission
from participants.models import Participant
from tests.consult import helpers as rounds

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


def unsaved_questions(**extra: Any) -> list[Question]:
    """QUESTIONS as Question objects, never saved: enough to build and render the questionnaire's form."""
    return [
        Question(
            key=q["key"],
            text=q["text"],
            kind=q["kind"],
            choices=q.get("choices", []),
            required=q.get("required", False),
            **extra,
        )
        for q in QUESTIONS
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
    cycle: Cycle | None = None,
) -> Round:
    """A written round with `questions` (QUESTIONS unless told), open from a week ago for two weeks
    unless told otherwise, moved to `state` by move_round."""
    now = timezone.now()
    opens_at = opens_at or now - timedelta(days=7)
    closes_at = closes_at or now + timedelta(days=7)
    round_ = rounds.make_round(
        cycle=cycle or rounds.cycle_holding(opens_at, closes_at),
        tool=rounds.make_tool(),
        title=title or f"Consultation {next(_sequence)}",
        restricted=restricted,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    for spec in QUESTIONS if questions is None else questions:
        consult.add_question(by=None, round_id=round_.pk, **spec)
    return move_round(round_, state)


def move_round(round_: Round, state: str, *, now: datetime | None = None) -> Round:
    """Walk the round to `state` through the consult services (draft -> scheduled -> open -> closed ->
    summarised, or cancelled): announced and opened at its opening time when that has come (now
    otherwise, which opens it early), closed now, or at its closing time when that has passed."""
    now = now or timezone.now()
    return rounds.move_to(round_, state, now=min(now, round_.opens_at), closing_at=min(now, round_.closes_at))


def pass_deadline(round_: Round) -> Round:
    """The open round's deadline passed a second ago, the round not yet closed by the clock: the
    Secretariat moves the deadline (nothing else can make time pass for the pages under test)."""
    return consult.update_round(round_id=round_.pk, by=None, closes_at=timezone.now() - timedelta(seconds=1))


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
