"""A round's questionnaire as a Word or Excel file, and filled files read back: pure writers and readers
(plain data in, bytes or raw answers out; no database). feedback.services.questionnaire_files puts
Django around them."""

from feedback.questionnaire_files.docx_writer import write_docx
from feedback.questionnaire_files.intake import check_upload, looks_like_questionnaire, read_filled
from feedback.questionnaire_files.model import (
    CONTENT_TYPES,
    DOCX,
    FORMATS,
    XLSX,
    FilledQuestionnaire,
    Problem,
    QuestionData,
    Questionnaire,
    QuestionnaireFileError,
)
from feedback.questionnaire_files.xlsx_writer import write_xlsx

WRITERS = {DOCX: write_docx, XLSX: write_xlsx}

__all__ = [
    "CONTENT_TYPES",
    "DOCX",
    "FORMATS",
    "WRITERS",
    "XLSX",
    "FilledQuestionnaire",
    "Problem",
    "QuestionData",
    "Questionnaire",
    "QuestionnaireFileError",
    "check_upload",
    "looks_like_questionnaire",
    "read_filled",
    "write_docx",
    "write_xlsx",
]
