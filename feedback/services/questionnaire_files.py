"""Questionnaire files, with Django around the pure writers and readers of feedback.questionnaire_files:
a round's Word or Excel questionnaire (a participant's own copy pre-filled), a participant's filled file
into their draft, and a filled file the Secretariat records as a written submission.

Every filled file comes in through read_questionnaire, whoever brings it; its upload checks
(participants.safe_files) run in questionnaire_files.check_upload before any reader opens the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consult.models import Question, Round
from feedback import conditions
from feedback import questionnaire_files as files
from feedback.models import Submission
from feedback.services.answering import NEW, check_may_answer, save_draft
from feedback.services.errors import NotEligible
from feedback.services.exporting import ExportFile
from feedback.services.offline import check_offline_submission, record_offline_submission
from feedback.services.records import lock_submission
from feedback.templatetags.feedback_tags import zoned
from feedback.validation import as_raw, choice_options, is_empty
from participants import audit
from participants.eligibility import may_take_part
from participants.mail import Attachment
from participants.models import Participant, User, normalise_email
from participants.permissions import SECRETARIAT
from participants.policy import require


def question_data(question: Question, questions: list[Question] | None = None) -> files.QuestionData:
    return files.QuestionData(
        key=question.key,
        kind=question.kind,
        text=question.text,
        help_text=question.help_text,
        choices=tuple(choice_options(question)),
        required=question.required,
        max_length=question.max_length,
        rows=tuple(question.rows),
        other=question.other,
        min_value=question.min_value,
        max_value=question.max_value,
        show_if=dict(question.show_if or {}),
        condition=conditions.condition_text(question, questions or [question]),
    )


def questionnaire_of(round_: Round, *, answers: Mapping[str, Any] | None = None) -> files.Questionnaire:
    """The round's current questionnaire as plain data; times in the active time zone."""
    questions = list(round_.questions.active())
    return files.Questionnaire(
        round_id=round_.pk,
        title=round_.title,
        subtitle=f"{round_.tool.name} · {round_.get_stage_display()}",
        deadline=zoned(round_.closes_at),
        description=round_.description,
        questions=tuple(question_data(question, questions) for question in questions),
        answers=dict(answers or {}),
    )


def participant_with_email(email: str) -> Participant:
    """The participant with this e-mail address, in any letter case. Raises NotEligible."""
    participant = Participant.objects.select_related("user").filter(user__email=normalise_email(email)).first()
    if participant is None:
        raise NotEligible(_("No participant has the e-mail address %(email)s.") % {"email": email.strip()})
    return participant


def export_questionnaire(
    *, round_: Round, fmt: str, participant: Participant | None = None, by: User | None = None
) -> ExportFile:
    """The round's questionnaire as docx or xlsx; a participant's copy is pre-filled with their current
    answers (draft or submitted). A copy made for a participant by anyone else is audited.
    Raises NotEligible for a participant who may not answer the round."""
    if participant is not None and not may_take_part(participant, restricted=round_.restricted):
        raise NotEligible(
            _("%(email)s may not answer this consultation, so it has no questionnaire for them.")
            % {"email": participant.email}
        )
    submission = Submission.objects.filter(round=round_, participant=participant).first() if participant else None
    answers = submission.working_answers if submission else {}
    content = files.WRITERS[fmt](questionnaire_of(round_, answers=answers))
    if participant is not None and (by is None or by.pk != participant.user_id):
        audit.record(
            actor=by, action="feedback.export_questionnaire", target=round_, participant_id=participant.pk, format=fmt
        )
    name = slugify(round_.title)[:60] or "consultation"
    return ExportFile(f"{name}-questionnaire-R{round_.pk}.{fmt}", files.CONTENT_TYPES[fmt], content)


def announcement_files(*, round_: Round, **_: Any) -> list[Attachment]:
    """The blank questionnaire as Word and Excel, attached to a round's announcement for participants who
    asked for it (receives consult.notifications.announcement_attachments)."""
    if not list(round_.questions.active()):
        return []
    exports = [export_questionnaire(round_=round_, fmt=fmt) for fmt in files.FORMATS]
    return [Attachment(export.filename, export.content, export.content_type) for export in exports]


