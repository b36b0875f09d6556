"""Reading and writing the participant list as CSV, XLSX or JSON (with CSV formula injection guarded)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook

from participants.roster.columns import cell, guard_formula
from participants.roster.xml import to_xml
from participants.safe_files import UnsafeFile, check_spreadsheet
from participants.xlsx_text import xlsx_text

FORMATS = ("csv", "xlsx", "json")  # read and written
EXPORT_FORMATS = (*FORMATS, "xml")  # written only
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "xml": "application/xml",
}


class UnreadableFile(Exception):
    """The file is not a CSV or XLSX we can read; the message says why."""


def header_name(value: object) -> str:
    return cell(value).lower().replace(" ", "_")


def load_dataset(content: bytes, extension: str, name: str = "") -> tablib.Dataset:
    """A CSV (UTF-8, with or without BOM), XLSX or JSON (an export's list of objects) file as a tablib Dataset.

    Raises UnreadableFile.
    """
    extension = extension.lower().lstrip(".")
    try:
        check_spreadsheet(content, name=name or _("The file"), extension=extension)
    except UnsafeFile as exc:
        raise UnreadableFile(str(exc)) from exc
    try:
        if extension == "csv":
            return tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        if extension == "xlsx":
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        if extension == "json":
            return tablib.Dataset().load(content.decode("utf-8-sig"), format="json")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")) from exc
    except Exception as exc:  # tablib and openpyxl raise many types for damaged files
        message = _("The file could not be read as %(format)s: %(error)s")
        raise UnreadableFile(message % {"format": extension.upper(), "error": exc}) from exc
    raise UnreadableFile(
        _("“.%(extension)s” files are not supported: use .csv, .xlsx or .json.") % {"extension": extension}
    )


def load_path(path: Path) -> tablib.Dataset:
    if not path.is_file():
        raise UnreadableFile(_("There is no file at %(path)s.") % {"path": path})
    with path.open("rb") as handle:  # never more than the limit in memory, whatever the file's size
        content = handle.read(settings.IMPORT_MAX_BYTES + 1)
    return load_dataset(content, path.suffix, path.name)


def records(dataset: tablib.Dataset) -> Iterator[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, {column: text}) for each non-empty row; the header is row 1."""
    headers = [header_name(value) for value in (dataset.headers or [])]
    for index, values in enumerate(dataset, start=2):
        texts = [cell(value) for value in values]
        if any(texts):
            yield index, dict(zip(headers, texts, strict=False))


def headers_of(dataset: tablib.Dataset) -> list[str]:
    return [header_name(value) for value in (dataset.headers or [])]


def flat(value: object) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


def write(
    rows: Iterable[dict[str, object]],
    columns: Iterable[str],
    fmt: str,
    *,
    exported_at: dt.datetime | None = None,
    schema_url: str = "",
) -> bytes:
    """The rows in one of EXPORT_FORMATS. CSV cells that a spreadsheet would run as formulas get a leading
    quote; XML says when it was exported and where its schema is."""
    columns = list(columns)
    if fmt == "xml":
        return to_xml(rows, columns, exported_at=exported_at or dt.datetime.now(dt.UTC), schema_url=schema_url)
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([guard_formula(flat(row.get(column))) for column in columns] for row in rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(rows, columns)
    raise ValueError(f"Unknown format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}.")


def _xlsx(rows: Iterable[dict[str, object]], columns: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Participants"
    sheet.append([xlsx_text(column) for column in columns])
    for number, row in enumerate(rows, start=2):
        for column_number, column in enumerate(columns, start=1):
            target = sheet.cell(row=number, column=column_number, value=xlsx_text(flat(row.get(column))))
            target.data_type = "s"  # text, never a formula, whatever it starts with
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
