"""The Word and Excel questionnaires as files: what they contain, opened with python-docx, lxml and
openpyxl, and how each question kind is read back (pure: no database)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from feedback.questionnaire_files import (
    QuestionData,
    Questionnaire,
    QuestionnaireFileError,
    read_filled,
    write_docx,
    write_xlsx,
)
from feedback.questionnaire_files import kinds as kinds_module
from feedback.questionnaire_files.kinds import TEXT_BOX, Box, Cell, Found
from tests.feedback.questionnaire_helpers import W14, controls, edit_docx, fill_docx, fill_xlsx

QUESTIONS = (
    QuestionData("ease", "rating", "How easy is the workflow?", "1 is very hard.", required=True),
    QuestionData("format", "choice", "Which format?", choices=(("online", "Online form"), ("xl", "Excel, or CSV"))),
    QuestionData("topics", "multi_choice", "Which topics?", choices=(("a11", "Article 11"), ("a13", "Article 13"))),
    QuestionData("prefill", "yes_no", "Pre-fill from last year?"),
    QuestionData("comments", "text", "=Anything else?", "Do not name your State.", max_length=300),
)
ROUND_ID = 41


def questionnaire(answers: dict | None = None) -> Questionnaire:
    return Questionnaire(
        ROUND_ID, "Reporting workflow", "Online reporting tool · Design", "18 December 2026, 17:00 (UTC)",
        "Please read the note first.", QUESTIONS, answers or {},
    )  # fmt: skip


def read(content: bytes, questions=QUESTIONS) -> dict:
    return read_filled(content, name="file", round_id=ROUND_ID, questions=questions, max_bytes=10**7).answers


def text_of(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)


# --- Word -----------------------------------------------------------------------------------------------


def test_the_word_file_has_one_tagged_control_of_the_right_type_per_answer():
    found = controls(write_docx(questionnaire()))

    assert set(found) == {"ease", "format", "topics/1", "topics/2", "prefill", "comments"}
    properties = {tag: sdt.find(qn("w:sdtPr")) for tag, sdt in found.items()}
    assert properties["comments"].find(qn("w:text")) is not None
    for tag in ("ease", "format", "prefill"):
        assert properties[tag].find(qn("w:dropDownList")) is not None
    assert properties["topics/2"].find(f"{{{W14}}}checkbox") is not None


def test_a_drop_down_offers_the_questions_choices_as_displayed():
    listing = controls(write_docx(questionnaire()))["format"].find(f"{qn('w:sdtPr')}/{qn('w:dropDownList')}")

    items = [item.get(qn("w:displayText")) for item in listing.iter(qn("w:listItem"))]

    assert items == ["Choose an item.", "Online form", "Excel, or CSV"]


def test_the_word_file_carries_the_round_the_deadline_the_instructions_and_the_personal_capacity_statement():
    text = text_of(write_docx(questionnaire()))

    assert "Reporting workflow" in text
    assert "Answer by 18 December 2026, 17:00 (UTC). Questionnaire reference: R41." in text
    assert "upload the file on the consultation's answer page" in text
    assert "personal expert capacity" in text and "§11" in text
    assert "1 is very hard." in text


def test_the_word_file_needs_no_macros_and_declares_only_office_parts():
    with zipfile.ZipFile(io.BytesIO(write_docx(questionnaire()))) as package:
        names = package.namelist()

    assert "word/document.xml" in names and "docProps/custom.xml" in names
    assert not any(name.lower().endswith(("vbaproject.bin", ".bin")) for name in names)


def test_a_participants_copy_comes_pre_filled():
    content = write_docx(questionnaire({"ease": 4, "topics": ["a13"], "prefill": False, "comments": "Yes.\nTwo."}))

    assert read(content) == {"ease": "4", "topics": ["a13"], "prefill": "no", "comments": "Yes.\nTwo."}


def test_a_blank_word_file_reads_as_no_answers():
    assert read(write_docx(questionnaire())) == {}


@pytest.mark.parametrize(
    ("tag", "typed", "read_back"),
    [
        ("ease", "5 · very good", {"ease": "5"}),
        ("format", "Excel, or CSV", {"format": "xl"}),
        ("prefill", "Yes", {"prefill": "yes"}),
        ("comments", "Line one\nLine two", {"comments": "Line one\nLine two"}),
        ("topics/1", True, {"topics": ["a11"]}),
    ],
)
def test_each_kind_filled_as_word_fills_it_reads_back(tag, typed, read_back):
    assert read(fill_docx(write_docx(questionnaire()), {tag: typed})) == read_back


def test_unticking_a_pre_filled_box_clears_that_choice():
    content = write_docx(questionnaire({"topics": ["a11", "a13"]}))

    assert read(fill_docx(content, {"topics/1": False})) == {"topics": ["a13"]}


def test_without_any_tag_left_the_boxes_are_known_by_their_bookmarks():
    def drop_every_tag(document) -> None:  # what LibreOffice 7.4 does when it saves
        for tag in list(document.element.body.iter(qn("w:tag"))):
            tag.getparent().remove(tag)

    content = edit_docx(
        fill_docx(write_docx(questionnaire()), {"format": "Online form", "topics/2": True}), drop_every_tag
    )

    assert read(content) == {"format": "online", "topics": ["a13"]}


def test_a_tag_that_disagrees_with_its_bookmark_is_refused():
    def swap(document) -> None:
        for tag in document.element.body.iter(qn("w:tag")):
            value = tag.get(qn("w:val"))
            tag.set(qn("w:val"), {"topics/1": "topics/2", "topics/2": "topics/1"}.get(value, value))

    with pytest.raises(QuestionnaireFileError, match="The tag of this question's answer box was changed"):
        read(edit_docx(write_docx(questionnaire()), swap))


def test_a_question_whose_choices_were_reordered_since_the_file_was_made_is_not_misread():
    content = fill_docx(write_docx(questionnaire()), {"topics/1": True})
    reordered = tuple(
        QuestionData("topics", "multi_choice", "Which topics?", choices=(("a13", "Article 13"), ("a11", "Article 11")))
        if question.key == "topics"
        else question
        for question in QUESTIONS
    )

    with pytest.raises(QuestionnaireFileError, match="The choices of this question changed") as refused:
        read(content, reordered)

    assert refused.value.problems[0].key == "topics"


# --- Excel ----------------------------------------------------------------------------------------------


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content))["Questionnaire"]


def test_the_workbook_has_one_row_per_question_with_key_question_help_and_answer():
    sheet = sheet_of(write_xlsx(questionnaire({"ease": 3})))

    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0] == ("key", "question", "help", "answer")
    assert [row[0] for row in rows[1:]] == ["ease", "format", "topics", "prefill", "comments"]
    assert rows[1][1] == "1. How easy is the workflow? (required)"
    assert rows[1][3] == "3"


def test_closed_questions_get_a_list_to_choose_from():
    book = load_workbook(io.BytesIO(write_xlsx(questionnaire())))
    sheet, lists = book["Questionnaire"], book["Lists"]

    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}

    assert rules["D3"].type == "list"
    column = rules["D3"].formula1.split("!$")[1][0]
    assert [cell.value for cell in lists[column] if cell.value] == ["Online form", "Excel, or CSV"]
    assert rules["D2"].type == "list" and rules["D5"].type == "list" and rules["D4"].type == "list"
    assert rules["D6"].type == "textLength" and rules["D6"].formula1 == "300"
    assert lists.sheet_state == "hidden"


def test_only_the_answer_column_can_be_changed():
    sheet = sheet_of(write_xlsx(questionnaire()))

    assert sheet.protection.sheet
    assert all(sheet.cell(row=row, column=column).protection.locked for row in range(1, 7) for column in (1, 2, 3))
    assert not any(sheet.cell(row=row, column=4).protection.locked for row in range(2, 7))


def test_a_question_that_looks_like_a_formula_stays_text():
    sheet = sheet_of(write_xlsx(questionnaire()))

    assert sheet["B6"].data_type == "s"


@pytest.mark.parametrize(
    ("key", "typed", "read_back"),
    [
        ("ease", 2, {"ease": "2"}),
        ("ease", "1 · very poor", {"ease": "1"}),
        ("format", "excel,  or csv", {"format": "xl"}),
        ("topics", "Article 11; Article 13", {"topics": ["Article 11", "Article 13"]}),
        ("prefill", True, {"prefill": "yes"}),
        ("comments", "Line one\nLine two", {"comments": "Line one\nLine two"}),
    ],
)
def test_each_kind_typed_in_excel_reads_back(key, typed, read_back):
    assert read(fill_xlsx(write_xlsx(questionnaire()), {key: typed})) == read_back


# --- Extensible by kind -----------------------------------------------------------------------------------


class NumberKind:
    """What an engineer adding a kind writes: here a number in a plain-text box."""

    def word_hint(self, question):
        return "A whole number."

    def boxes(self, question, value):
        return [Box(question.key, TEXT_BOX, value=None if value is None else str(value))]

    def from_boxes(self, question, found: dict[str, Found]):
        return found[question.key].text or None

    def cell(self, question, value):
        return Cell(None if value is None else str(value), guidance="A whole number.")

    def from_cell(self, question, value):
        return None if value is None else str(value)


def test_a_new_kind_is_one_registered_class(monkeypatch):
    monkeypatch.setitem(kinds_module.KINDS, "number", NumberKind())
    questions = (*QUESTIONS, QuestionData("states", "number", "How many States report?"))
    made = Questionnaire(ROUND_ID, "T", "S", "D", "", questions)

    word = fill_docx(write_docx(made), {"states": "112"})
    sheet = fill_xlsx(write_xlsx(made), {"states": 98})

    assert read(word, questions) == {"states": "112"}
    assert read(sheet, questions) == {"states": "98"}


def test_a_kind_the_files_cannot_carry_is_left_to_the_web_page():
    questions = (*QUESTIONS, QuestionData("shot", "file", "Attach a screenshot of the error."))
    made = Questionnaire(ROUND_ID, "T", "S", "D", "", questions)

    content = write_docx(made)

    assert "Answer this question on the consultation's web page" in text_of(content)
    assert "shot" not in controls(content)
    assert read(fill_xlsx(write_xlsx(made), {"shot": "error.png"}), questions) == {}
