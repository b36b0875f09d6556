"""Read an offline-feedback file (CSV or XLSX, by extension) into rows for services.import_feedback."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from feedback.services import ImportRejected, ImportRow, RowError
from feedback.services.offline import check_header
from participants.safe_files import UnsafeFile, check_spreadsheet

EXTENSIONS = (".csv", ".xlsx")


def rows_from_table(table: Iterable[Iterable[Any]]) -> list[ImportRow]:
    """Rows below a header `email,question,answer` (any order, extra columns ignored). Raises ImportRejected."""
    lines = iter(table)
    header = next(lines, None)
    if header is None:
        raise ImportRejected([RowError(1, "email", _("The file is empty: it needs the header email,question,answer."))])
    header = [str(name or "").strip().lower() for name in header]
    problems = check_header(header)
    if problems:
        raise ImportRejected(problems)
    where = {name: header.index(name) for name in ("email", "question", "answer")}
    rows = []
    for number, line in enumerate(lines, start=2):
        cells = list(line)
        if not any(cell not in (None, "") and str(cell).strip() for cell in cells):
            continue  # a blank line in a spreadsheet is not a row

        def cell(name: str, cells: list[Any] = cells) -> Any:
            index = where[name]
            return cells[index] if index < len(cells) else None

        rows.append(ImportRow(number, str(cell("email") or ""), str(cell("question") or "").strip(), cell("answer")))
    return rows


def read_rows(path: Path, content: bytes | None = None) -> list[ImportRow]:
    """The rows of a CSV (UTF-8, with or without BOM) or XLSX file. Raises ImportRejected."""
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise ImportRejected(
            [RowError(0, "", _("“%(name)s” is neither a .csv nor an .xlsx file.") % {"name": path.name})]
        )
    if content is None:
        with path.open("rb") as handle:  # never more than the limit in memory, whatever the file's size
            content = handle.read(settings.IMPORT_MAX_BYTES + 1)
    try:
        check_spreadsheet(content, name=path.name)
    except UnsafeFile as unsafe:
        raise ImportRejected([RowError(0, "", str(unsafe))]) from None
    data = content
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRejected(
                [RowError(0, "", _("The CSV file is not UTF-8 text: save it as “CSV UTF-8”."))]
            ) from None
        return rows_from_table(csv.reader(io.StringIO(text, newline="")))
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise ImportRejected([RowError(0, "", _("The file could not be read as an Excel workbook (.xlsx)."))]) from None
    return rows_from_table(book.worksheets[0].iter_rows(values_only=True))
