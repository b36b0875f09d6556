"""The Secretariat records written submissions received by e-mail (Word, PDF): one from a form, or many
from a CSV/XLSX file (`import_feedback`, docs/command-line.md). They are recorded as submitted, source offline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.models import Question, Round, RoundState
from feedback import conditions
from feedback.models import Source, Submission, SubmissionState
from feedback.services.errors import ImportRejected, InvalidAnswers, NotEligible, RoundNotRecordable, RowError
from feedback.services.records import create_submission, lock_submission, write_submission
from feedback.validation import GRID, TEXT, AnswerError, as_raw, clean_answers, clean_value, is_empty
from participants import audit
from participants.eligibility import may_be_answered_for
from participants.models import Participant, Status, User, normalise_email
from participants.permissions import SECRETARIAT
from participants.policy import require

RECORDABLE_STATES = (RoundState.OPEN, RoundState.CLOSED)
IMPORT_COLUMNS = ("email", "question", "answer")
# Several rows for one text question are joined into one answer, paragraphs in the file's order.
TEXT_JOINER = "\n\n"


def _recordable_round(round_id: int) -> Round:
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if round_.state not in RECORDABLE_STATES:
        raise RoundNotRecordable(round_.get_state_display().lower())
    return round_


def _eligibility_problem(participant: Participant, round_: Round) -> str | None:
    if participant.status != Status.APPROVED:
        return _("%(email)s is not an approved participant (status: %(status)s).") % {
            "email": participant.email,
            "status": participant.get_status_display().lower(),
        }
    if not may_be_answered_for(participant, restricted=round_.restricted):
        return _("%(email)s may not answer this restricted consultation: it is for States Parties only (§9).") % {
            "email": participant.email
        }
    return None


def _closing_problem(participant: Participant, round_: Round) -> str | None:
    """After closing only people who had not answered may be recorded: an answer counted at closing
    is fixed (replacing it would change a response the Chair has seen, and mark it as written)."""
    if round_.state != RoundState.CLOSED:
        return None
    fixed = Submission.objects.filter(
        round=round_, participant=participant, state=SubmissionState.SUBMITTED, after_closing=False
    ).exists()
    if not fixed:
        return None
    return _("%(email)s answered before the consultation closed; that answer is fixed at closing.") % {
        "email": participant.email
    }


def _record(
    round_: Round,
    participant: Participant,
    *,
    questions: list[Question],
    values: dict[str, Any],
    by: User | None,
    now: datetime,
    original_file: File | None = None,
) -> tuple[Submission, bool]:
    """Write one offline submission; True when it replaced an earlier response (kept in its history)."""
    submission = lock_submission(round_, participant)
    replaced = submission is not None and submission.submitted_at is not None
    if submission is None:
        submission = create_submission(round_, participant, now=now, source=Source.OFFLINE)
    submission.recorded_by = by
    extra = ["recorded_by"]
    if round_.state == RoundState.CLOSED and not replaced:
        submission.after_closing = True
        extra.append("after_closing")
    if original_file is not None:
        submission.original_name = (original_file.name or "")[-200:]
        submission.original_file.save(original_file.name or "submission", original_file, save=False)
        extra += ["original_file", "original_name"]
    write_submission(
        submission, questions=questions, values=values, now=now, source=Source.OFFLINE, update_fields=tuple(extra)
    )
    return submission, replaced


def _checked(round_: Round, participant: Participant, answers: Mapping[str, Any]) -> tuple[list[Question], dict]:
    """The round's questions and the well-formed answers to record. Raises NotEligible, InvalidAnswers."""
    problem = _eligibility_problem(participant, round_) or _closing_problem(participant, round_)
    if problem:
        raise NotEligible(problem)
    questions = list(round_.questions.active())
    cleaned = clean_answers(questions, answers, final=True, complete=False, refuse_hidden=True)
    if cleaned.errors:
        raise InvalidAnswers(cleaned.errors)
    if not cleaned.values:
        raise InvalidAnswers({"": _("Type or paste at least one answer from the written submission.")})
    return questions, cleaned.values


@transaction.atomic
def check_offline_submission(*, round_id: int, participant_id: int, answers: Mapping[str, Any]) -> None:
    """Everything record_offline_submission checks, recording nothing (a dry run).
    Raises RoundNotRecordable, NotEligible, InvalidAnswers."""
    round_ = _recordable_round(round_id)
    _checked(round_, Participant.objects.select_related("user").get(pk=participant_id), answers)


