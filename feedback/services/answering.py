"""A participant answers a round online: drafts saved as they type, explicit submission, edits until the deadline."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from consult.models import Question, Round, RoundState
from feedback.models import Source, Submission, SubmissionState
from feedback.services.errors import (
    HiddenAnswersNotConfirmed,
    InvalidAnswers,
    NotEligible,
    PersonalCapacityNotConfirmed,
    RoundNotAcceptingAnswers,
    VersionConflict,
)
from feedback.services.records import (
    create_submission,
    lock_submission,
    submitted_values,
    write_submission,
)
from feedback.validation import clean_answers
from participants import audit
from participants.eligibility import may_take_part
from participants.models import Participant

NEW = 0  # the version an editor holds before the participant's first save


@dataclass(frozen=True)
class Submitted:
    submission: Submission
    changed: bool  # False for a replay or a second click: nothing new was recorded


def check_may_answer(round_: Round, participant: Participant, now: datetime) -> None:
    if not may_take_part(participant, restricted=round_.restricted):
        raise NotEligible()
    if not round_.accepts_answers(now):
        not_yet = round_.state in (RoundState.DRAFT, RoundState.SCHEDULED) or now < round_.opens_at
        raise RoundNotAcceptingAnswers(closes_at=round_.closes_at, not_yet_open=not_yet)


def _locked_or_new(round_: Round, participant: Participant, *, version: int, now: datetime) -> Submission:
    """The participant's response, locked; a new draft when there is none. Raises VersionConflict."""
    submission = lock_submission(round_, participant)
    if submission is None:
        submission = create_submission(round_, participant, now=now)
    if submission.version != version:
        raise VersionConflict(current_version=submission.version)
    return submission


@transaction.atomic
def save_draft(
    *,
    round_id: int,
    participant: Participant,
    answers: Mapping[str, Any],
    version: int,
    now: datetime | None = None,
    questions: list[Question] | None = None,
) -> Submission:
    """Save the working copy (incomplete is fine, ill-formed is not). Submitted answers stay as they
    were until the participant submits again. `questions`, when the caller already holds the round's
    active questions, saves reading them again (autosave runs every few seconds per participant).
    Raises RoundNotAcceptingAnswers, NotEligible, InvalidAnswers, VersionConflict."""
    now = now or timezone.now()
    round_ = Round.objects.get(pk=round_id)
    check_may_answer(round_, participant, now)
    if questions is None:
        questions = list(round_.questions.active())
    cleaned = clean_answers(questions, answers, final=False)
    if cleaned.errors:
        raise InvalidAnswers(cleaned.errors)
    submission = _locked_or_new(round_, participant, version=version, now=now)
    if submission.version != NEW and cleaned.values == submission.working_answers:
        return submission  # an autosave with nothing new: no write, the version stays
    submission.working_answers = cleaned.values
    if submission.state == SubmissionState.SUBMITTED:
        submission.has_unsubmitted_changes = cleaned.values != submitted_values(submission)
    submission.version += 1
    submission.updated_at = now
    submission.save(update_fields=["working_answers", "has_unsubmitted_changes", "version", "updated_at"])
    return submission


@dataclass(frozen=True)
class SavedDraft:
    """What the autosave endpoint tells the page after a save."""

    version: int
    updated_at: datetime
    unsubmitted_changes: bool


def autosave_draft(
    *,
    round_: Round,
    participant: Participant,
    answers: Mapping[str, Any],
    version: int,
    questions: list[Question],
    now: datetime | None = None,
) -> SavedDraft:
    """save_draft for the page's autosave, which every open questionnaire calls every few seconds.
    Its usual case, a never-submitted draft at the editor's version with something new, is one
    conditional UPDATE (no transaction, no lock: the version in the WHERE clause makes it safe against
    a concurrent save or submission). Everything else, a first save, edits of a submitted response, a
    stale or unchanged version, takes save_draft's full path, which decides and explains.
    `round_` and `questions` are the caller's fresh reads of this request. Raises as save_draft."""
    now = now or timezone.now()
    check_may_answer(round_, participant, now)
    cleaned = clean_answers(questions, answers, final=False)
    if cleaned.errors:
        raise InvalidAnswers(cleaned.errors)
    if version != NEW and _save_draft_at_version(round_, participant, version, cleaned.values, now):
        return SavedDraft(version=version + 1, updated_at=now, unsubmitted_changes=False)
    submission = save_draft(
        round_id=round_.pk, participant=participant, answers=answers, version=version, now=now, questions=questions
    )
    return SavedDraft(submission.version, submission.updated_at, submission.has_unsubmitted_changes)


