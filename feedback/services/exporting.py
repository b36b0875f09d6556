"""The anonymized answer export for the Chair, recorded in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from consult.models import Round
from feedback import exports
from feedback.redaction import redacted, text_cleaner
from feedback.validation import choice_options
from participants import audit
from participants.models import User


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def export_data(round_: Round) -> exports.ExportData:
    """The round's submitted answers by pseudonym, free text anonymized."""
    from feedback import selectors

    questions = selectors.questions(round_)
    respondents = redacted(selectors.respondents(round_), questions, text_cleaner())
    return exports.ExportData(
        round={"title": round_.title, "tool": round_.tool.name, "cycle": round_.cycle.name, "stage": round_.stage},
        questions=[
            exports.ExportQuestion(q.key, q.text, q.kind, [label for _value, label in choice_options(q)])
            for q in questions
        ],
        responses=[
            (respondent.label, {q.key: respondent.answers[q.key] for q in questions if q.key in respondent.answers})
            for respondent in respondents
        ],
        free_text="anonymized",
    )


@transaction.atomic
def export_answers(*, round_: Round, fmt: str, by: User) -> ExportFile:
    """Write the export in one of exports.FORMATS. Raises KeyError for an unknown format."""
    writer = exports.WRITERS[fmt]
    content = writer(export_data(round_))
    audit.record(actor=by, action="feedback.export_answers", target=round_, format=fmt)
    return ExportFile(f"consultation-{round_.pk}-answers.{fmt}", exports.FORMATS[fmt], content)
