"""Upload checks for round documents (§15): allow-listed types, checked by content, and a size limit.

A file's name is only a claim: a PDF must start like a PDF, a Word or Excel file must be an
Office Open XML package of the right kind (and without macros), and the text formats must be
UTF-8 text. Pure: bytes in, a verdict out.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from participants.domain_errors import DomainError

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xml": "application/xml",
    "txt": "text/plain; charset=utf-8",
}
ALLOWED_EXTENSIONS = tuple(CONTENT_TYPES)
TEXT_EXTENSIONS = ("csv", "json", "xml", "txt")
# The part that makes an Office package a Word document or a workbook.
OFFICE_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
KIND_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "csv": "CSV", "json": "JSON", "xml": "XML", "txt": "text"}


class DocumentRefused(DomainError, ValueError):
    """The file is not one we accept; the message says why, for the person uploading it."""


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int
    sha256: str


def check_upload(*, filename: str, content: bytes, max_bytes: int) -> CheckedFile:
    """Accept the file or raise DocumentRefused with a message that says what to do."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if extension not in CONTENT_TYPES:
        raise DocumentRefused(
            _(
                "%(name)s is not an accepted type. "
                "Upload a PDF, Word (.docx), Excel (.xlsx), CSV, JSON, XML or text file."
            )
            % {"name": filename}
        )
    if not content:
        raise DocumentRefused(_("%(name)s is empty.") % {"name": filename})
    if len(content) > max_bytes:
        raise DocumentRefused(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": filename, "size": filesizeformat(len(content)), "limit": filesizeformat(max_bytes)}
        )
    if not _content_matches(extension, content):
        raise DocumentRefused(
            _("%(name)s does not contain a %(kind)s file, whatever its name says. Check the file and upload it again.")
            % {"name": filename, "kind": KIND_NAMES[extension]}
        )
    return CheckedFile(extension, CONTENT_TYPES[extension], len(content), hashlib.sha256(content).hexdigest())


def _content_matches(extension: str, content: bytes) -> bool:
    if extension == "pdf":
        return content.startswith(b"%PDF-")
    if extension in OFFICE_MAIN_PART:
        return _is_office_package(content, OFFICE_MAIN_PART[extension])
    text = _utf8_text(content)
    if text is None:
        return False
    if extension == "json":
        return _is_json(text)
    if extension == "xml":
        return text.lstrip().startswith("<")  # never parsed here: no entity expansion, no XXE
    return True


def _is_office_package(content: bytes, main_part: str) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
    return "[Content_Types].xml" in names and main_part in names and not has_macros


def _utf8_text(content: bytes) -> str | None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # Control characters other than tab and line breaks mean a binary file.
    if BINARY_CONTROL.search(text):
        return None
    return text


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