def _save_draft_at_version(
    round_: Round, participant: Participant, version: int, values: dict[str, Any], now: datetime
) -> bool:
    """The autosave's usual case as one UPDATE written out (_draft_update_sql): the ORM took longer to
    build and compile it than the database to run it, on the request every open questionnaire makes
    every few seconds. Values are adapted by the model's fields."""
    answers = Submission._meta.get_field("working_answers").get_db_prep_save(values, connection)
    updated_at = Submission._meta.get_field("updated_at").get_db_prep_save(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            _draft_update_sql(connection.vendor),
            [answers, updated_at, round_.pk, participant.pk, SubmissionState.DRAFT, version, answers],
        )
        return cursor.rowcount > 0


@cache
def _draft_update_sql(vendor: str) -> str:
    """What

        Submission.objects.filter(round=round_, participant=participant, state=DRAFT, version=version)
        .exclude(working_answers=values).update(working_answers=values, version=F("version") + 1, updated_at=now)

    writes, with the table's and columns' names as this database quotes them (written once per process)."""
    names = ("working_answers", "version", "updated_at", "round", "participant", "state")
    column = {name: connection.ops.quote_name(Submission._meta.get_field(name).column) for name in names}
    return (
        f"UPDATE {connection.ops.quote_name(Submission._meta.db_table)} "  # noqa: S608 (names from the model)
        f"SET {column['working_answers']} = %s, {column['version']} = {column['version']} + 1, "
        f"{column['updated_at']} = %s "
        f"WHERE {column['round']} = %s AND {column['participant']} = %s AND {column['state']} = %s "
        f"AND {column['version']} = %s AND NOT ({column['working_answers']} = %s)"
    )


def _is_replay(submission: Submission, values: dict[str, Any]) -> bool:
    """The same answers as the standing submission, with no edits in between: nothing new to record."""
    return (
        submission.state == SubmissionState.SUBMITTED
        and not submission.has_unsubmitted_changes
        and values == submission.working_answers
    )


@transaction.atomic
def submit_response(
    *,
    round_id: int,
    participant: Participant,
    answers: Mapping[str, Any],
    version: int,
    confirm_personal_capacity: bool,
    discard_hidden: Collection[str] = (),
    now: datetime | None = None,
) -> Submitted:
    """Submit (or resubmit) the response, keeping a revision of each submission. A replay of the same
    submission records nothing new. Answers to follow-up questions that no longer apply are dropped,
    only once the participant has been told (the keys in `discard_hidden`). Raises RoundNotAcceptingAnswers,
    NotEligible, InvalidAnswers, HiddenAnswersNotConfirmed, VersionConflict, PersonalCapacityNotConfirmed."""
    now = now or timezone.now()
    round_ = Round.objects.get(pk=round_id)
    check_may_answer(round_, participant, now)
    questions = list(round_.questions.active())
    cleaned = clean_answers(questions, answers, final=True)
    # A concurrent first submission (a double click) may create the row while we wait: take it either way.
    submission = lock_submission(round_, participant) or create_submission(round_, participant, now=now)
    if _is_replay(submission, cleaned.values):
        return Submitted(submission, changed=False)  # a double click or a replayed form
    if submission.version != version:
        raise VersionConflict(current_version=submission.version)
    if cleaned.errors:
        raise InvalidAnswers(cleaned.errors)
    if set(cleaned.discarded) - set(discard_hidden):
        raise HiddenAnswersNotConfirmed(cleaned.discarded)
    extra: tuple[str, ...] = ()
    if submission.personal_capacity_confirmed_at is None:
        if not confirm_personal_capacity:
            raise PersonalCapacityNotConfirmed()
        submission.personal_capacity_confirmed_at = now
        extra = ("personal_capacity_confirmed_at",)
    first = submission.state == SubmissionState.DRAFT
    write_submission(
        submission, questions=questions, values=cleaned.values, now=now, source=Source.WEB, update_fields=extra
    )
    # The audit names the round, never the pseudonym: the trail must not become a key to the answers.
    audit.record(
        actor=participant.user,
        action="feedback.submit" if first else "feedback.resubmit",
        target=round_,
        to_state=SubmissionState.SUBMITTED,
    )
    return Submitted(submission, changed=True)


@transaction.atomic
def discard_changes(
    *, round_id: int, participant: Participant, version: int, now: datetime | None = None
) -> Submission:
    """Put the working copy of a submitted response back to what was submitted.
    Raises RoundNotAcceptingAnswers, NotEligible, VersionConflict."""
    now = now or timezone.now()
    round_ = Round.objects.get(pk=round_id)
    check_may_answer(round_, participant, now)
    submission = lock_submission(round_, participant)
    if submission is None or submission.version != version:
        raise VersionConflict(current_version=submission.version if submission else NEW)
    if submission.state != SubmissionState.SUBMITTED:
        return submission
    submission.working_answers = submitted_values(submission)
    submission.has_unsubmitted_changes = False
    submission.version += 1
    submission.updated_at = now
    submission.save(update_fields=["working_answers", "has_unsubmitted_changes", "version", "updated_at"])
    return submission
