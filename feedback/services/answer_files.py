"""Files given in answer to `file` questions: stored cleaned under random names, read by the
participant who gave them and the Secretariat, and by the Chair only once the Secretariat has
released a reviewed copy (a file can show a name in a screenshot's header or an e-mail address)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from consult.models import Question, QuestionKind, Round
from feedback.answer_file_cleaning import FileRefused, clean_answer_file
from feedback.models import Answer, AnswerFile, Submission, SubmissionState
from feedback.services.answering import check_may_answer
from participants import audit
from participants.models import Participant, User
from participants.permissions import SECRETARIAT
from participants.policy import require

FILE_TOKEN = "file"  # noqa: S105 (a key, not a secret): the stored answer: {"file": "<the AnswerFile's token>"}


def answer_value(answer_file: AnswerFile) -> dict[str, str]:
    return {FILE_TOKEN: str(answer_file.token)}


def token_of(value: Any) -> uuid.UUID | None:
    """The token of a stored file answer, or None for anything else."""
    if not isinstance(value, dict):
        return None
    try:
        return uuid.UUID(str(value.get(FILE_TOKEN)))
    except ValueError:
        return None


def store_answer_file(
    *, round_: Round, participant: Participant, question: Question, filename: str, content: bytes
) -> dict[str, str]:
    """Check and clean a participant's file and keep it; the answer value that refers to it.
    Raises RoundNotAcceptingAnswers, NotEligible, FileRefused."""
    check_may_answer(round_, participant, timezone.now())
    if question.kind != QuestionKind.FILE:
        raise FileRefused("This question does not take a file.")
    clean = clean_answer_file(filename=filename, content=content, max_bytes=settings.ANSWER_FILE_MAX_BYTES)
    answer_file = AnswerFile(
        round=round_,
        participant=participant,
        question_key=question.key,
        content_type=clean.content_type,
        size=len(clean.content),
    )
    answer_file.file.save(f"answer.{clean.extension}", ContentFile(clean.content), save=False)
    answer_file.save()
    return answer_value(answer_file)


def own_file(*, participant: Participant | None, token: uuid.UUID) -> AnswerFile:
    """A file the participant gave, or 404 (no hint whether someone else's exists)."""
    found = AnswerFile.objects.filter(token=token, participant=participant).first() if participant else None
    if found is None:
        raise Http404
    return found


def submitted_files(round_: Round, *, among: QuerySet | None = None) -> list[tuple[int, Question, AnswerFile]]:
    """The files of the round's submitted responses (or of the submissions `among`, for the Chair those
    it may read one by one): (pseudonym, question, file), by pseudonym."""
    answers = (
        Answer.objects.filter(
            submission__round=round_,
            submission__state=SubmissionState.SUBMITTED,
            question__kind=QuestionKind.FILE,
        )
        .filter(submission__in=among if among is not None else Submission.objects.filter(round=round_))
        .select_related("question", "submission")
        .order_by("submission__pseudonym", "question__order")
    )
    by_token = {token_of(answer.value): answer for answer in answers if token_of(answer.value)}
    files = AnswerFile.objects.filter(round=round_, token__in=list(by_token))
    return sorted(
        ((by_token[item.token].submission.pseudonym, by_token[item.token].question, item) for item in files),
        key=lambda row: (row[0], row[1].order),
    )


def submitted_file(
    round_: Round, token: uuid.UUID, *, among: QuerySet | None = None
) -> tuple[int, Question, AnswerFile]:
    """One file of a submitted response, or 404."""
    token = token_of({FILE_TOKEN: token})
    for row in submitted_files(round_, among=among):
        if row[2].token == token:
            return row
    raise Http404


def released_file(round_: Round, token: uuid.UUID) -> AnswerFile:
    """The Chair's way in: a submitted file with a released copy, or 404 (unreleased looks like missing)."""
    from feedback.selectors import linkable_submissions  # selectors build on the services' models

    _pseudonym, _question, answer_file = submitted_file(round_, token, among=linkable_submissions(round_))
    if not answer_file.released:
        raise Http404
    return answer_file


@transaction.atomic
def open_answer_file(*, round_: Round, token: uuid.UUID, by: User) -> AnswerFile:
    """The Secretariat opens a participant's file as given (it may identify them): audited."""
    require(by, SECRETARIAT)
    _pseudonym, question, answer_file = submitted_file(round_, token)
    audit.record(actor=by, action="feedback.open_answer_file", target=round_, question=question.key)
    return answer_file


@transaction.atomic
def release_answer_file(
    *, round_: Round, token: uuid.UUID, by: User, filename: str, content: bytes, now: datetime | None = None
) -> AnswerFile:
    """Release a reviewed copy for the Chair: the Secretariat's edited file (names blurred, addresses
    cut), cleaned like any upload, replaces what the Chair may read. Raises FileRefused."""
    require(by, SECRETARIAT)
    _pseudonym, question, answer_file = submitted_file(round_, token)
    clean = clean_answer_file(filename=filename, content=content, max_bytes=settings.ANSWER_FILE_MAX_BYTES)
    answer_file = AnswerFile.objects.select_for_update().get(pk=answer_file.pk)
    previous = answer_file.released.name if answer_file.released else ""
    answer_file.released.save(f"reviewed.{clean.extension}", ContentFile(clean.content), save=False)
    answer_file.released_content_type = clean.content_type
    answer_file.released_at = now or timezone.now()
    answer_file.released_by = by
    answer_file.save(update_fields=["released", "released_content_type", "released_at", "released_by"])
    audit.record(
        actor=by, action="feedback.release_answer_file", target=round_, question=question.key, replaced=bool(previous)
    )
    if previous:
        storage = answer_file.released.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return answer_file


@transaction.atomic
def withdraw_answer_file(*, round_: Round, token: uuid.UUID, by: User) -> AnswerFile:
    """Take the reviewed copy back: the Chair again sees only that a file was given."""
    require(by, SECRETARIAT)
    _pseudonym, question, answer_file = submitted_file(round_, token)
    answer_file = AnswerFile.objects.select_for_update().get(pk=answer_file.pk)
    previous = answer_file.released.name
    if not previous:
        return answer_file
    storage = answer_file.released.storage
    answer_file.released = ""
    answer_file.released_content_type = ""
    answer_file.released_at = None
    answer_file.released_by = None
    answer_file.save(update_fields=["released", "released_content_type", "released_at", "released_by"])
    audit.record(actor=by, action="feedback.withdraw_answer_file", target=round_, question=question.key)
    transaction.on_commit(lambda: storage.delete(previous))
    return answer_file


__all__ = [
    "FILE_TOKEN",
    "FileRefused",
    "answer_value",
    "open_answer_file",
    "own_file",
    "release_answer_file",
    "released_file",
    "store_answer_file",
    "submitted_file",
    "submitted_files",
    "token_of",
    "withdraw_answer_file",
]
