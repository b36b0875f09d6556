"""The one way in for a filled questionnaire, whoever brings it (a participant's upload, the Secretariat's
page or the command line): the upload checks of participants.safe_files first, then the reader that fits
the file's content. Whatever a damaged or hostile file does to a reader ends as a QuestionnaireFileError
with a message; nothing else escapes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from django.utils.translation import gettext as _

from feedback.questionnaire_files.docx_reader import read_docx
from feedback.questionnaire_files.manifest import PROPERTY
from feedback.questionnaire_files.model import DOCX, XLSX, FilledQuestionnaire, QuestionData, QuestionnaireFileError
from feedback.questionnaire_files.xlsx_reader import read_xlsx
from participants.safe_files import UNCOMPRESSED_FACTOR, UnsafeFile, check_package, check_size, content_matches

READERS = {DOCX: read_docx, XLSX: read_xlsx}
MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def kind_of_file(content: bytes, *, name: str) -> str:
    """docx or xlsx, judged by what the file contains, never by its name. Raises QuestionnaireFileError."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        names = set()
    kinds = {kind for part, kind in MAIN_PARTS.items() if part in names}
    if len(kinds) != 1:
        raise QuestionnaireFileError(
            _(
                "“%(name)s” is not a Word (.docx) or Excel (.xlsx) questionnaire, whatever its name says. "
                "Upload the questionnaire file you downloaded and filled in."
            )
            % {"name": name}
        )
    return kinds.pop()


def looks_like_questionnaire(content: bytes) -> bool:
    """Whether the file carries the reference of a questionnaire made here (to point people the right way)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            info = package.getinfo("docProps/custom.xml")
            return info.file_size < 1024 * 1024 and PROPERTY.encode() in package.read(info)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return False


def check_upload(content: bytes, *, name: str, max_bytes: int) -> str:
    """The safety checks every questionnaire file passes before any reader sees it: size, type by content,
    no zip bomb, no macros. Returns docx or xlsx. Raises QuestionnaireFileError."""
    try:
        check_size(content, name=name, max_bytes=max_bytes)
        kind = kind_of_file(content, name=name)
        check_package(content, name=name, max_unpacked=UNCOMPRESSED_FACTOR * max_bytes)
    except UnsafeFile as unsafe:
        raise QuestionnaireFileError(str(unsafe)) from None
    if not content_matches(kind, content):
        raise QuestionnaireFileError(
            _("“%(name)s” contains macros or is not a complete %(kind)s file; save it again without macros.")
            % {"name": name, "kind": "Word" if kind == DOCX else "Excel"}
        )
    return kind


def read_filled(
    content: bytes, *, name: str, round_id: int, questions: Sequence[QuestionData], max_bytes: int
) -> FilledQuestionnaire:
    """The raw answers of a filled questionnaire of round `round_id`. Raises QuestionnaireFileError."""
    kind = check_upload(content, name=name, max_bytes=max_bytes)
    try:
        return READERS[kind](content, round_id=round_id, questions=questions)
    except QuestionnaireFileError:
        raise
    except Exception:  # zipfile, lxml and openpyxl raise many kinds for a damaged file: each is a refusal
        raise QuestionnaireFileError(_damaged(name, kind)) from None


def _damaged(name: str, kind: str) -> str:
    return _(
        "“%(name)s” is damaged and could not be read as %(kind)s. Open it in %(program)s, save it again as "
        "%(kind)s, and upload it again."
    ) % {
        "name": name,
        "kind": _("a Word document (.docx)") if kind == DOCX else _("an Excel workbook (.xlsx)"),
        "program": "Word or LibreOffice" if kind == DOCX else "Excel or LibreOffice",
    }
