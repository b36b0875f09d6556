"""Feedback's answers to what the participants app announces (connected in FeedbackConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.urls import reverse

from feedback.models import AnswerFile, Submission, SubmissionState
from participants.models import Participant


def forget_letters(*, participant: Participant, **_: Any) -> None:
    """The e-mailed letters of offline submissions name their author: delete them (after commit)."""
    letters = Submission.objects.filter(participant=participant).exclude(original_file="")
    files = [submission.original_file.name for submission in letters]
    letters.update(original_file="", original_name="")
    if files:
        storage = Submission._meta.get_field("original_file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])


def own_responses(*, participant: Participant, **_: Any) -> dict[str, Any]:
    """The person's own answers, round by round (what they submitted, and any unsent working copy)."""
    submissions = (
        Submission.objects.filter(participant=participant)
        .select_related("round")
        .prefetch_related("answers__question")
        .order_by("round__opens_at", "pk")
    )
    return {
        "responses": [
            {
                "round": submission.round.title,
                "state": submission.state,
                "source": submission.source,
                "submitted_at": submission.submitted_at.isoformat() if submission.submitted_at else None,
                "answers": {answer.question.key: answer.value for answer in submission.answers.all()},
                "working_copy": submission.working_answers,
                # Files answers refer to ({"file": token}): each downloadable by its owner at `download`.
                "files": [
                    {
                        "file": str(item.token),
                        "question": item.question_key,
                        "type": item.content_type,
                        "size": item.size,
                        "given_at": item.uploaded_at.isoformat(),
                        "download": reverse(
                            "feedback:own_answer_file", kwargs={"round_id": submission.round_id, "token": item.token}
                        ),
                    }
                    for item in AnswerFile.objects.filter(
                        participant=participant, round_id=submission.round_id
                    ).order_by("uploaded_at", "pk")
                ],
            }
            for submission in submissions
        ]
    }


class SubmittedResponses:
    """Feedback's answer to consult.responses: who has submitted, read from the submissions."""

    def submitted_participants(self, round_id: int) -> QuerySet:
        return Submission.objects.filter(round_id=round_id, state=SubmissionState.SUBMITTED).values("participant_id")

    def submitted_counts(self, round_ids: list[int]) -> dict[int, int]:
        rows = (
            Submission.objects.filter(round_id__in=round_ids, state=SubmissionState.SUBMITTED)
            .values("round_id")
            .annotate(count=Count("pk"))
        )
        return {row["round_id"]: row["count"] for row in rows}
