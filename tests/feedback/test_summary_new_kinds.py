"""The summary of follow-ups, "Other", numbers, rankings and grids: built from real answers, then written
in every format (Markdown, HTML with its charts, Word, JSON), and on the Chair's pages."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from docx import Document

from consult import services as consult
from feedback.registry import build_anonymizer
from feedback.summary.builder import build_content
from feedback.summary.writers import SummaryDocument, write
from tests import factories
from tests.feedback.kinds_helpers import FOLLOW_UP_QUESTIONS, RANKING_AND_GRID
from tests.feedback.summary_data import answer, close, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    round_ = open_round(questions=[("intro", "yes_no", "Did you read the note?", [])])
    for spec in [*FOLLOW_UP_QUESTIONS, *RANKING_AND_GRID]:
        consult.add_question(by=None, round_id=round_.pk, **spec)
    author = factories.make_participant(full_name="Ingrid Johansson", country="SE")
    others = [factories.make_participant() for _ in range(3)]
    answer(
        round_,
        author,
        {
            "prefill": True,
            "prefill_what": "Exports",
            "format": "A CSV upload, as Ingrid Johansson suggested for Sweden",
            "staff": 4,
            "priorities": ["Guidance", "Validation", "Offline editing"],
            "agree": {"1": "Agree", "2": "Neutral"},
        },
    )
    answer(round_, others[0], {"prefill": False, "format": "Online form", "staff": 2, "agree": {"1": "Agree"}})
    answer(
        round_, others[1], {"prefill": True, "priorities": ["Validation", "Guidance", "Offline editing"]}, written=True
    )
    answer(round_, others[2], {"prefill": False, "format": "Online form"})
    close(round_)
    return round_


@pytest.fixture
def content(round_):
    return build_content(round_, anonymizer=build_anonymizer(), min_cell=3)


def by_key(content, key):
    return next(question for question in content["questions"] if question["key"] == key)


def test_a_follow_up_says_how_many_it_was_asked_of(content):
    assert by_key(content, "prefill_what")["asked"] == 2
    assert "asked" not in by_key(content, "prefill")


def test_other_answers_are_one_bar_and_their_words_are_anonymized_free_text(content):
    question = by_key(content, "format")

    bars = {bar["label"]: bar["count"] for bar in question["distribution"]["bars"]}
    assert bars == {"Online form": 2, "Excel template": 0, "Other (own words)": 1}
    (group,) = question["groups"]
    assert "A CSV upload" in group["text"]
    for identity in ("Ingrid", "Johansson", "Sweden"):
        assert identity not in json.dumps(content)


def test_a_number_gives_its_mean_and_median_only(content):
    question = by_key(content, "staff")

    assert (question["answered"], question["numbers"]) == (2, {"mean": 3.0, "median": 3.0})
    assert question["distribution"] is None  # single values would single people out


def test_a_ranking_gives_each_items_mean_rank_and_how_often_it_came_first(content):
    question = by_key(content, "priorities")

    assert [(item["label"], item["mean_rank"], item["first"]) for item in question["ranking"]] == [
        ("Validation", 1.5, 1),  # a tie keeps the questionnaire's order
        ("Guidance", 1.5, 1),
        ("Offline editing", 3.0, 0),
    ]
    assert {bar["label"]: bar["count"] for bar in question["distribution"]["bars"]}["Guidance"] == 1


def test_a_grid_counts_each_statement_on_the_scale(content):
    grid = by_key(content, "agree")["grid"]

    assert grid["scale"] == ["Disagree", "Neutral", "Agree"]
    assert [(row["statement"], row["answered"], [bar["count"] for bar in row["bars"]]) for row in grid["rows"]] == [
        ("The template is clear", 2, [0, 0, 2]),
        ("The guidance is enough", 1, [0, 1, 0]),
    ]


def test_every_format_carries_the_new_kinds(content):
    document = SummaryDocument(content=content)

    markdown = write(document, "md").decode()
    page = write(document, "html").decode()
    word = "\n".join(
        [p.text for p in Document(io.BytesIO(write(document, "docx"))).paragraphs]
        + [
            cell.text
            for table in Document(io.BytesIO(write(document, "docx"))).tables
            for row in table.rows
            for cell in row.cells
        ]
    )
    data = json.loads(write(document, "json"))

    for text in (markdown, page, word):
        assert "a follow-up question, asked of 2 respondents" in text
        assert "Mean 3, median 3." in text
        assert "Mean rank of each item" in text
        assert "The guidance is enough" in text
        assert "Other (own words)" in text
        assert "A CSV upload" in text
    assert "| Guidance | 1.5 | 1 |" in markdown
    assert "| The template is clear | 0 | 0 | 2 | 2 |" in markdown
    assert page.count("<svg") >= 5  # charts: yes/no twice, choice, ranking, two grid statements
    assert by_key(data, "format")["other_points"] or by_key(data, "format")["themes"] == []
    assert by_key(data, "agree")["grid"]["rows"][0]["answered"] == 2


def test_the_chair_sees_not_asked_and_anonymized_other_words(client_for, round_):
    chair = client_for(factories.make_chair())
    respondent = round_.submissions.get(participant__full_name="Ingrid Johansson").pseudonym
    other_respondent = round_.submissions.exclude(participant__full_name="Ingrid Johansson").order_by("pk")[0]

    own = chair.get(reverse("feedback:response_detail", args=[round_.pk, respondent])).content.decode()
    listed = chair.get(reverse("feedback:response_list", args=[round_.pk])).content.decode()
    question = chair.get(reverse("feedback:question_detail", args=[round_.pk, "prefill_what"])).content.decode()

    assert "Other: A CSV upload" in own
    assert "Johansson" not in own and "Sweden" not in own
    assert "Not asked (follow-up)" in listed
    assert "It was asked of 2 respondents." in question
    assert other_respondent.pseudonym


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "xml", "json"])
def test_the_chairs_answer_exports_carry_the_new_kinds_with_other_words_anonymized(client_for, round_, fmt):
    chair = client_for(factories.make_chair())

    response = chair.get(reverse("feedback:export_answers", args=[round_.pk, fmt]))

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content))
        text = "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)
    else:
        text = content.decode("utf-8-sig")
    assert "A CSV upload" in text
    assert "Johansson" not in text and "Sweden" not in text
    if fmt == "xml":
        from tests.test_xml_exports import validated

        validated(content, "answers-1.xsd")
    if fmt in ("csv", "xlsx"):
        assert "1: Agree; 2: Neutral" in text
        assert "Guidance; Validation; Offline editing" in text