@transaction.atomic
def record_offline_submission(
    *,
    round_id: int,
    participant_id: int,
    answers: Mapping[str, Any],
    by: User | None,
    original_file: File | None = None,
    from_questionnaire: str = "",
    now: datetime | None = None,
) -> Submission:
    """Record one written submission on a participant's behalf, as submitted. Questions left blank stay
    unanswered (a letter may skip some; one that skips a required question is never shown to the Chair
    linked to a pseudonym, see feedback.selectors.linkable_submissions). `from_questionnaire` (docx or
    xlsx) says the answers were read from a filled questionnaire file, kept as the original.
    Raises RoundNotRecordable, NotEligible, InvalidAnswers."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = _recordable_round(round_id)
    participant = Participant.objects.select_related("user").get(pk=participant_id)
    questions, values = _checked(round_, participant, answers)
    submission, replaced = _record(
        round_, participant, questions=questions, values=values, by=by, now=now, original_file=original_file
    )
    provenance = {"questionnaire_file": from_questionnaire} if from_questionnaire else {}
    audit.record(
        actor=by,
        action="feedback.record_offline",
        target=round_,
        participant_id=participant.pk,
        replaced=replaced,
        with_file=bool(original_file),
        **provenance,
    )
    return submission


# --- Bulk import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    number: int  # the spreadsheet row (the header is row 1)
    email: str
    question: str
    answer: Any


@dataclass
class ImportReport:
    participants: int = 0
    answers: int = 0
    replaced: int = 0
    dry_run: bool = False
    emails: list[str] = field(default_factory=list)


def check_header(header: Iterable[Any]) -> list[RowError]:
    names = [str(name or "").strip().lower() for name in header]
    return [
        RowError(
            1,
            column,
            _("The header has no “%(column)s” column; it must be email,question,answer.") % {"column": column},
        )
        for column in IMPORT_COLUMNS
        if column not in names
    ]


def _merge(question: Question, rows: list[ImportRow], values: list[Any]) -> Any:
    """Several rows answering one question: text is joined, choices are combined, others must agree."""
    if question.kind == TEXT:
        return TEXT_JOINER.join(values)
    if question.kind == "multi_choice":
        return [item for value in values for item in value]
    if question.kind == GRID:
        merged: dict[str, Any] = {}
        for row, value in zip(rows, values, strict=True):
            for number, item in value.items():
                if merged.get(number, item) != item:
                    raise AnswerError(
                        _("%(email)s answers statement %(number)s of “%(key)s” twice, differently (row %(row)s).")
                        % {"email": row.email, "number": number, "key": question.key, "row": row.number}
                    )
                merged[number] = item
        return merged
    if all(value == values[0] for value in values):
        return values[0]
    numbers = ", ".join(str(row.number) for row in rows)
    raise AnswerError(
        _("%(email)s answers “%(key)s” differently on rows %(rows)s; keep one row.")
        % {"email": rows[0].email, "key": question.key, "rows": numbers}
    )


class _Plan:
    """Every row checked; the answers to record per participant, or every problem found."""

    def __init__(self, round_: Round, rows: list[ImportRow]) -> None:
        self.round = round_
        self.errors: list[RowError] = []
        self.questions = list(round_.questions.active())
        self.by_key = {question.key: question for question in self.questions}
        emails = {normalise_email(row.email) for row in rows}
        self.people = {
            p.user.email: p for p in Participant.objects.select_related("user").filter(user__email__in=emails)
        }
        self.answers: dict[Participant, dict[str, list[tuple[ImportRow, Any]]]] = defaultdict(lambda: defaultdict(list))
        refused: set[str] = set()
        for row in rows:
            self._check_row(row, refused)
        self.values = self._combine()

    def _check_row(self, row: ImportRow, refused: set[str]) -> None:
        email = normalise_email(row.email)
        participant = self.people.get(email)
        if not email:
            self.errors.append(RowError(row.number, "email", _("The e-mail address is empty.")))
        elif participant is None:
            self.errors.append(
                RowError(
                    row.number,
                    "email",
                    _("No participant has the e-mail address %(email)s.") % {"email": row.email.strip()},
                )
            )
        elif problem := _eligibility_problem(participant, self.round) or _closing_problem(participant, self.round):
            self.errors.append(RowError(row.number, "email", problem))
            refused.add(email)
        question, value = self._value(row)
        if question is None:
            return
        if participant is not None and email not in refused and value is not None:
            self.answers[participant][question.key].append((row, value))

    def _value(self, row: ImportRow) -> tuple[Question | None, Any]:
        """The row's question and its checked value; a grid statement's row names KEY/N (N from 1)."""
        key, _slash, number = str(row.question or "").strip().partition("/")
        question = self.by_key.get(key)
        if question is None or (number and question.kind != GRID):
            known = ", ".join(self.by_key)
            self.errors.append(
                RowError(
                    row.number,
                    "question",
                    _("“%(key)s” is not a question of this consultation (its keys: %(known)s).")
                    % {"key": row.question, "known": known},
                )
            )
            return None, None
        if question.kind == GRID and not (number.isdigit() and 1 <= int(number) <= len(question.rows)):
            self.errors.append(
                RowError(
                    row.number,
                    "question",
                    _(
                        "“%(key)s” is a grid: write the question as %(key)s/N, "
                        "N the statement's number from 1 to %(count)s."
                    )
                    % {"key": key, "count": len(question.rows)},
                )
            )
            return None, None
        try:
            raw = {number: row.answer} if question.kind == GRID else row.answer
            return question, clean_value(question, raw, final=True)
        except AnswerError as exc:
            self.errors.append(RowError(row.number, "answer", str(exc)))
            return None, None

    def _combine(self) -> dict[Participant, dict[str, Any]]:
        combined: dict[Participant, dict[str, Any]] = {}
        for participant, by_key in self.answers.items():
            values: dict[str, Any] = {}
            for key, found in by_key.items():
                question = self.by_key[key]
                rows = [row for row, _value in found]
                try:
                    merged = _merge(question, rows, [value for _row, value in found])
                    # joined text obeys the limit too
                    values[key] = clean_value(question, as_raw(question, merged), final=True)
                except AnswerError as exc:
                    self.errors.append(RowError(rows[-1].number, "answer", str(exc)))
            combined[participant] = {key: value for key, value in values.items() if not is_empty(value)}
            self._refuse_hidden(combined[participant], by_key)
        return combined

    def _refuse_hidden(self, values: dict[str, Any], found: dict[str, list[tuple[ImportRow, Any]]]) -> None:
        """An answer to a follow-up question that the participant's other answers do not ask is refused."""
        shown: dict[str, Any] = {}
        for question in self.questions:
            if question.key not in values:
                continue
            if conditions.is_asked(question, shown):
                shown[question.key] = values[question.key]
                continue
            reason = conditions.why_not_asked(question, self.questions, shown)
            for row, _value in found[question.key]:
                self.errors.append(RowError(row.number, "answer", reason))


