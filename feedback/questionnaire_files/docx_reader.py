"""Read the answers out of a filled Word questionnaire: its content controls, matched to questions by tag.

Only `word/document.xml` and the custom properties are read, with a parser that resolves no entities and
fetches nothing. A box is known by its `w:tag`; in a file where no box has a tag left (LibreOffice 7.4
drops them all when it saves), by the hidden bookmark around it. A box whose tag was changed or removed
while others kept theirs, a box that matches no question, a missing or doubled box: the file is refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from lxml import etree

from feedback.questionnaire_files import anchors
from feedback.questionnaire_files.kinds import CHECK_BOX, LIST_BOX, TEXT_BOX, Found, kind_of
from feedback.questionnaire_files.manifest import Manifest, from_properties, not_ours
from feedback.questionnaire_files.model import DOCX, FilledQuestionnaire, Problem, QuestionData
from feedback.questionnaire_files.reading import changed, check_round, gather
from feedback.questionnaire_files.texts import PLACEHOLDERS
from feedback.validation import AnswerError

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
SDT, SDT_PR, SDT_CONTENT = qn("w:sdt"), qn("w:sdtPr"), qn("w:sdtContent")
BOOKMARK_START, BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
BREAKS = frozenset({qn("w:br"), qn("w:cr")})
TRUE_WORDS = frozenset({"1", "true", "on"})


def safe_parser() -> etree.XMLParser:
    """No entities, no DTD, no network, no huge trees: a hostile file gets nothing out of the parser."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )


@dataclass
class Control:
    """One answer box found in the document."""

    type: str
    tag: str | None
    anchor: str | None  # the tag its hidden bookmark names
    text: str
    checked: bool


def _type_of(properties: etree._Element) -> str | None:
    if properties.find(f"{{{W14}}}checkbox") is not None:
        return CHECK_BOX
    if properties.find(qn("w:dropDownList")) is not None or properties.find(qn("w:comboBox")) is not None:
        return LIST_BOX
    if properties.find(qn("w:text")) is not None:
        return TEXT_BOX
    return None


def _text(sdt: etree._Element) -> str:
    pieces: list[str] = []
    content = sdt.find(SDT_CONTENT)
    for element in content.iter() if content is not None else ():
        if element.tag == qn("w:t"):
            pieces.append(element.text or "")
        elif element.tag in BREAKS:
            pieces.append("\n")
        elif element.tag == qn("w:tab"):
            pieces.append("\t")
    return "\n".join(line.rstrip() for line in "".join(pieces).split("\n")).strip()


def _checked(properties: etree._Element, text: str) -> bool:
    state = properties.find(f"{{{W14}}}checkbox/{{{W14}}}checked")
    if state is not None:
        return state.get(f"{{{W14}}}val", "1").strip().lower() in TRUE_WORDS
    checked_state = properties.find(f"{{{W14}}}checkbox/{{{W14}}}checkedState")
    glyph = chr(int(checked_state.get(f"{{{W14}}}val", "2612"), 16)) if checked_state is not None else "\u2612"
    return text == glyph


def _answer_text(properties: etree._Element, type_: str, text: str) -> str:
    """ "" for a box still showing its placeholder (also when a program saved it as plain text)."""
    if text in PLACEHOLDERS:
        return ""
    if properties.find(qn("w:showingPlcHdr")) is not None and type_ == TEXT_BOX:
        return ""
    return text


def _controls(body: etree._Element, names: dict[str, str]) -> list[Control]:
    """Every typed content control in document order, with its tag and the tag its bookmark names."""
    found: list[Control] = []
    open_marks: dict[str | None, str | None] = {}
    for element in body.iter():
        if element.tag == BOOKMARK_START:
            open_marks[element.get(qn("w:id"))] = element.get(qn("w:name"))
        elif element.tag == BOOKMARK_END:
            open_marks.pop(element.get(qn("w:id")), None)
        elif element.tag == SDT:
            control = _control(element, open_marks, names)
            if control is not None:
                found.append(control)
    return found


def _control(sdt: etree._Element, open_marks: dict, names: dict[str, str]) -> Control | None:
    properties = sdt.find(SDT_PR)
    if properties is None:
        return None
    tag_element = properties.find(qn("w:tag"))
    tag = tag_element.get(qn("w:val"), "") if tag_element is not None else None
    type_ = _type_of(properties) or (TEXT_BOX if tag in names.values() else None)
    if type_ is None:
        return None  # a control of the document itself (or a wrapper LibreOffice adds), not an answer box
    inner = [mark.get(qn("w:name")) for mark in sdt.iter(BOOKMARK_START)]
    around = list(reversed(open_marks.values()))
    anchor = next((names[name] for name in [*inner, *around] if name in names), None)
    text = _text(sdt)
    if type_ == CHECK_BOX:
        return Control(type_, tag, anchor, "", _checked(properties, text))
    return Control(type_, tag, anchor, _answer_text(properties, type_, text), False)


