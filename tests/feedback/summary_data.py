"""A closed round with answers, for the summary tests."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from consult.models import Cycle, Question, Round, Tool
from feedback.models import Answer, Submission
from tests import factories

_pseudonyms = itertools.count(101)


def closed_round(*, title: str = "Online reporting tool: design review", questions=None) -> Round:
    now = timezone.now()
    cycle, _ = Cycle.objects.get_or_create(
        name="CSP12-CSP13", defaults={"starts_on": dt.date(2026, 8, 29), "ends_on": dt.date(2027, 8, 27)}
    )
    tool, _ = Tool.objects.get_or_create(name="Online reporting tool", defaults={"articles": [13]})
    round_ = Round.objects.create(
        cycle=cycle,
        tool=tool,
        title=title,
        stage="design",
        mode="written",
        opens_at=now - dt.timedelta(days=20),
        closes_at=now - dt.timedelta(days=1),
    )
    round_.schedule(slot=None, at=now)  # a request for written input takes no cap place
    round_.open(at=now)
    round_.close(at=now)
    round_.save()
    for order, (key, kind, text, choices) in enumerate(
        questions
        or [
            ("ease", "rating", "How easy was the pre-filled report?", []),
            ("formats", "multi_choice", "Which export formats do you need?", ["Excel", "CSV", "XML"]),
            ("pilot", "yes_no", "Would you test the next version?", []),
            ("improve", "text", "What should change?", []),
        ]
    ):
        Question.objects.create(round=round_, key=key, kind=kind, text=text, choices=choices, order=order)
    return round_


def answer(round_: Round, participant, values: dict, *, state: str = "submitted") -> Submission:
    submission = Submission.objects.create(
        round=round_, participant=participant, pseudonym=next(_pseudonyms), state=state, submitted_at=timezone.now()
    )
    questions = {question.key: question for question in round_.questions.all()}
    Answer.objects.bulk_create(
        [Answer(submission=submission, question=questions[key], value=value) for key, value in values.items()]
    )
    return submission


def respondents(count: int, category: str = "state_party", **fields):
    return [factories.make_participant(category=category, **fields) for _ in range(count)]