@transaction.atomic
def import_feedback(
    *, round_id: int, rows: Iterable[ImportRow], by: User | None, dry_run: bool = False, now: datetime | None = None
) -> ImportReport:
    """Record many written submissions from one file, all or nothing. Every bad row is named.
    Raises RoundNotRecordable, ImportRejected."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = _recordable_round(round_id)
    rows = list(rows)
    if not rows:
        raise ImportRejected([RowError(0, "", _("The file has no rows below its header: nothing to import."))])
    plan = _Plan(round_, rows)
    if plan.errors:
        raise ImportRejected(
            sorted(
                plan.errors,
                key=lambda error: (
                    error.row,
                    IMPORT_COLUMNS.index(error.column) if error.column in IMPORT_COLUMNS else 9,
                ),
            )
        )
    report = ImportReport(dry_run=dry_run)
    for participant, values in sorted(plan.values.items(), key=lambda item: item[0].email):
        report.participants += 1
        report.answers += len(values)
        report.emails.append(participant.email)
        if dry_run:
            continue
        _submission, replaced = _record(round_, participant, questions=plan.questions, values=values, by=by, now=now)
        report.replaced += int(replaced)
    if not dry_run:
        audit.record(
            actor=by,
            action="feedback.import_offline",
            target=round_,
            participants=report.participants,
            answers=report.answers,
            replaced=report.replaced,
        )
    return report