def _key(tag: str) -> str:
    return tag.split("/")[0]


def _identify(controls: list[Control], manifest: Manifest, problems: list[Problem]) -> dict[str, Control]:
    """{tag: control}, each box known by its tag, or by its bookmark when no box has a tag left."""
    expected = {box.tag: box for box in manifest.boxes}
    tagged = any(control.tag for control in controls)
    by_tag: dict[str, Control] = {}
    for control in controls:
        tag = control.tag if tagged else control.anchor
        if not tag:
            problems.append(_untagged(control))
        elif tag not in expected:
            problems.append(_unknown(tag, control))
        elif control.anchor and control.anchor != tag:
            problems.append(Problem(_key(control.anchor), _retagged(tag)))
        elif tag in by_tag:
            problems.append(Problem(_key(tag), _("This question's answer box appears twice in the file; keep one.")))
        elif expected[tag].type != control.type:
            problems.append(changed(_key(tag)))
        else:
            by_tag[tag] = control
    for tag in expected.keys() - by_tag.keys():
        if not any(problem.key == _key(tag) for problem in problems):
            problems.append(Problem(_key(tag), _missing(tag)))
    return by_tag


def _untagged(control: Control) -> Problem:
    message = _(
        "An answer box has lost its tag, so it cannot be matched to its question. Use a fresh copy of the "
        "questionnaire and keep its answer boxes as they are."
    )
    return Problem(_key(control.anchor) if control.anchor else None, message)


def _unknown(tag: str, control: Control) -> Problem:
    return Problem(
        _key(control.anchor) if control.anchor else None,
        _("An answer box is tagged “%(tag)s”, which is not a question of this questionnaire: its tag was changed.")
        % {"tag": tag},
    )


def _retagged(tag: str) -> str:
    return _("The tag of this question's answer box was changed (to “%(tag)s”).") % {"tag": tag}


def _missing(tag: str) -> str:
    return _(
        "This question's answer box is missing from the file: it was deleted, or its tag was changed (%(tag)s)."
    ) % {"tag": tag}


def _properties(package: zipfile.ZipFile) -> dict[str, str]:
    if "docProps/custom.xml" not in package.namelist():
        raise not_ours()
    root = etree.fromstring(package.read("docProps/custom.xml"), safe_parser())
    return {
        prop.get("name", ""): "".join(prop.itertext()) for prop in root.iter(f"{CUSTOM}property") if prop.get("name")
    }


def read_docx(content: bytes, *, round_id: int, questions: Sequence[QuestionData]) -> FilledQuestionnaire:
    """The raw answers of a filled Word questionnaire of round `round_id`. Raises QuestionnaireFileError;
    lets zipfile, lxml and ValueError errors of a damaged file through (see intake.py)."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        manifest = from_properties(_properties(package))
        check_round(manifest, round_id)
        body = etree.fromstring(package.read("word/document.xml"), safe_parser()).find(qn("w:body"))
    if body is None:
        raise not_ours()
    problems: list[Problem] = []
    by_tag = _identify(_controls(body, anchors.names_for(box.tag for box in manifest.boxes)), manifest, problems)
    labels = {box.tag: box.label for box in manifest.boxes}

    def found(tag: str) -> Found:
        control = by_tag[tag]
        return Found(tag, control.type, control.text, control.checked, labels[tag])

    def tags_of(key: str) -> list[str]:
        return [tag for tag in by_tag if _key(tag) == key]

    def read(question: QuestionData) -> object:
        expected = {box.tag: box.type for box in kind_of(question).boxes(question, None)}
        mine = {tag: found(tag) for tag in tags_of(question.key)}
        if any(expected.get(tag) != box.type for tag, box in mine.items()):
            if any(box.text or box.checked for box in mine.values()):
                raise AnswerError(changed(question.key).message)
            return None
        return kind_of(question).from_boxes(question, mine)

    def answered(key: str) -> bool:
        return any(by_tag[tag].text or by_tag[tag].checked for tag in tags_of(key))

    return gather(manifest, questions, read, answered, fmt=DOCX, problems=problems)
