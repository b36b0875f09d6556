"""The answer export as CSV, XLSX, JSON and XML: pure writers over plain data.

Respondents appear by pseudonym only, ordered by pseudonym; no identity, time or source is in the data,
except in the Secretariat's export with identities, made only on an explicit, audited request.
Spreadsheet cells that a spreadsheet program would run as a formula are defused with a leading quote.
The XML follows the published schema static/schemas/answers-1.xsd.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from participants.xlsx_text import xlsx_text
from participants.xml_files import Writer, to_bytes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "xml": "application/xml",
}
XML_NAMESPACE = "urn:x-wgtr-advisory:answers:1"
XML_SCHEMA = "schemas/answers-1.xsd"  # under the static files
IDENTITY_COLUMNS = ("name", "email", "category", "affiliation", "source")


@dataclass(frozen=True)
class ExportQuestion:
    key: str
    text: str
    kind: str
    choices: list[str]


@dataclass(frozen=True)
class ExportIdentity:
    """Who stands behind a pseudonym: only in the Secretariat's export with identities."""

    name: str
    email: str
    category: str
    affiliation: str
    source: str

    def as_row(self) -> list[str]:
        return [self.name, self.email, self.category, self.affiliation, self.source]


@dataclass(frozen=True)
class ExportData:
    round: dict[str, Any]  # title, tool, cycle, stage
    questions: list[ExportQuestion]
    responses: list[tuple[str, dict[str, Any]]]  # (pseudonym label, {key: value}) in pseudonym order
    free_text: str  # "anonymized" or "original": how free text was treated, stated in every export
    identities: Mapping[str, ExportIdentity] = field(default_factory=dict)  # by pseudonym label
    schema_url: str = ""  # where the XML schema is published


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
    if isinstance(value, dict):  # a grid: the statement's number and its answer
        return "; ".join(f"{number}: {item}" for number, item in value.items())
    return value


def _who(data: ExportData, label: str) -> list[str]:
    return data.identities[label].as_row() if data.identities else []


def _identity(data: ExportData, label: str) -> dict[str, Any]:
    """{"identity": {...}} for a JSON response of the export with identities; nothing otherwise."""
    if not data.identities:
        return {}
    return {"identity": dict(zip(IDENTITY_COLUMNS, _who(data, label), strict=True))}


def _table(data: ExportData) -> list[list[Any]]:
    named = list(IDENTITY_COLUMNS) if data.identities else []
    header = ["respondent", *named, *(question.key for question in data.questions)]
    rows = [
        [label, *_who(data, label), *(flat(answers.get(q.key)) for q in data.questions)]
        for label, answers in data.responses
    ]
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
        sheet.append([xlsx_text(defuse(cell)) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    about = book.create_sheet("Questions")
    about.append(["key", "question", "kind", "choices"])
    for question in data.questions:
        about.append(
            [
                xlsx_text(defuse(value))
                for value in (question.key, question.text, question.kind, "; ".join(question.choices))
            ]
        )
    for cell in about[1]:
        cell.font = Font(bold=True)
    notes = book.create_sheet("About")
    for line in _about(data):
        notes.append([xlsx_text(defuse(line))])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _about(data: ExportData) -> list[str]:
    lines = [f"Consultation: {data.round.get('title', '')}"]
    if data.identities:
        lines.append("This file names the respondents: keep it within the Secretariat (Annex 1, §11 and §13).")
    else:
        lines.append("Respondents are identified by pseudonym only (Annex 1, §11 and §13).")
    if data.free_text == "anonymized":
        lines.append("Free-text answers have passed through the anonymizer; removed identities show as placeholders.")
    return lines


def to_json(data: ExportData) -> bytes:
    document = {
        "round": data.round,
        "free_text": data.free_text,
        "questions": [{"key": q.key, "text": q.text, "kind": q.kind, "choices": q.choices} for q in data.questions],
        "responses": [
            {
                "respondent": label,
                **_identity(data, label),
                "answers": answers,
            }
            for label, answers in data.responses
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# One element per kind of answer; kinds added later are written as <value>.
XML_ANSWER = {
    "text": "text",
    "rating": "rating",
    "choice": "choice",
    "multi_choice": "choice",
    "yes_no": "yes_no",
    "ranking": "choice",  # the items, first to last
}


def to_xml(data: ExportData) -> bytes:
    xml = Writer(XML_NAMESPACE)
    root = xml.root("answers", schema_url=data.schema_url, version="1", free_text=data.free_text)
    about = xml.add(root, "round")
    for name in ("title", "tool", "cycle", "stage"):
        xml.add(about, name, data.round.get(name, ""))
    questions = xml.add(root, "questions")
    for question in data.questions:
        element = xml.add(questions, "question", key=question.key, kind=question.kind)
        xml.add(element, "text", question.text)
        for choice in question.choices:
            xml.add(element, "choice", choice)
    responses = xml.add(root, "responses")
    kinds = {question.key: question.kind for question in data.questions}
    for label, answers in data.responses:
        response = xml.add(responses, "response", respondent=label)
        if data.identities:
            identity = xml.add(response, "identity")
            for name, value in zip(IDENTITY_COLUMNS, _who(data, label), strict=True):
                xml.add(identity, name, value)
        for key, value in answers.items():
            answer = xml.add(response, "answer", key=key)
            element = XML_ANSWER.get(kinds.get(key, ""), "value")
            if isinstance(value, dict):  # a grid: one value, "1: Agree; 2: Neutral"
                value = flat(value)
            for item in value if isinstance(value, list) else [value]:
                xml.add(answer, element, item)
    for line in _about(data)[1:]:
        xml.add(root, "note", line)
    return to_bytes(root)


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json, "xml": to_xml}
