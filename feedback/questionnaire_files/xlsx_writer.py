"""Write a round's questionnaire as an Excel workbook: one row per question (key, question, help, answer).

Closed questions get a drop-down list (data validation) over a hidden sheet of options, so choices with
commas work; free text gets a length check. Every sheet is protected except the answer column (no
password: protection prevents slips, not people). The file remembers its round in custom properties.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from feedback.questionnaire_files import texts
from feedback.questionnaire_files.kinds import Cell, kind_of
from feedback.questionnaire_files.manifest import Box, Manifest, to_properties
from feedback.questionnaire_files.model import Questionnaire
from participants.xlsx_text import xlsx_text

SHEET, ABOUT, LISTS = "Questionnaire", "About", "Lists"
HEADER = ("key", "question", "help", "answer")
ANSWER_COLUMN = 4
ROW_BOX = "row"
WIDTHS = {"A": 18, "B": 60, "C": 48, "D": 60}
ANSWER_FILL = PatternFill("solid", fgColor="FFF7D6")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
THIN = Side(style="thin", color="9AA5B1")
WRAP = Alignment(wrap_text=True, vertical="top")


def put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """A cell that holds text as text: never run as a formula, whatever it starts with."""
    cell = sheet.cell(row=row, column=column, value=xlsx_text(value))
    if isinstance(value, str):
        cell.data_type = "s"
    cell.alignment = WRAP


def _protect(sheet: Worksheet) -> None:
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # people may still widen columns and rows to read
    sheet.protection.formatRows = False


def _options_range(lists: Worksheet, options: tuple[str, ...]) -> str:
    """Write the options in the next free column of the hidden list sheet; their range, for a validation."""
    number = 1 if lists["A1"].value is None else lists.max_column + 1
    for row, option in enumerate(options, start=1):
        put(lists, row, number, option)
    column = get_column_letter(number)
    return f"{quote_sheetname(LISTS)}!${column}$1:${column}${len(options)}"


def _validation(sheet: Worksheet, lists: Worksheet, row: int, cell: Cell) -> None:
    target = f"{get_column_letter(ANSWER_COLUMN)}{row}"
    if cell.options:
        rule = DataValidation(
            type="list",
            formula1=_options_range(lists, cell.options),
            allow_blank=True,
            # Several choices are typed with ";", which a list cannot hold: then the list only helps.
            showErrorMessage=not (cell.several or cell.open_list),
            errorTitle=_("Not in the list")[:32],
            error=_("Choose one of the options in the list, or leave the cell empty.")[:255],
        )
    elif cell.max_length:
        rule = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(cell.max_length),
            allow_blank=True,
            errorStyle="warning",
            errorTitle=_("Too long")[:32],
            error=(_("Keep this answer to %(limit)s characters.") % {"limit": cell.max_length})[:255],
        )
    else:
        return
    rule.promptTitle = _("How to answer")[:32]
    rule.prompt = cell.guidance[:255]
    rule.showInputMessage = True
    sheet.add_data_validation(rule)
    rule.add(target)


def _questions(book: Workbook, questionnaire: Questionnaire) -> None:
    sheet = book.active
    sheet.title = SHEET
    lists = book.create_sheet(LISTS)
    for column, name in enumerate(HEADER, start=1):
        put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.cell(row=1, column=column).fill = HEADER_FILL
    for row, question in enumerate(questionnaire.questions, start=2):
        cell = kind_of(question).cell(question, questionnaire.answers.get(question.key))
        required = f" ({_('required')})" if question.required else ""
        put(sheet, row, 1, question.key)
        put(sheet, row, 2, f"{row - 1}. {question.text}{required}")
        put(sheet, row, 3, "\n".join(part for part in (question.condition, question.help_text, cell.guidance) if part))
        put(sheet, row, ANSWER_COLUMN, cell.value)
        if cell.writable:
            answer = sheet.cell(row=row, column=ANSWER_COLUMN)
            answer.protection = Protection(locked=False)
            answer.fill = ANSWER_FILL
            answer.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
            _validation(sheet, lists, row, cell)
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    _protect(sheet)
    _protect(lists)
    lists.sheet_state = "hidden"


def _about(book: Workbook, questionnaire: Questionnaire) -> None:
    sheet = book.create_sheet(ABOUT, 1)
    about = [_("About this consultation"), *questionnaire.description.splitlines(), ""]
    lines = [
        questionnaire.title,
        questionnaire.subtitle,
        texts.deadline_line(questionnaire),
        "",
        _("How to answer"),
        *texts.sheet_instructions(questionnaire),
        "",
        *(about if questionnaire.description else []),
        str(texts.PERSONAL_CAPACITY),
    ]
    for row, line in enumerate(lines, start=1):
        put(sheet, row, 1, line)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A5"].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 110
    _protect(sheet)


def _properties(book: Workbook, questionnaire: Questionnaire) -> None:
    book.properties.title = questionnaire.title
    book.properties.subject = _("Questionnaire")
    book.properties.creator = texts.AUTHOR
    book.properties.identifier = f"wgtr-advisory:{questionnaire.reference}"
    manifest = Manifest(questionnaire.round_id, tuple(Box(q.key, ROW_BOX) for q in questionnaire.questions))
    for name, value in to_properties(manifest):
        book.custom_doc_props.append(StringProperty(name=name, value=value))


def write_xlsx(questionnaire: Questionnaire) -> bytes:
    """The questionnaire as .xlsx bytes, pre-filled with `questionnaire.answers`."""
    book = Workbook()
    _questions(book, questionnaire)
    _about(book, questionnaire)
    _properties(book, questionnaire)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
