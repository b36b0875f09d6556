"""Read the answers out of a filled Excel questionnaire: the answer column, matched to questions by key."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from feedback.questionnaire_files.kinds import cell_text, kind_of
from feedback.questionnaire_files.manifest import from_properties
from feedback.questionnaire_files.model import XLSX, FilledQuestionnaire, Problem, QuestionData, QuestionnaireFileError
from feedback.questionnaire_files.reading import check_round, gather
from feedback.questionnaire_files.xlsx_writer import HEADER, SHEET

MAX_ROWS = 2000  # far more than any questionnaire; a sheet past it is not one of ours


def _rows(book: Any) -> list[tuple[Any, ...]]:
    if SHEET not in book.sheetnames:
        raise QuestionnaireFileError(
            _(
                "The workbook has no “%(sheet)s” sheet: it was renamed or removed. "
                "Use a fresh copy of the questionnaire."
            )
            % {"sheet": SHEET}
        )
    rows = []
    for number, row in enumerate(book[SHEET].iter_rows(max_col=len(HEADER), values_only=True), start=1):
        if number > MAX_ROWS:
            raise QuestionnaireFileError(_("The Questionnaire sheet has far more rows than questions."))
        rows.append(tuple(row) + (None,) * (len(HEADER) - len(row)))
    header = tuple(cell_text(value).strip().lower() for value in rows[0]) if rows else ()
    if header != HEADER:
        raise QuestionnaireFileError(
            _("The first row of the Questionnaire sheet must be %(header)s, as in the file you downloaded.")
            % {"header": ", ".join(HEADER)}
        )
    return rows[1:]


def _answers_by_key(rows: list[tuple[Any, ...]], expected: set[str], problems: list[Problem]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for number, (key, _question, _help, answer) in enumerate(rows, start=2):
        key = cell_text(key).strip()
        if not key:
            if cell_text(answer).strip():
                problems.append(Problem(None, _("Row %(row)s has an answer but no key.") % {"row": number}))
        elif key not in expected:
            message = _(
                "Row %(row)s has the key “%(key)s”, which is not a question of this questionnaire: "
                "keys must not be changed."
            )
            problems.append(Problem(None, message % {"row": number, "key": key}))
        elif key in answers:
            twice = _("This question appears twice (row %(row)s); keep one row.") % {"row": number}
            problems.append(Problem(key, twice))
        else:
            answers[key] = answer
    for key in sorted(expected - answers.keys()):
        message = _("This question's row is missing from the Questionnaire sheet (it was deleted or its key changed).")
        problems.append(Problem(key, message))
    return answers


def read_xlsx(content: bytes, *, round_id: int, questions: Sequence[QuestionData]) -> FilledQuestionnaire:
    """The raw answers of a filled Excel questionnaire of round `round_id`. Raises QuestionnaireFileError;
    lets the errors of a damaged file through (see intake.py)."""
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        properties = {prop.name: str(prop.value or "") for prop in book.custom_doc_props.props}
        manifest = from_properties(properties)
        check_round(manifest, round_id)
        rows = _rows(book)
    finally:
        book.close()
    problems: list[Problem] = []
    answers = _answers_by_key(rows, set(manifest.keys), problems)

    def read(question: QuestionData) -> Any:
        return kind_of(question).from_cell(question, answers.get(question.key))

    def answered(key: str) -> bool:
        return bool(cell_text(answers.get(key)).strip())

    return gather(manifest, questions, read, answered, fmt=XLSX, problems=problems)
