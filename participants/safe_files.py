"""Reading files people upload, safely: size limits, a look inside an XLSX before openpyxl opens it, and
the file's type judged by its content, never its name. Pure: bytes in, a verdict out.

Used by every import (the participant list and offline feedback, from the command line and the admin)
and by the letters of offline submissions. Round documents have their own checks (consult/documents.py).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# An XLSX is a zip of XML parts. Real workbooks compress their XML about 5 to 20 times; a zip bomb
# compresses a thousand times or more. Judge the declared sizes before anything is decompressed
# (Python's zipfile never inflates a member past its declared size).
MAX_COMPRESSION_RATIO = 100
MAX_PARTS = 1000
UNCOMPRESSED_FACTOR = 5  # a workbook may unpack to at most this many times IMPORT_MAX_BYTES

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .msg, old .xls
OPEN_DOCUMENT_TEXT = b"application/vnd.oasis.opendocument.text"


class UnsafeFile(ValueError):
    """The file is refused; the message says why, for the person who sent it."""


def check_size(content: bytes, *, name: str, max_bytes: int) -> None:
    if len(content) > max_bytes:
        raise UnsafeFile(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(len(content)), "limit": filesizeformat(max_bytes)}
        )


def check_spreadsheet(
    content: bytes, *, name: str, extension: str = "", fmt: str = "", max_bytes: int | None = None
) -> None:
    """Refuse an import file that is too big, or a package that would unpack to something absurd.

    The package check runs when the content is a zip, whatever the file is called, and whenever the file
    is to be read as XLSX (`fmt`, the format chosen in a form): a bomb renamed `.csv` gains nothing.
    """
    max_bytes = max_bytes or settings.IMPORT_MAX_BYTES
    check_size(content, name=name, max_bytes=max_bytes)
    claimed = {kind.lower().lstrip(".") for kind in (extension or PurePath(name).suffix, fmt)}
    if "xlsx" in claimed or is_zip(content):
        check_package(content, name=name, max_unpacked=UNCOMPRESSED_FACTOR * max_bytes)


def is_zip(content: bytes) -> bool:
    """Whether a zip reader would open these bytes (a zip may start with anything: its directory is at
    the end, so the first bytes prove nothing)."""
    return content.startswith(b"PK\x03\x04") or zipfile.is_zipfile(io.BytesIO(content))


def check_package(content: bytes, *, name: str, max_unpacked: int) -> None:
    """An Office Open XML package whose parts are few, and neither too big nor too compressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise UnsafeFile(
            _("%(name)s is not an Excel workbook (.xlsx), whatever its name says.") % {"name": name}
        ) from None
    unpacked = sum(part.file_size for part in parts)
    squeezed = any(part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1) for part in parts)
    if len(parts) > MAX_PARTS or unpacked > max_unpacked or (squeezed and unpacked > 1024 * 1024):
        raise UnsafeFile(
            _(
                "%(name)s would unpack to %(size)s, far more than a workbook of this size holds, so it is not "
                "opened. Save it again from Excel, or send a CSV file."
            )
            % {"name": name, "size": filesizeformat(unpacked)}
        )


def read_upload(upload, *, max_bytes: int) -> bytes:
    """The content of an uploaded file, reading no more than the limit allows."""
    if upload.size is not None and upload.size > max_bytes:
        raise UnsafeFile(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    upload.seek(0)
    check_size(content, name=upload.name, max_bytes=max_bytes)
    return content


def content_matches(extension: str, content: bytes) -> bool:
    """Whether the bytes are a file of the kind the extension claims (for the formats we keep)."""
    extension = extension.lower().lstrip(".")
    if extension == "pdf":
        return content.startswith(b"%PDF-")
    if extension in ("doc", "msg"):
        return content.startswith(OLE2_MAGIC)
    if extension == "rtf":
        return content.startswith(b"{\\rtf")
    if extension in ("docx", "xlsx", "odt"):
        return _office_package(content, extension)
    if extension in ("txt", "csv", "eml"):
        return _is_text(content)
    return False


def _office_package(content: bytes, extension: str) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            if extension == "odt":
                return "mimetype" in names and package.read("mimetype").strip() == OPEN_DOCUMENT_TEXT
    except (zipfile.BadZipFile, ValueError, KeyError):
        return False
    main_part = "word/document.xml" if extension == "docx" else "xl/workbook.xml"
    has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
    return "[Content_Types].xml" in names and main_part in names and not has_macros


def _is_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")  # old e-mail files; control characters still give a binary away
    return not any(ord(char) < 32 and char not in "\t\r\n\f" for char in text[:65536])
