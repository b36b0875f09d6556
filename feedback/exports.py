"""The Chair's anonymized answer export as CSV, XLSX and JSON: pure writers over plain data.

Respondents appear by pseudonym only, ordered by pseudonym; no identity, time or source is in the data.
Spreadsheet cells that a spreadsheet program would run as a formula are defused with a leading quote.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class ExportQuestion:
    key: str
    text: str
    kind: str
    choices: list[str]


@dataclass(frozen=True)
class ExportData:
    round: dict[str, Any]  # title, tool, cycle, stage
    questions: list[ExportQuestion]
    responses: list[tuple[str, dict[str, Any]]]  # (pseudonym label, {key: value}) in pseudonym order
    free_text: str  # "anonymized": how free text was treated, stated in every export


def defuse(value: Any) -> Any:
    """A text cell that cannot run as a formula in Excel, LibreOffice or Google Sheets."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def flat(value: Any) -> Any:
    """One cell's value: lists joined with "; ", booleans as yes/no, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def _table(data: ExportData) -> list[list[Any]]:
    header = ["respondent", *(question.key for question in data.questions)]
    rows = [[label, *(flat(answers.get(q.key)) for q in data.questions)] for label, answers in data.responses]
    return [header, *rows]


def to_csv(data: ExportData) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _table(data):
        writer.writerow([defuse(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def to_xlsx(data: ExportData) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Answers"
    for row in _table(data):
        sheet.append([defuse(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    about = book.create_sheet("Questions")
    about.append(["key", "question", "kind", "choices"])
    for question in data.questions:
        about.append([defuse(question.key), defuse(question.text), question.kind, defuse("; ".join(question.choices))])
    for cell in about[1]:
        cell.font = Font(bold=True)
    notes = book.create_sheet("About")
    for line in _about(data):
        notes.append([defuse(line)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _about(data: ExportData) -> list[str]:
    lines = [
        f"Consultation: {data.round.get('title', '')}",
        "Respondents are identified by pseudonym only (Annex 1, §11 and §13).",
    ]
    if data.free_text == "anonymized":
        lines.append("Free-text answers have passed through the anonymizer; removed identities show as placeholders.")
    return lines


def to_json(data: ExportData) -> bytes:
    document = {
        "round": data.round,
        "free_text": data.free_text,
        "questions": [{"key": q.key, "text": q.text, "kind": q.kind, "choices": q.choices} for q in data.questions],
        "responses": [{"respondent": label, "answers": answers} for label, answers in data.responses],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}
