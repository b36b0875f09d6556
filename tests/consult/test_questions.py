"""Questionnaires: every kind, ordering, copying, and questions frozen once answered."""

from __future__ import annotations

import pytest
from django.utils import timezone

from consult import services
from consult.models import QuestionKind, RoundState
from feedback.models import Answer
from feedback.services import NEW, submit_response
from tests import factories
from tests.consult.helpers import add_question, make_round, move_to

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", QuestionKind.values)
def test_every_kind_of_question_can_be_added(kind):
    round_ = make_round()
    with_choices = (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE, QuestionKind.RANKING, QuestionKind.GRID)
    choices = ["Excel", "CSV"] if kind in with_choices else []
    rows = ["Easy to find", "Easy to read"] if kind == QuestionKind.GRID else []

    question = add_question(
        round_, kind=kind, choices=choices, rows=rows, help_text="Think of last year.", required=True
    )

    assert (question.kind, question.required, question.help_text) == (kind, True, "Think of last year.")


def test_a_choice_question_needs_two_choices():
    with pytest.raises(services.QuestionInvalid) as error:
        add_question(make_round(), kind=QuestionKind.CHOICE, choices=["Only one", " ", "Only one"])

    assert "at least two choices" in error.value.message_dict["choices"][0]


def test_keys_are_unique_within_a_round():
    round_ = make_round()
    add_question(round_, key="q1")

    with pytest.raises(services.QuestionInvalid) as error:
        add_question(round_, key="q1")

    assert "already uses the key" in error.value.message_dict["key"][0]


def test_questions_are_appended_and_can_be_moved():
    round_ = make_round()
    first, second, third = (add_question(round_, key=key) for key in ("a", "b", "c"))

    services.move_question(by=None, question_id=third.pk, up=True)

    assert list(round_.questions.order_by("order").values_list("key", flat=True)) == ["a", "c", "b"]
    assert first.order < second.order


def test_a_questionnaire_is_copied_from_an_earlier_round_skipping_used_keys():
    earlier = make_round(title="Earlier")
    add_question(earlier, key="ease", kind=QuestionKind.RATING)
    add_question(earlier, key="formats", kind=QuestionKind.MULTI_CHOICE, choices=["CSV", "XML"])
    services.retire_question(by=None, question_id=add_question(earlier, key="old").pk)
    earlier = move_to(earlier, RoundState.CLOSED, now=timezone.now())
    target = make_round(title="Target", cycle=earlier.cycle)
    add_question(target, key="ease")

    result = services.copy_questionnaire(by=None, source_round_id=earlier.pk, target_round_id=target.pk)

    assert (result.copied, result.skipped) == (1, ["ease"])
    copied = target.questions.get(key="formats")
    assert (copied.kind, copied.choices) == (QuestionKind.MULTI_CHOICE, ["CSV", "XML"])
    assert not target.questions.filter(key="old").exists()


def test_a_closed_round_questionnaire_cannot_change():
    round_ = make_round(state=RoundState.CLOSED)

    with pytest.raises(services.QuestionnaireClosed):
        add_question(round_, key="late")


def _answered_question():
    round_ = make_round(state=RoundState.OPEN)
    question = add_question(round_, key="q1")
    participant = factories.make_participant()
    submit_response(
        round_id=round_.pk, participant=participant, answers={"q1": "Fine"}, version=NEW, confirm_personal_capacity=True
    )
    return question


def test_an_answered_question_cannot_be_edited_in_place():
    question = _answered_question()

    with pytest.raises(services.QuestionAnswered):
        services.update_question(by=None, question_id=question.pk, text="Reworded?")


def test_revising_an_answered_question_makes_a_new_version_and_keeps_the_answers():
    question = _answered_question()

    new, versioned = services.revise_question(by=None, question_id=question.pk, text="Reworded?")

    question.refresh_from_db()
    assert versioned
    assert (new.key, new.text, new.replaces_id) == ("q1", "Reworded?", question.pk)
    assert (question.key, question.retired, question.text) == ("q1-v1", True, "What about q1?")
    assert Answer.objects.get().question_id == question.pk


def test_revising_an_unanswered_question_edits_it_in_place():
    question = add_question(make_round(), key="q1")

    same, versioned = services.revise_question(by=None, question_id=question.pk, text="Reworded?")

    assert (same.pk, same.text, versioned) == (question.pk, "Reworded?", False)


def test_an_answered_question_cannot_be_deleted_but_can_be_retired():
    question = _answered_question()

    with pytest.raises(services.QuestionAnswered):
        services.delete_question(by=None, question_id=question.pk)
    retired = services.retire_question(by=None, question_id=question.pk)

    assert retired.retired


def test_the_editor_page_offers_a_new_version_for_answered_questions(secretariat_client):
    question = _answered_question()

    page = secretariat_client.get(f"/rounds/{question.round_id}/questions/").content.decode()

    assert "Make a new version" in page
    assert "1 answer" in page
