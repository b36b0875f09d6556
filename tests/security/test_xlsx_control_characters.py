"""Characters XLSX cannot hold (most control characters) never break a spreadsheet export: every XLSX
writer replaces them with U+FFFD. Names and statements refuse them at input."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consult.models import Question
from participants.models import Participant
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round, submit
from tests.participants.helpers import registration_data

pytestmark = pytest.mark.django_db

BELL_AND_FRIENDS = "Ann\x07 \x0bBerg\x1b[31m\x01"  # no NUL: PostgreSQL cannot store one in text


def cells(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    return [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value]


def test_the_participant_list_exports_a_name_with_control_characters(secretariat_client):
    participant = factories.make_participant(full_name="Ann Berg")
    Participant.objects.filter(pk=participant.pk).update(full_name=BELL_AND_FRIENDS)  # a row from before the rule

    response = secretariat_client.get(reverse("participants:export", args=["xlsx"]))

    assert response.status_code == 200
    assert "Ann\ufffd \ufffdBerg\ufffd[31m\ufffd" in cells(response.content)


def test_the_answer_export_holds_an_answer_with_control_characters(chair_client):
    round_ = make_round()
    submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "comments": "Pre-fill\x0cplease\x01"})

    response = chair_client.get(reverse("feedback:export_answers", args=[round_.pk, "xlsx"]))

    assert response.status_code == 200
    assert "Pre-fill\ufffdplease\ufffd" in cells(response.content)


def test_the_excel_questionnaire_holds_help_text_with_control_characters(client_for):
    round_ = make_round()
    Question.objects.filter(round=round_, key="usability").update(help_text="Think\x08 of\x1f last year")

    response = client_for(factories.make_participant().user).get(
        reverse("feedback:questionnaire_file", args=[round_.pk, "xlsx"])
    )

    assert response.status_code == 200
    assert any("Think\ufffd of\ufffd last year" in value for value in cells(response.content))


def test_the_coding_file_holds_an_answer_with_control_characters(chair_client):
    round_ = make_round()
    submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "comments": "Pre-fill\x0cplease"})

    response = chair_client.get(reverse("analysis:export_coding", args=[round_.pk, "xlsx"]))

    assert response.status_code == 200
    assert any("Pre-fill\ufffdplease" in value for value in cells(response.content))


@pytest.mark.parametrize(
    ("field", "value"), [("full_name", "Ann\x07 Berg"), ("statement", "Ten years of reporting\x1b[2J" + " work" * 10)]
)
def test_names_and_statements_with_control_characters_are_refused_at_registration(client, field, value):
    response = client.post(reverse("participants:register"), registration_data(**{field: value}))

    assert response.status_code == 200
    assert "invisible control character" in response.content.decode()
    assert not Participant.objects.exists()
