"""Rounds answered and closed, for the summary tests, made through the services.

Answers are given while the round is open and the round closes afterwards, as in life: closing freezes
the round's figures (Round.closing_figures), which would be empty for answers given later. So a test
takes `open_round()`, answers with `answer(...)`, then calls `close(round_)`. The round ran from twenty
days ago to yesterday; answers are given an hour before it closed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from consult.models import Round, RoundState
from feedback import services
from feedback.models import Submission
from feedback.validation import as_raw
from tests import factories
from tests.feedback.helpers import draft, make_round, move_round, submit

QUESTIONS = [
    ("ease", "rating", "How easy was the pre-filled report?", []),
    ("formats", "multi_choice", "Which export formats do you need?", ["Excel", "CSV", "XML"]),
    ("pilot", "yes_no", "Would you test the next version?", []),
    ("improve", "text", "What should change?", []),
]


def open_round(*, title: str = "Online reporting tool: design review", questions=None) -> Round:
    """An open request for written input with `questions` as (key, kind, text, choices)."""
    now = timezone.now()
    return make_round(
        title=title,
        opens_at=now - dt.timedelta(days=20),
        closes_at=now - dt.timedelta(days=1),
        questions=[
            {"key": key, "kind": kind, "text": text, "choices": choices}
            for key, kind, text, choices in questions or QUESTIONS
        ],
    )


def close(round_: Round) -> Round:
    """Close the round at its closing time, freezing its figures."""
    return move_round(round_, RoundState.CLOSED)


def closed_round(*, title: str = "Online reporting tool: design review", questions=None) -> Round:
    """A closed round nobody answered."""
    return close(open_round(title=title, questions=questions))


def answer(round_: Round, participant, values: dict, *, state: str = "submitted", written: bool = False) -> Submission:
    """`participant`'s answers to the open round (`values` as stored: an "Other" answer in the
    participant's own words), submitted (or left as a draft) before it closes; follow-up answers that no
    longer apply are dropped. `written` answers come in a letter the Secretariat records, which may leave
    even required questions blank."""
    now = min(timezone.now(), round_.closes_at - dt.timedelta(hours=1))
    questions = {question.key: question for question in round_.questions.active()}
    values = {key: as_raw(questions[key], value) for key, value in values.items()}
    if written:
        return services.record_offline_submission(
            round_id=round_.pk, participant_id=participant.pk, answers=values, by=None, now=now
        )
    if state == "draft":
        return draft(round_, participant, values, now=now)
    return submit(round_, participant, values, discard_hidden=tuple(values), now=now)


def respondents(count: int, category: str = "state_party", **fields):
    return [factories.make_participant(category=category, **fields) for _ in range(count)]
