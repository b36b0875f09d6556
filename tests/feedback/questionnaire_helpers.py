"""Filling questionnaire files the way people's programs do: content controls as Word fills them
(python-docx and lxml), answer cells as Excel does (openpyxl), and a save through LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree
from openpyxl import load_workbook

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
CHECKED, UNCHECKED = "\u2612", "\u2610"

# One answer per question kind, as a person would give it in each file, and as it is stored.
WORD_ANSWERS = {
    "usability": "4",
    "format": "Excel template",
    "topics/2": True,
    "topics/3": True,
    "prefill": "Yes",
    "comments": "Pre-filling saves a week of work.\nA second paragraph.",
}
SHEET_ANSWERS = {
    "usability": 4,
    "format": "Excel template",
    "topics": "Article 13; Nil reports",
    "prefill": "Yes",
    "comments": "Pre-filling saves a week of work.\nA second paragraph.",
}
STORED = {
    "usability": 4,
    "format": "Excel template",
    "topics": ["Article 13", "Nil reports"],
    "prefill": True,
    "comments": "Pre-filling saves a week of work.\nA second paragraph.",
}


def controls(content: bytes) -> dict[str, etree._Element]:
    """{tag: w:sdt} of a Word file."""
    document = docx.Document(io.BytesIO(content))
    found = {}
    for sdt in document.element.body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if tag is not None:
            found[tag.get(qn("w:val"))] = sdt
    return found


def _set_text(sdt: etree._Element, text: str) -> None:
    """Replace the control's content with the text, as Word does when someone types or picks an item."""
    properties = sdt.find(qn("w:sdtPr"))
    placeholder = properties.find(qn("w:showingPlcHdr"))
    if placeholder is not None:
        properties.remove(placeholder)
    content = sdt.find(qn("w:sdtContent"))
    for child in list(content):
        content.remove(child)
    run = etree.SubElement(content, qn("w:r"))
    for number, line in enumerate(text.split("\n")):
        if number:
            etree.SubElement(run, qn("w:br"))
        etree.SubElement(run, qn("w:t")).text = line


def _tick(sdt: etree._Element, checked: bool) -> None:
    sdt.find(f"{qn('w:sdtPr')}/{{{W14}}}checkbox/{{{W14}}}checked").set(f"{{{W14}}}val", "1" if checked else "0")
    sdt.find(f"{qn('w:sdtContent')}//{qn('w:t')}").text = CHECKED if checked else UNCHECKED


def edit_docx(content: bytes, change) -> bytes:
    """Open the Word file with python-docx, let `change(document)` alter it, save it again."""
    document = docx.Document(io.BytesIO(content))
    change(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def retag(old: str, new: str | None):
    """A change that renames (or, with None, removes) one control's tag, as Word's Developer tab can."""

    def change(document) -> None:
        for tag in list(document.element.body.iter(qn("w:tag"))):
            if tag.get(qn("w:val")) == old:
                if new is None:
                    tag.getparent().remove(tag)
                else:
                    tag.set(qn("w:val"), new)

    return change


def delete_control(tag_value: str):
    """A change that deletes one control, its content with it."""

    def change(document) -> None:
        for tag in list(document.element.body.iter(qn("w:tag"))):
            if tag.get(qn("w:val")) == tag_value:
                sdt = tag.getparent().getparent()
                sdt.getparent().remove(sdt)

    return change


def fill_docx(content: bytes, answers: dict[str, str | bool]) -> bytes:
    """Fill the controls by tag: text for text and drop-down boxes, True/False for check boxes."""

    def change(document) -> None:
        for sdt in document.element.body.iter(qn("w:sdt")):
            tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
            value = answers.get(tag.get(qn("w:val")) if tag is not None else None)
            if isinstance(value, bool):
                _tick(sdt, value)
            elif value is not None:
                _set_text(sdt, value)

    return edit_docx(content, change)


def fill_xlsx(content: bytes, answers: dict[str, object]) -> bytes:
    """Type answers into the answer column, row found by key, as someone does in Excel."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["Questionnaire"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in answers:
            row[3].value = answers[row[0].value]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def saved_by_libreoffice(content: bytes, suffix: str = "docx") -> bytes:
    """The file opened and saved again by LibreOffice (headless, with a private profile so that runs in
    parallel never share one)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"questionnaire.{suffix}"
        source.write_bytes(content)
        out = Path(folder) / "out"
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                suffix,
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (out / source.name).read_bytes()