def _content(source: bytes | IO[bytes]) -> bytes:
    """The file's bytes, never more than one past the limit, whatever its size (the limit check says why)."""
    if isinstance(source, bytes):
        return source
    source.seek(0)
    return source.read(settings.IMPORT_MAX_BYTES + 1)


def read_questionnaire(
    source: bytes | IO[bytes], *, name: str, round_: Round, questions: list[Question]
) -> files.FilledQuestionnaire:
    """The raw answers of a filled questionnaire of this round: the one way in for every such file.
    Raises questionnaire_files.QuestionnaireFileError."""
    return files.read_filled(
        _content(source),
        name=name,
        round_id=round_.pk,
        questions=[question_data(question, questions) for question in questions],
        max_bytes=settings.IMPORT_MAX_BYTES,
    )


def _no_answers(name: str) -> files.QuestionnaireFileError:
    return files.QuestionnaireFileError(
        _("“%(name)s” has no answers in it: fill in the answer boxes first, then save the file.") % {"name": name}
    )


@dataclass(frozen=True)
class DraftFromFile:
    """What an upload did: which answers came from the file, which questions it left empty (their answer
    on the page was kept) and which it does not have (added to the questionnaire after it was made)."""

    submission: Submission
    from_file: list[str]
    kept: list[str]
    not_in_file: list[str]


@transaction.atomic
def fill_draft_from_file(
    *, round_id: int, participant: Participant, source: bytes | IO[bytes], name: str, now: datetime | None = None
) -> DraftFromFile:
    """Put the answers of a filled questionnaire into the participant's draft; never submits. A question
    left empty in the file keeps its answer. All or nothing. Raises QuestionnaireFileError,
    RoundNotAcceptingAnswers, NotEligible, InvalidAnswers (by question key)."""
    now = now or timezone.now()
    round_ = Round.objects.select_related("tool").get(pk=round_id)
    check_may_answer(round_, participant, now)
    questions = list(round_.questions.active())
    filled = read_questionnaire(source, name=name, round_=round_, questions=questions)
    if not filled.answers:
        raise _no_answers(name)
    submission = lock_submission(round_, participant)
    by_key = {question.key: question for question in questions}
    stored = submission.working_answers if submission else {}
    current = {key: as_raw(by_key[key], value) for key, value in stored.items() if key in by_key}
    saved = save_draft(
        round_id=round_.pk,
        participant=participant,
        answers={**current, **filled.answers},
        version=submission.version if submission else NEW,
        now=now,
        questions=questions,
    )
    left_empty = set(filled.keys) - filled.answers.keys()
    return DraftFromFile(
        submission=saved,
        from_file=[q.key for q in questions if q.key in filled.answers],
        kept=[q.key for q in questions if q.key in left_empty and not is_empty(current.get(q.key))],
        not_in_file=[q.key for q in questions if q.key not in filled.keys],
    )


def record_offline_from_file(
    *,
    round_id: int,
    participant_id: int,
    source: bytes | IO[bytes],
    name: str,
    by: User | None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> files.FilledQuestionnaire:
    """Record a filled questionnaire received by e-mail as the participant's written submission, with the
    file kept as its original; through the same checks as any written submission. Raises
    QuestionnaireFileError, RoundNotRecordable, NotEligible, InvalidAnswers (by question key)."""
    require(by, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    content = _content(source)
    filled = read_questionnaire(content, name=name, round_=round_, questions=list(round_.questions.active()))
    if not filled.answers:
        raise _no_answers(name)
    if dry_run:
        check_offline_submission(round_id=round_id, participant_id=participant_id, answers=filled.answers)
        return filled
    stored_name = name if name.lower().endswith(f".{filled.format}") else f"{name}.{filled.format}"
    record_offline_submission(
        round_id=round_id,
        participant_id=participant_id,
        answers=filled.answers,
        by=by,
        original_file=ContentFile(content, name=stored_name[-200:]),
        from_questionnaire=filled.format,
        now=now,
    )
    return filled
