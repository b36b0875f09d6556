"""The answer export: anonymized for the Chair and the Secretariat, and, on the Secretariat's explicit
request, with identities. Both are recorded in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from consult.models import Question, QuestionKind, Round
from feedback import exports
from feedback.models import Submission, SubmissionState
from feedback.pseudonyms import label
from feedback.redaction import redacted, text_cleaner
from feedback.validation import choice_options
from participants import audit
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require

FILE_GIVEN = "file given"


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def export_data(round_: Round, *, identities: dict[int, exports.ExportIdentity] | None = None) -> exports.ExportData:
    """The round's submitted answers by pseudonym, free text anonymized; with identities (by pseudonym),
    free text as written."""
    from feedback import selectors

    questions = selectors.questions(round_)
    respondents = selectors.respondents(round_, held_too=identities is not None)
    if identities is None:
        respondents = redacted(respondents, questions, text_cleaner())
    return exports.ExportData(
        round={"title": round_.title, "tool": round_.tool.name, "cycle": round_.cycle.name, "stage": round_.stage},
        questions=[
            exports.ExportQuestion(q.key, q.text, q.kind, [text for _value, text in choice_options(q)])
            for q in questions
        ],
        responses=[
            (
                respondent.label,
                {q.key: _exported(q, respondent.answers[q.key]) for q in questions if q.key in respondent.answers},
            )
            for respondent in respondents
        ],
        free_text="anonymized" if identities is None else "original",
        identities={label(pseudonym): who for pseudonym, who in (identities or {}).items()},
        schema_url=f"{settings.SITE_URL}{settings.STATIC_URL}{exports.XML_SCHEMA}",
    )


def _exported(question: Question, value: Any) -> Any:
    """A file answer leaves only as a marker: the file (and its token) stay behind the Files page."""
    return FILE_GIVEN if question.kind == QuestionKind.FILE else value


def _identities(round_: Round) -> dict[int, exports.ExportIdentity]:
    submitted = Submission.objects.filter(round=round_, state=SubmissionState.SUBMITTED)
    return {
        submission.pseudonym: exports.ExportIdentity(
            name=submission.participant.full_name,
            email=submission.participant.email,
            category=submission.participant.get_category_display(),
            affiliation=submission.participant.affiliation,
            source=submission.get_source_display(),
        )
        for submission in submitted.select_related("participant__user")
    }


@transaction.atomic
def export_answers(*, round_: Round, fmt: str, by: User) -> ExportFile:
    """Write the export in one of exports.FORMATS. Raises KeyError for an unknown format."""
    require(by, CHAIR, SECRETARIAT)
    writer = exports.WRITERS[fmt]
    content = writer(export_data(round_))
    audit.record(actor=by, action="feedback.export_answers", target=round_, format=fmt)
    return ExportFile(f"consultation-{round_.pk}-answers.{fmt}", exports.FORMATS[fmt], content)


@transaction.atomic
def export_answers_with_identities(*, round_: Round, fmt: str, by: User) -> ExportFile:
    """The answers with who gave them, for the Secretariat only; recorded as a reveal of every pseudonym
    in it. Raises NotAllowed for anyone else, KeyError for an unknown format."""
    require(by, SECRETARIAT)
    identities = _identities(round_)
    content = exports.WRITERS[fmt](export_data(round_, identities=identities))
    audit.record(
        actor=by,
        action="feedback.reveal_identity",
        target=round_,
        scope="export",
        format=fmt,
        pseudonyms=sorted(identities),
    )
    return ExportFile(f"consultation-{round_.pk}-answers-with-identities.{fmt}", exports.FORMATS[fmt], content)
