"""Answer validation per question kind (pure: no database), and the pseudonym draw."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from feedback.pseudonyms import draw_candidate
from feedback.validation import AnswerError, clean_answers, clean_value, display_value


@dataclass
class Q:
    key: str = "q"
    kind: str = "text"
    choices: list = field(default_factory=list)
    required: bool = False
    max_length: int = 20


@pytest.mark.parametrize(("raw", "expected"), [("1", 1), (" 5 ", 5), (3, 3), (4.0, 4)])
def test_a_rating_is_a_whole_number_from_1_to_5(raw, expected):
    assert clean_value(Q(kind="rating"), raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("0", "A rating goes from 1 to 5; 0 is outside that range."),
        ("9", "A rating goes from 1 to 5; 9 is outside that range."),
        ("good", "“good” is not a rating: choose a whole number from 1 to 5."),
        ("3.5", "“3.5” is not a rating: choose a whole number from 1 to 5."),
    ],
)
def test_a_rating_outside_the_scale_is_refused_even_in_a_draft(raw, message):
    with pytest.raises(AnswerError, match=re.escape(message)):
        clean_value(Q(kind="rating"), raw, final=False)


def test_a_choice_matches_its_value_or_label_ignoring_case_and_spacing():
    question = Q(kind="choice", choices=["Excel template", {"value": "word", "label": "Word template"}])

    assert clean_value(question, "  excel   TEMPLATE ") == "Excel template"
    assert clean_value(question, "Word template") == "word"
    with pytest.raises(AnswerError, match="is not one of the choices \\(Excel template; Word template\\)"):
        clean_value(question, "PDF")


@pytest.mark.parametrize("cell", ["B; A", "A|B", "A\nB", ["B", "A", "A"]])
def test_several_choices_come_as_a_list_or_one_cell_and_keep_the_questionnaire_order(cell):
    assert clean_value(Q(kind="multi_choice", choices=["A", "B", "C"]), cell) == ["A", "B"]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("yes", True),
        ("Y", True),
        ("1", True),
        ("true", True),
        ("no", False),
        ("n", False),
        ("0", False),
        ("FALSE", False),
    ],
)
def test_yes_no_accepts_the_usual_words(word, value):
    assert clean_value(Q(kind="yes_no"), word) is value


def test_text_may_run_long_in_a_draft_but_not_on_submission_and_never_past_twice_the_limit():
    question = Q(max_length=20)

    assert clean_value(question, "x" * 30, final=False) == "x" * 30
    with pytest.raises(AnswerError, match=re.escape("Keep this answer to 20 characters; it has 30. Shorten it by 10.")):
        clean_value(question, "x" * 30, final=True)
    with pytest.raises(AnswerError):
        clean_value(question, "x" * 41, final=False)


def test_empty_answers_are_unanswered_and_required_ones_block_submission_only():
    questions = [Q(key="a", required=True), Q(key="b", kind="multi_choice", choices=["X"])]

    draft = clean_answers(questions, {"a": "  ", "b": []}, final=False)
    final = clean_answers(questions, {"a": "", "b": []}, final=True)
    offline = clean_answers(questions, {"a": ""}, final=True, complete=False)

    assert (draft.values, draft.errors) == ({}, {})
    assert final.errors == {"a": "This question needs an answer before you submit."}
    assert offline.errors == {}


def test_answers_are_displayed_as_people_read_them():
    assert display_value(Q(kind="rating"), 4) == "4 of 5"
    assert display_value(Q(kind="yes_no"), False) == "No"
    assert display_value(Q(kind="multi_choice", choices=[["a", "Alpha"], ["b", "Beta"]]), ["a", "b"]) == "Alpha; Beta"


def test_pseudonyms_come_from_one_fixed_range_whatever_the_round_size():
    draws = {draw_candidate() for _ in range(3000)}

    assert min(draws) >= 1000
    assert max(draws) <= 9999
    assert min(draws) < 1500 and max(draws) > 9500  # spread over the whole range, not a sequence
