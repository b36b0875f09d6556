"""Follow-up questions, "Other" and numbers in the questionnaire's definition: the JSON of create_round
(errors named by their place), the editor, copying from an earlier round, and the order they need."""

from __future__ import annotations

import copy

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from consult import services
from consult.models import Question, QuestionKind, Round
from tests.consult.helpers import add_question, make_round
from tests.consult.test_commands import DEFINITION, run

pytestmark = pytest.mark.django_db

NEW_KINDS = [
    {"key": "prefill", "text": "Pre-fill?", "kind": "yes_no"},
    {"key": "what", "text": "What?", "kind": "text", "show_if": {"question": "prefill", "in": ["Yes"]}},
    {"key": "format", "text": "Format?", "kind": "choice", "choices": ["CSV", "XML"], "other": True},
    {"key": "staff", "text": "How many staff?", "kind": "number", "min": 0, "max": 50},
]


def definition_with(questions):
    definition = copy.deepcopy(DEFINITION)
    definition["questions"] = questions
    return definition


def test_create_round_accepts_follow_ups_other_and_numbers(tmp_path):
    run(tmp_path, definition_with(NEW_KINDS))

    questions = {question.key: question for question in Question.objects.all()}
    assert questions["what"].show_if == {"question": "prefill", "in": ["yes"]}
    assert questions["format"].other is True
    assert (questions["staff"].kind, questions["staff"].min_value, questions["staff"].max_value) == ("number", 0, 50)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"show_if": {"question": "later", "in": ["Yes"]}}, "questions[1].show_if.question: “later” is not an earlier"),
        ({"show_if": {"question": "prefill", "in": ["Maybe"]}}, "questions[1].show_if.in: “Maybe” is not an answer"),
        ({"show_if": {"question": "prefill"}}, "questions[1].show_if.in: list the answers of “prefill”"),
        ({"show_if": "prefill"}, 'questions[1].show_if: must be an object: {"question"'),
        ({"other": True}, "questions[1].other: applies to choice and multi_choice questions only."),
        ({"min": 3}, "questions[1].min: applies to number questions only."),
    ],
)
def test_bad_follow_ups_and_extras_are_named_by_their_place(tmp_path, change, message):
    questions = copy.deepcopy(NEW_KINDS)
    questions[1] = {**{k: v for k, v in questions[1].items() if k != "show_if"}, **change}

    with pytest.raises(CommandError) as error:
        run(tmp_path, definition_with(questions))

    assert message in str(error.value)
    assert not Round.objects.exists()


def test_a_follow_up_cannot_depend_on_a_free_text_question(tmp_path):
    questions = [NEW_KINDS[1] | {"key": "base", "show_if": None}, NEW_KINDS[1] | {"show_if": {"question": "base"}}]

    with pytest.raises(CommandError) as error:
        run(tmp_path, definition_with(questions))

    assert "questions[1].show_if.question: “base” is a free text question" in str(error.value)


def test_number_bounds_must_be_in_order(tmp_path):
    questions = [NEW_KINDS[3] | {"min": 10, "max": 2}]

    with pytest.raises(CommandError) as error:
        run(tmp_path, definition_with(questions))

    assert "questions[0].max: must not be smaller than the smallest number allowed" in str(error.value)


def test_the_editor_adds_a_follow_up_and_lists_its_condition(secretariat_client):
    round_ = make_round()
    add_question(round_, key="prefill", kind=QuestionKind.YES_NO)

    secretariat_client.post(
        reverse("consult:question_add", args=[round_.pk]),
        {
            "key": "what",
            "text": "What should it pre-fill?",
            "kind": "text",
            "show_if_question": "prefill",
            "show_if_values": "Yes",
        },
    )
    page = secretariat_client.get(reverse("consult:questionnaire", args=[round_.pk])).content.decode()

    assert Question.objects.get(key="what").show_if == {"question": "prefill", "in": ["yes"]}
    assert "follow-up: asked if prefill is yes" in page


def test_the_editor_explains_a_wrong_condition_next_to_its_field(secretariat_client):
    round_ = make_round()
    add_question(round_, key="prefill", kind=QuestionKind.YES_NO)

    response = secretariat_client.post(
        reverse("consult:question_add", args=[round_.pk]),
        {"key": "what", "text": "What?", "kind": "text", "show_if_question": "prefill", "show_if_values": "Perhaps"},
    )

    assert "“Perhaps” is not an answer of “prefill”." in response.content.decode()
    assert not Question.objects.filter(key="what").exists()


def test_the_editor_offers_other_and_number_bounds(secretariat_client):
    round_ = make_round()

    secretariat_client.post(
        reverse("consult:question_add", args=[round_.pk]),
        {"key": "format", "text": "Format?", "kind": "choice", "choices_text": "CSV\nXML", "other": "on"},
    )
    secretariat_client.post(
        reverse("consult:question_add", args=[round_.pk]),
        {"key": "staff", "text": "Staff?", "kind": "number", "min_value": "0", "max_value": "50"},
    )

    assert Question.objects.get(key="format").other is True
    staff = Question.objects.get(key="staff")
    assert (staff.min_value, staff.max_value) == (0, 50)


def test_a_question_that_follow_ups_depend_on_cannot_be_deleted_retired_or_moved_below_them():
    round_ = make_round()
    prefill = add_question(round_, key="prefill", kind=QuestionKind.YES_NO)
    follow_up = add_question(round_, key="what", show_if={"question": "prefill", "in": ["yes"]})

    with pytest.raises(services.QuestionNeeded, match="Follow-up questions depend on “prefill” \\(what\\)"):
        services.delete_question(by=None, question_id=prefill.pk)
    with pytest.raises(services.QuestionNeeded):
        services.retire_question(by=None, question_id=prefill.pk)
    with pytest.raises(services.QuestionNeeded, match="must stay below it"):
        services.move_question(by=None, question_id=follow_up.pk, up=True)


def test_copying_a_questionnaire_keeps_follow_ups_other_and_bounds():
    source, target = make_round(), make_round()
    add_question(source, key="prefill", kind=QuestionKind.YES_NO)
    add_question(source, key="what", show_if={"question": "prefill", "in": ["yes"]})
    add_question(source, key="format", kind=QuestionKind.CHOICE, choices=["CSV", "XML"], other=True)
    add_question(source, key="staff", kind=QuestionKind.NUMBER, min_value=0, max_value=50)

    services.copy_questionnaire(by=None, source_round_id=source.pk, target_round_id=target.pk)

    copied = {question.key: question for question in target.questions.all()}
    assert copied["what"].show_if == {"question": "prefill", "in": ["yes"]}
    assert copied["format"].other is True
    assert (copied["staff"].min_value, copied["staff"].max_value) == (0, 50)


def test_a_copied_follow_up_whose_question_was_skipped_is_asked_of_everyone():
    source, target = make_round(), make_round()
    add_question(source, key="prefill", kind=QuestionKind.YES_NO)
    add_question(source, key="what", show_if={"question": "prefill", "in": ["yes"]})
    add_question(target, key="prefill", kind=QuestionKind.TEXT)

    result = services.copy_questionnaire(by=None, source_round_id=source.pk, target_round_id=target.pk)

    assert result.skipped == ["prefill"]
    assert target.questions.get(key="what").show_if == {}
