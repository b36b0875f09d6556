"""The coded data as a file: one row per free-text answer (pseudonym, question, anonymized answer,
themes), written as CSV or XLSX and read back. Pure: plain rows in, bytes out, and the reverse.

Themes in a cell are separated by semicolons. Cells a spreadsheet would run as a formula are defused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from feedback.exports import defuse
from participants.import_errors import RowError
from participants.xlsx_text import xlsx_text

HEADER = ("pseudonym", "question", "answer", "themes")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SEPARATOR = "; "
_SPLIT = re.compile(r"\s*[;\n|]\s*")
_PSEUDONYM = re.compile(r"^(?:respondent\s*)?(\d{1,9})(?:\.0)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CodedRow:
    pseudonym: int
    question: str
    answer: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """The themes sheet of the XLSX file: (name, description, question key or "")."""

    themes: list[tuple[str, str, str]]


def _cells(row: CodedRow) -> list[object]:
    return [row.pseudonym, defuse(row.question), defuse(row.answer), defuse(SEPARATOR.join(row.themes))]


def to_csv(rows: Iterable[CodedRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(_cells(row) for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[CodedRow], codebook: Codebook) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Coded answers"
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append([xlsx_text(cell) for cell in _cells(row)])
    for column, width in zip("ABCD", (12, 16, 80, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet["C"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    themes = book.create_sheet("Themes")
    themes.append(["theme", "description", "question"])
    for name, description, question in codebook.themes:
        themes.append([xlsx_text(defuse(value)) for value in (name, description, question)])
    for table in (sheet, themes):
        for cell in table[1]:
            cell.font = Font(bold=True)
        table.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_rows(table: list[list[object]]) -> tuple[list[tuple[int, CodedRow]], list[RowError]]:
    """(row number, row) for each line below the header, and every problem found in the cells."""
    if not table:
        return [], [RowError(0, "", _("The file is empty: it needs the header pseudonym,question,answer,themes."))]
    header = [str(name or "").strip().lower() for name in table[0]]
    missing = [name for name in ("pseudonym", "question", "themes") if name not in header]
    if missing:
        message = _("The header has no column “%(column)s” (expected pseudonym,question,answer,themes).")
        return [], [RowError(1, name, message % {"column": name}) for name in missing]
    where = {name: header.index(name) for name in HEADER if name in header}
    rows, errors = [], []
    for number, line in enumerate(table[1:], start=2):
        cells = ["" if cell is None else str(cell).strip() for cell in line]
        if not any(cells):
            continue
        value = {name: cells[index] if index < len(cells) else "" for name, index in where.items()}
        match = _PSEUDONYM.match(value["pseudonym"].lstrip("'"))
        if not match:
            errors.append(RowError(number, "pseudonym", _("Give the respondent's number, e.g. 17.")))
            continue
        themes = tuple(dict.fromkeys(name for name in _SPLIT.split(value["themes"].lstrip("'")) if name))
        answer = value.get("answer", "")
        rows.append((number, CodedRow(int(match.group(1)), value["question"].lstrip("'"), answer, themes)))
    return rows, errors
