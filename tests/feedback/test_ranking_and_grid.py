"""Ranking and grid questions through the answering paths: the rules, the page (rank boxes and rows of
radio buttons that work without JavaScript), autosave, submission and the CSV conventions of imports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from feedback import services
from feedback.models import Answer, Submission
from feedback.services.offline import ImportRow, import_feedback
from feedback.validation import clean_answers, display_value
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.kinds_helpers import RANKING_AND_GRID

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return make_round(questions=RANKING_AND_GRID)


@pytest.fixture
def participant():
    return factories.make_participant(email="ingrid@example.org")


def stored(participant) -> dict:
    return dict(Answer.objects.filter(submission__participant=participant).values_list("question__key", "value"))


def test_a_ranking_is_the_items_in_order_from_a_list_or_from_rank_boxes(round_):
    questions = list(round_.questions.all())

    from_list = clean_answers(questions, {"priorities": "guidance; validation; offline editing"}, final=True)
    from_boxes = clean_answers(
        questions, {"priorities": {"Validation": "2", "Guidance": "1", "Offline editing": "3"}}, final=True
    )

    assert from_list.values["priorities"] == ["Guidance", "Validation", "Offline editing"]
    assert from_boxes.values["priorities"] == ["Guidance", "Validation", "Offline editing"]


def test_a_ranking_refuses_two_items_with_one_rank_and_a_partial_ranking_on_submission(round_):
    questions = list(round_.questions.all())

    same_rank = clean_answers(questions, {"priorities": {"Validation": "1", "Guidance": "1"}}, final=False)
    partial_draft = clean_answers(questions, {"priorities": {"Validation": "1"}}, final=False)
    partial_submission = clean_answers(questions, {"priorities": "Validation"}, final=True)
    twice = clean_answers(questions, {"priorities": "Validation; validation"}, final=False)

    assert same_rank.errors["priorities"] == "“Validation” and “Guidance” both have rank 1: give each its own rank."
    assert partial_draft.values["priorities"] == ["Validation"]
    assert partial_submission.errors["priorities"] == "Rank every item: Guidance, Offline editing has no rank yet."
    assert "ranked twice" in twice.errors["priorities"]


def test_a_grid_keeps_one_answer_per_statement_by_its_number(round_):
    questions = list(round_.questions.all())

    cleaned = clean_answers(questions, {"agree": {"2": "agree", "1": ""}}, final=True)
    off_scale = clean_answers(questions, {"agree": {"1": "Strongly agree"}}, final=True)
    no_such_row = clean_answers(questions, {"agree": {"3": "Agree"}}, final=True)

    assert cleaned.values["agree"] == {"2": "Agree"}
    assert "“Strongly agree” (statement 1) is not on the scale" in off_scale.errors["agree"]
    assert no_such_row.errors["agree"] == "There is no statement 3: this grid has 2."


def test_answers_read_as_people_say_them(round_):
    ranking, grid = round_.questions.order_by("order")

    assert display_value(ranking, ["Guidance", "Validation"]) == "1. Guidance; 2. Validation"
    assert display_value(grid, {"1": "Agree", "2": "Neutral"}) == (
        "The template is clear: Agree; The guidance is enough: Neutral"
    )


def test_the_page_offers_a_labelled_rank_box_per_item_and_a_row_of_buttons_per_statement(
    client_for, round_, participant
):
    page = client_for(participant.user).get(reverse("feedback:answer", args=[round_.pk])).content.decode()

    assert '<label for="id_q_priorities_0">Validation</label>' in page
    assert '<select name="q_priorities_2" id="id_q_priorities_2">' in page
    assert "<legend>The guidance is enough</legend>" in page
    assert 'name="q_agree_1" value="Agree"' in page


def test_a_ranking_and_a_grid_posted_from_the_page_are_submitted_and_shown_again(client_for, round_, participant):
    client = client_for(participant.user)
    url = reverse("feedback:answer", args=[round_.pk])
    form = {"q_priorities_0": "2", "q_priorities_1": "3", "q_priorities_2": "1", "q_agree_0": "Agree"}

    client.post(url, {**form, "version": 0, "action": "submit", "confirm": "yes"})
    version = Submission.objects.get().version
    client.post(url, {**form, "q_agree_1": "Neutral", "version": version, "action": "save"})
    page = client.get(url).content.decode()

    assert stored(participant) == {"priorities": ["Offline editing", "Validation", "Guidance"], "agree": {"1": "Agree"}}
    assert '<option value="2" selected>2</option>' in page
    assert 'name="q_agree_1" value="Neutral" id="id_q_agree_1_1" checked' in page


def test_two_items_given_the_same_rank_on_the_page_are_named(client_for, round_, participant):
    response = client_for(participant.user).post(
        reverse("feedback:answer", args=[round_.pk]),
        {"q_priorities_0": "1", "q_priorities_1": "1", "version": 0, "action": "save"},
    )

    assert "“Validation” and “Guidance” both have rank 1" in response.content.decode()
    assert not Submission.objects.exists()


def test_autosave_keeps_a_partial_ranking(client_for, round_, participant):
    response = client_for(participant.user).post(
        reverse("feedback:autosave", args=[round_.pk]), {"q_priorities_1": "1", "version": 0}
    )

    assert response.json()["saved"] is True
    assert Submission.objects.get().working_answers == {"priorities": ["Guidance"]}


def test_import_reads_a_ranking_separated_by_semicolons_and_a_grid_row_per_statement(round_, participant):
    rows = [
        ImportRow(2, participant.email, "priorities", "Guidance;Validation;Offline editing"),
        ImportRow(3, participant.email, "agree/1", "Agree"),
        ImportRow(4, participant.email, "agree/2", "neutral"),
    ]

    import_feedback(round_id=round_.pk, rows=rows, by=None)

    assert stored(participant) == {
        "priorities": ["Guidance", "Validation", "Offline editing"],
        "agree": {"1": "Agree", "2": "Neutral"},
    }


def test_import_names_a_grid_row_without_its_statement_number(round_, participant):
    rows = [ImportRow(2, participant.email, "agree", "Agree"), ImportRow(3, participant.email, "agree/7", "Agree")]

    with pytest.raises(services.ImportRejected) as refused:
        import_feedback(round_id=round_.pk, rows=rows, by=None)

    messages = [(error.row, error.column, error.message) for error in refused.value.errors]
    expected = "“agree” is a grid: write the question as agree/N, N the statement's number from 1 to 2."
    assert messages == [(2, "question", expected), (3, "question", expected)]
