"""Write a round's questionnaire as a Word document whose answers sit in content controls (`w:sdt`).

python-docx lays out the text; the content controls, which python-docx has no API for, are built with
lxml: a plain-text control for free text, a drop-down list for one choice, a rating or yes/no, and one
check box (`w14:checkbox`) per choice of a multiple-choice question, each tagged with its question key
(KEY/N for the N-th check box). Nothing needs macros; Word and LibreOffice fill the controls natively.

LibreOffice 7.4 drops the tags of content controls when it saves a document, so each control also sits
inside a hidden bookmark named after a digest of its tag (see anchors.py); the reader falls back on it.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from feedback.questionnaire_files import anchors, texts
from feedback.questionnaire_files.kinds import CHECK_BOX, LIST_BOX, Box, kind_of
from feedback.questionnaire_files.manifest import Box as ManifestBox
from feedback.questionnaire_files.manifest import Manifest, to_properties
from feedback.questionnaire_files.model import QuestionData, Questionnaire

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
CHECKED_GLYPH, UNCHECKED_GLYPH, GLYPH_FONT = "2612", "2610", "MS Gothic"
PLACEHOLDER_GREY = "808080"
CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id Office gives every user-defined custom property.
USER_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def w14(name: str) -> str:
    return f"{{{W14}}}{name}"


def _element(tag: str, parent: etree._Element | None = None, **attributes: str) -> etree._Element:
    """A WordprocessingML element ("w:sdt"), its attributes given without prefix (val="x" is w:val)."""
    element = etree.Element(qn(tag)) if parent is None else etree.SubElement(parent, qn(tag))
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _run(parent: etree._Element, text: str, *, grey: bool = False, font: str = "") -> etree._Element:
    """A run of text; new lines become line breaks (each line keeps a trailing space, so a program that
    drops the break, as LibreOffice 7.4 does in a plain-text control, still keeps words apart)."""
    run = _element("w:r", parent)
    if grey or font:
        properties = _element("w:rPr", run)
        if font:
            _element("w:rFonts", properties, ascii=font, hAnsi=font, eastAsia=font)
        if grey:
            _element("w:color", properties, val=PLACEHOLDER_GREY)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if number:
            _element("w:br", run)
        piece = _element("w:t", run)
        piece.text = line + (" " if number < len(lines) - 1 else "")
        piece.set(qn("xml:space"), "preserve")
    return run


class _Ids:
    """Word wants every content control and bookmark to have its own number."""

    def __init__(self) -> None:
        self._next = itertools.count(1000)

    def __next__(self) -> str:
        return str(next(self._next))


def _properties(sdt: etree._Element, box: Box, alias: str, ids: _Ids) -> etree._Element:
    properties = _element("w:sdtPr", sdt)
    _element("w:alias", properties, val=alias)
    _element("w:tag", properties, val=box.tag)
    _element("w:id", properties, val=next(ids))
    return properties


def _answer_control(box: Box, alias: str, ids: _Ids, describe: Callable, placeholder: str) -> etree._Element:
    """A text or list control: `describe` adds what kind it is; an empty one shows its placeholder."""
    sdt = _element("w:sdt")
    properties = _properties(sdt, box, alias, ids)
    if box.value is None:
        _element("w:showingPlcHdr", properties)
    describe(properties)
    content = _element("w:sdtContent", sdt)
    _run(content, placeholder if box.value is None else str(box.value), grey=box.value is None)
    return sdt


def _text_control(box: Box, alias: str, ids: _Ids) -> etree._Element:
    def plain_text(properties: etree._Element) -> None:
        _element("w:text", properties, multiLine="1")

    return _answer_control(box, alias, ids, plain_text, texts.TEXT_PLACEHOLDER)


def _list_control(box: Box, alias: str, ids: _Ids) -> etree._Element:
    def drop_down(properties: etree._Element) -> None:
        listing = _element("w:dropDownList", properties)
        _element("w:listItem", listing, displayText=texts.LIST_PLACEHOLDER, value="")
        for option in box.options:
            _element("w:listItem", listing, displayText=option, value=option)

    return _answer_control(box, alias, ids, drop_down, texts.LIST_PLACEHOLDER)


def _check_control(box: Box, alias: str, ids: _Ids) -> etree._Element:
    sdt = _element("w:sdt")
    properties = _properties(sdt, box, alias, ids)
    checkbox = etree.SubElement(properties, w14("checkbox"), nsmap={"w14": W14})
    etree.SubElement(checkbox, w14("checked")).set(w14("val"), "1" if box.value else "0")
    for state, glyph in (("checkedState", CHECKED_GLYPH), ("uncheckedState", UNCHECKED_GLYPH)):
        element = etree.SubElement(checkbox, w14(state))
        element.set(w14("val"), glyph)
        element.set(w14("font"), GLYPH_FONT)
    content = _element("w:sdtContent", sdt)
    _run(content, chr(int(CHECKED_GLYPH if box.value else UNCHECKED_GLYPH, 16)), font=GLYPH_FONT)
    return sdt


CONTROLS = {LIST_BOX: _list_control, CHECK_BOX: _check_control}


def _anchored(paragraph: etree._Element, control: etree._Element, tag: str, ids: _Ids) -> None:
    """Append the control to the paragraph inside its hidden bookmark."""
    number = next(ids)
    _element("w:bookmarkStart", paragraph, id=number, name=anchors.name_for(tag))
    paragraph.append(control)
    _element("w:bookmarkEnd", paragraph, id=number)


def _paragraph(document: WordDocument, text: str = "", style_id: str = "") -> Paragraph:
    """A paragraph in a style given by its id (python-docx looks a style name up by scanning every style)."""
    paragraph = document.add_paragraph(text)
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _frame(paragraph: Paragraph) -> None:
    """A light frame and shading around an answer, so the place to write shows on screen and on paper."""
    properties = paragraph._p.get_or_add_pPr()
    borders = _element("w:pBdr", properties)
    for side in ("top", "left", "bottom", "right"):
        _element(f"w:{side}", borders, val="single", sz="4", space="4", color="9AA5B1")
    _element("w:shd", properties, val="clear", color="auto", fill="FFF7D6")


def _answer(document: WordDocument, position: int, question: QuestionData, value: object, ids: _Ids) -> None:
    for box in kind_of(question).boxes(question, value):
        if box.type != CHECK_BOX and box.label:
            _paragraph(document, box.label).paragraph_format.left_indent = Cm(0.5)
        paragraph = _paragraph(document)
        paragraph.paragraph_format.left_indent = Cm(0.5)
        if box.type == CHECK_BOX:
            alias = _("Question %(number)s, choice: %(label)s") % {"number": position, "label": box.label}
        elif box.label:
            alias = _("Question %(number)s: %(label)s") % {"number": position, "label": box.label}
        else:
            alias = _("Answer to question %(number)s") % {"number": position}
        control = CONTROLS.get(box.type, _text_control)(box, alias, ids)
        _anchored(paragraph._p, control, box.tag, ids)
        if box.type == CHECK_BOX:
            paragraph.add_run(f" {box.label}")
        else:
            _frame(paragraph)


def _question(document: WordDocument, position: int, question: QuestionData, value: object, ids: _Ids) -> None:
    heading = _paragraph(document, f"{position}. {question.text}", "Heading2")
    if question.required:
        marker = heading.add_run(f" ({_('required')})")
        marker.font.size = Pt(10)
    if question.help_text:
        help_paragraph = _paragraph(document, question.help_text)
        help_paragraph.runs[0].italic = True
    if question.condition:
        condition = _paragraph(document, f"{question.condition} {_('Leave it empty otherwise.')}")
        condition.runs[0].bold = True
    note = _paragraph(document, f"{kind_of(question).word_hint(question)} {_('Key')}: {question.key}")
    note.runs[0].font.size = Pt(9)
    note.runs[0].font.color.rgb = RGBColor.from_string("56616D")
    _answer(document, position, question, value, ids)


def _introduction(document: WordDocument, questionnaire: Questionnaire) -> None:
    _paragraph(document, questionnaire.title, "Title")
    _paragraph(document, questionnaire.subtitle).runs[0].bold = True
    _paragraph(document, texts.deadline_line(questionnaire))
    _paragraph(document, _("How to answer"), "Heading1")
    for line in texts.word_instructions(questionnaire):
        _paragraph(document, line, "ListBullet")
    if questionnaire.description:
        _paragraph(document, _("About this consultation"), "Heading1")
        for line in questionnaire.description.splitlines():
            if line.strip():
                _paragraph(document, line.strip())
    _paragraph(document, str(texts.PERSONAL_CAPACITY), "IntenseQuote")


def _custom_properties(manifest: Manifest) -> bytes:
    root = etree.Element(f"{{{CUSTOM_PROPERTIES_NS}}}Properties", nsmap={None: CUSTOM_PROPERTIES_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(to_properties(manifest), start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_PROPERTIES_NS}}}property")
        prop.set("fmtid", USER_PROPERTY_FMTID)
        prop.set("pid", str(pid))
        prop.set("name", name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _manifest(questionnaire: Questionnaire) -> Manifest:
    return Manifest(questionnaire.round_id, tuple(_manifest_boxes(questionnaire)))


def _manifest_boxes(questionnaire: Questionnaire) -> Iterator[ManifestBox]:
    for question in questionnaire.questions:
        for box in kind_of(question).boxes(question, None):
            yield ManifestBox(box.tag, box.type, box.label)


def _document_properties(document: WordDocument, questionnaire: Questionnaire) -> None:
    core = document.core_properties
    core.title = questionnaire.title
    core.subject = _("Questionnaire")
    core.author = texts.AUTHOR
    core.last_modified_by = texts.AUTHOR
    core.comments = ""
    core.identifier = f"wgtr-advisory:{questionnaire.reference}"
    core.language = "en"
    package = document.part.package
    part = Part(
        PackURI("/docProps/custom.xml"),
        CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        _custom_properties(_manifest(questionnaire)),
        package,
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def write_docx(questionnaire: Questionnaire) -> bytes:
    """The questionnaire as .docx bytes, pre-filled with `questionnaire.answers`."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.2)
    document.styles["Normal"].font.size = Pt(11)
    _introduction(document, questionnaire)
    _paragraph(document, _("Questions"), "Heading1")
    ids = _Ids()
    for position, question in enumerate(questionnaire.questions, start=1):
        _question(document, position, question, questionnaire.answers.get(question.key), ids)
    _document_properties(document, questionnaire)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
