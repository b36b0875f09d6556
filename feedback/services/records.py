"""Shared steps of the feedback services: lock or create a response, and write a submission."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from consult.models import Question, Round
from feedback.models import Answer, Source, Submission, SubmissionRevision
from feedback.pseudonyms import draw_candidate
from participants.models import Participant

PSEUDONYM_ATTEMPTS = 20


def lock_submission(round_: Round, participant: Participant) -> Submission | None:
    return Submission.objects.select_for_update().filter(round=round_, participant=participant).first()


def create_submission(
    round_: Round, participant: Participant, *, now: datetime, source: str = Source.WEB
) -> Submission:
    """A new empty draft under a fresh random pseudonym, or the existing one if another request won."""
    for _attempt in range(PSEUDONYM_ATTEMPTS):
        try:
            with transaction.atomic():
                return Submission.objects.create(
                    round=round_,
                    participant=participant,
                    pseudonym=draw_candidate(),
                    source=source,
                    version=0,
                    created_at=now,
                    updated_at=now,
                )
        except IntegrityError:
            existing = lock_submission(round_, participant)
            if existing is not None:
                return existing  # a concurrent first save created it; the caller's version check decides
    raise RuntimeError("Could not draw a free pseudonym; the range should always be mostly free.")


def submitted_values(submission: Submission) -> dict[str, Any]:
    """What was last submitted, {question key: value}, from the Answer rows."""
    return dict(Answer.objects.filter(submission=submission).values_list("question__key", "value"))


def write_submission(
    submission: Submission,
    *,
    questions: list[Question],
    values: dict[str, Any],
    now: datetime,
    source: str,
    update_fields: tuple[str, ...] = (),
) -> SubmissionRevision:
    """Replace the submitted answers, keep a revision, and mark the response submitted (history kept)."""
    by_key = {question.key: question for question in questions}
    Answer.objects.filter(submission=submission).delete()
    Answer.objects.bulk_create(
        [Answer(submission=submission, question=by_key[key], value=value) for key, value in values.items()]
    )
    last = SubmissionRevision.objects.filter(submission=submission).aggregate(last=Max("number"))["last"] or 0
    revision = SubmissionRevision.objects.create(
        submission=submission, number=last + 1, answers=values, submitted_at=now
    )
    submission.working_answers = values
    submission.has_unsubmitted_changes = False
    submission.version += 1
    submission.source = source
    submission.submit(at=now)
    submission.save(
        update_fields=[
            "state",
            "working_answers",
            "has_unsubmitted_changes",
            "version",
            "source",
            "submitted_at",
            "updated_at",
            *update_fields,
        ]
    )
    return revision
