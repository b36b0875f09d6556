"""Follow-up questions (show_if), "Other, please specify" and numbers through the answering paths:
the rules, the questionnaire page (with and without JavaScript), drafts, submission and offline imports."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from consult.models import RoundState
from feedback import services
from feedback.models import Answer, Submission, SubmissionState
from feedback.services.offline import ImportRow, import_feedback
from feedback.validation import clean_answers
from tests import factories
from tests.feedback.helpers import draft, make_round, move_round, submit
from tests.feedback.kinds_helpers import FOLLOW_UP_QUESTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return make_round(questions=FOLLOW_UP_QUESTIONS)


@pytest.fixture
def participant():
    return factories.make_participant(full_name="Ingrid Johansson", email="ingrid@example.org")


def stored(participant) -> dict:
    return dict(Answer.objects.filter(submission__participant=participant).values_list("question__key", "value"))


# --- The rules ------------------------------------------------------------------------------------


def test_a_follow_up_is_required_only_when_it_is_asked(round_):
    questions = list(round_.questions.all())

    asked = clean_answers(questions, {"prefill": "yes"}, final=True)
    not_asked = clean_answers(questions, {"prefill": "no"}, final=True)

    assert asked.errors == {"prefill_what": "This question needs an answer before you submit."}
    assert not_asked.errors == {}


def test_a_draft_keeps_a_hidden_answer_and_a_submission_names_it_as_discarded(round_):
    questions = list(round_.questions.all())
    answers = {"prefill": "no", "prefill_what": "Last year's exports"}

    kept = clean_answers(questions, answers, final=False)
    submitted = clean_answers(questions, answers, final=True)

    assert kept.values["prefill_what"] == "Last year's exports"
    assert "prefill_what" not in submitted.values
    assert submitted.discarded == ("prefill_what",)


def test_a_number_outside_its_bounds_or_not_a_number_is_refused_with_the_range(round_):
    questions = list(round_.questions.all())

    too_many = clean_answers(questions, {"staff": "51"}, final=False)
    words = clean_answers(questions, {"staff": "a few"}, final=False)
    fine = clean_answers(questions, {"staff": " 3 "}, final=False)
    decimal = clean_answers(questions, {"staff": "2.5"}, final=False)

    assert too_many.errors["staff"] == "Give a number from 0 to 50; 51 is outside it."
    assert "is not a number" in words.errors["staff"]
    assert fine.values["staff"] == 3
    assert decimal.values["staff"] == 2.5


def test_other_words_are_the_answer_and_naming_a_choice_picks_that_choice(round_):
    questions = list(round_.questions.all())

    own = clean_answers(questions, {"format": {"other": "  A  CSV  upload "}}, final=False)
    typed = clean_answers(questions, {"format": "Other: excel template"}, final=False)
    both = clean_answers(questions, {"format": {"other": "CSV", "chosen": "Online form"}}, final=False)
    unknown = clean_answers(questions, {"format": "CSV"}, final=False)

    assert own.values["format"] == "A CSV upload"
    assert typed.values["format"] == "Excel template"
    assert both.errors["format"] == "You chose “Online form” and also wrote an answer under “Other”: keep one of them."
    assert "For an answer of your own, write “Other: …”" in unknown.errors["format"]


def test_a_draft_saved_before_the_other_box_is_typed_in_keeps_the_rest_and_submission_asks_for_it(round_):
    questions = list(round_.questions.all())
    ticked = {"format": {"other": "  "}, "staff": "4"}

    draft = clean_answers(questions, ticked, final=False)
    submitted = clean_answers(questions, {**ticked, "prefill": "no"}, final=True)

    assert draft.errors == {}
    assert draft.values == {"staff": 4}
    assert submitted.errors["format"].startswith("You chose “Other”: say what it is")


def test_several_choices_keep_the_other_words_last_even_with_separators():
    from types import SimpleNamespace

    question = SimpleNamespace(
        key="topics", kind="multi_choice", choices=["A", "B"], other=True, required=False, max_length=100, show_if={}
    )

    cleaned = clean_answers([question], {"topics": "B; Other: tables; and charts"}, final=False)

    assert cleaned.values["topics"] == ["B", "tables; and charts"]


# --- The questionnaire page -------------------------------------------------------------------------


def test_the_page_shows_the_condition_the_other_box_and_the_range(client_for, round_, participant):
    page = client_for(participant.user).get(reverse("feedback:answer", args=[round_.pk])).content.decode()

    assert "Asked only if “Should the tool pre-fill from last year&#x27;s report?” is answered “Yes”." in page
    assert 'data-show-if="prefill"' in page
    assert 'data-show-if-values="yes"' in page
    assert "Other, please specify" in page
    assert 'name="q_format__other"' in page
    assert "A number from 0 to 50." in page


def test_an_other_answer_typed_on_the_page_is_saved_and_shown_again(client_for, round_, participant):
    client = client_for(participant.user)

    client.post(
        reverse("feedback:answer", args=[round_.pk]),
        {"q_format": "__other__", "q_format__other": "A CSV upload", "version": 0, "action": "save"},
    )
    page = client.get(reverse("feedback:answer", args=[round_.pk])).content.decode()

    assert Submission.objects.get(participant=participant).working_answers["format"] == "A CSV upload"
    assert 'value="A CSV upload"' in page
    assert re.search(r'<input type="radio" name="q_format" value="__other__"[^>]*checked', page)


def test_without_javascript_a_submission_that_would_drop_answers_asks_first(client_for, round_, participant):
    client = client_for(participant.user)
    url = reverse("feedback:answer", args=[round_.pk])
    answers = {"q_prefill": "no", "q_prefill_what": "Last year's exports", "q_format": "Online form"}

    asked = client.post(url, {**answers, "version": 0, "action": "submit", "confirm": "yes"})

    page = asked.content.decode()
    assert "will not be submitted, because their follow-up questions no longer apply" in page
    assert "<li>What should it pre-fill?</li>" in page
    assert "Submit without these answers" in page
    assert not Submission.objects.filter(participant=participant, state=SubmissionState.SUBMITTED).exists()
    assert 'name="q_prefill_what"' in page and "Last year&#x27;s exports" in page  # nothing typed is lost

    client.post(url, {**answers, "version": 0, "action": "submit", "confirm": "yes", "discard_hidden": "prefill_what"})

    assert stored(participant) == {"prefill": False, "format": "Online form"}


def test_agreeing_to_drop_one_answer_does_not_drop_another(round_, participant):
    with pytest.raises(services.HiddenAnswersNotConfirmed):
        services.submit_response(
            round_id=round_.pk,
            participant=participant,
            answers={"prefill": "no", "prefill_what": "Exports"},
            version=services.NEW,
            confirm_personal_capacity=True,
            discard_hidden=["staff"],
        )


def test_autosave_keeps_a_hidden_answer_in_the_draft(client_for, round_, participant):
    response = client_for(participant.user).post(
        reverse("feedback:autosave", args=[round_.pk]),
        {"q_prefill": "no", "q_prefill_what": "Exports", "q_staff": "4", "version": 0},
    )

    assert response.json()["saved"] is True
    assert Submission.objects.get(participant=participant).working_answers == {
        "prefill": False,
        "prefill_what": "Exports",
        "staff": 4,
    }


def test_the_read_only_page_says_a_follow_up_was_not_asked(client_for, round_, participant):
    submit(round_, participant, {"prefill": "no", "format": "Other: A CSV upload"})
    move_round(round_, RoundState.CLOSED)

    page = client_for(participant.user).get(reverse("feedback:answer", args=[round_.pk])).content.decode()

    assert "Not asked (a follow-up that did not apply)" in page
    assert "Other: A CSV upload" in page


# --- Offline imports ---------------------------------------------------------------------------------


def test_import_refuses_an_answer_to_a_follow_up_that_was_not_asked_and_says_why(round_, participant):
    rows = [
        ImportRow(2, participant.email, "prefill", "No"),
        ImportRow(3, participant.email, "prefill_what", "Exports"),
    ]

    with pytest.raises(services.ImportRejected) as refused:
        import_feedback(round_id=round_.pk, rows=rows, by=None)

    (error,) = refused.value.errors
    assert (error.row, error.column) == (3, "answer")
    assert error.message == ("This question is asked only when “prefill” is answered “Yes”, and the answer is “No”.")
    assert not Submission.objects.exists()


def test_import_takes_other_words_and_numbers(round_, participant):
    rows = [
        ImportRow(2, participant.email, "prefill", "Yes"),
        ImportRow(3, participant.email, "prefill_what", "Exports"),
        ImportRow(4, participant.email, "format", "Other: a CSV upload"),
        ImportRow(5, participant.email, "staff", 12.0),
    ]

    import_feedback(round_id=round_.pk, rows=rows, by=None)

    assert stored(participant) == {"prefill": True, "prefill_what": "Exports", "format": "a CSV upload", "staff": 12}


def test_the_secretariat_cannot_record_an_answer_to_a_follow_up_that_was_not_asked(round_, participant):
    with pytest.raises(services.InvalidAnswers) as refused:
        services.record_offline_submission(
            round_id=round_.pk, participant_id=participant.pk, answers={"prefill": "no", "prefill_what": "x"}, by=None
        )

    assert "is asked only when “prefill” is answered “Yes”" in refused.value.errors["prefill_what"]


def test_a_follow_up_of_a_follow_up_is_not_asked_when_its_question_is_not(participant):
    questions = [
        *FOLLOW_UP_QUESTIONS[:2],
        {
            "key": "ready",
            "text": "Is that data ready?",
            "kind": "yes_no",
            "show_if": {"question": "prefill", "in": ["yes"]},
        },
        {"key": "when", "text": "When?", "kind": "text", "show_if": {"question": "ready", "in": ["no"]}},
    ]
    round_ = make_round(questions=questions)
    draft(round_, participant, {"prefill": "yes", "prefill_what": "x", "ready": "no", "when": "2027"})

    cleaned = clean_answers(list(round_.questions.all()), {"prefill": "no", "ready": "no", "when": "2027"}, final=True)

    assert set(cleaned.discarded) == {"ready", "when"}


def test_the_secretariat_types_other_words_and_sees_each_follow_ups_condition(secretariat_client, round_, participant):
    url = reverse("feedback:record_offline", kwargs={"round_id": round_.pk})

    page = secretariat_client.get(url).content.decode()
    secretariat_client.post(
        url,
        {"participant": participant.pk, "q_prefill": "no", "q_format": "__other__", "q_format__other": "CSV upload"},
    )

    assert "Asked only if “Should the tool pre-fill from last year&#x27;s report?” is answered “Yes”." in page
    assert 'name="q_format__other"' in page
    assert stored(participant) == {"prefill": False, "format": "CSV upload"}
