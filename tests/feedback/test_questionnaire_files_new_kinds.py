"""Word and Excel questionnaires with a follow-up, "Other", a number, a ranking and a grid: drawn, filled
the way people fill them, read back into a draft, and refused with the reason when a follow-up that
does not apply is answered in a file the Secretariat records."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from feedback.models import Submission
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.kinds_helpers import FOLLOW_UP_QUESTIONS, RANKING_AND_GRID
from tests.feedback.questionnaire_helpers import fill_docx, fill_xlsx

pytestmark = pytest.mark.django_db

WORD = {
    "prefill": "Yes",
    "prefill_what": "Exports",
    "format/other": "A CSV upload",
    "staff": "12",
    "priorities/1": "2",
    "priorities/2": "1",
    "priorities/3": "3",
    "agree/1": "Agree",
    "agree/2": "Neutral",
}
SHEET = {
    "prefill": "Yes",
    "prefill_what": "Exports",
    "format": "Other: A CSV upload",
    "staff": 12,
    "priorities": "Guidance; Validation; Offline editing",
    "agree": "1: Agree\n2: Neutral",
}
STORED = {
    "prefill": True,
    "prefill_what": "Exports",
    "format": "A CSV upload",
    "staff": 12,
    "priorities": ["Guidance", "Validation", "Offline editing"],
    "agree": {"1": "Agree", "2": "Neutral"},
}
FILL = {"docx": lambda content: fill_docx(content, WORD), "xlsx": lambda content: fill_xlsx(content, SHEET)}


@pytest.fixture
def round_():
    return make_round(questions=[*FOLLOW_UP_QUESTIONS, *RANKING_AND_GRID])


def download(client, round_, fmt):
    return client.get(reverse("feedback:questionnaire_file", kwargs={"round_id": round_.pk, "fmt": fmt})).content


def test_the_word_file_says_when_a_follow_up_applies_and_offers_a_box_for_other_words(client_for, round_):
    client = client_for(factories.make_participant().user)

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download(client, round_, "docx"))).paragraphs)

    assert "Asked only if “Should the tool pre-fill from last year's report?” is answered “Yes”." in text
    assert "Other, please specify:" in text
    assert "Write a number from 0 to 50." in text
    assert "Give each item its own rank" in text
    assert "2. The guidance is enough" in text


def test_the_excel_file_explains_each_new_kind_in_its_guidance(client_for, round_):
    client = client_for(factories.make_participant().user)

    sheet = load_workbook(io.BytesIO(download(client, round_, "xlsx")))["Questionnaire"]
    guidance = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}

    assert guidance["prefill_what"].startswith("Asked only if")
    assert "“Other: ”" in guidance["format"]
    assert "1 = The template is clear; 2 = The guidance is enough" in guidance["agree"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_filled_file_fills_the_draft_with_every_new_kind(client_for, round_, fmt):
    participant = factories.make_participant()
    client = client_for(participant.user)
    filled = FILL[fmt](download(client, round_, fmt))

    response = client.post(
        reverse("feedback:upload_answers", kwargs={"round_id": round_.pk}),
        {"questionnaire": SimpleUploadedFile(f"mine.{fmt}", filled)},
    )

    assert response.status_code == 302
    assert Submission.objects.get(participant=participant).working_answers == STORED


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_participants_own_copy_comes_back_unchanged(client_for, round_, fmt):
    participant = factories.make_participant()
    client = client_for(participant.user)
    client.post(
        reverse("feedback:upload_answers", kwargs={"round_id": round_.pk}),
        {"questionnaire": SimpleUploadedFile(f"mine.{fmt}", FILL[fmt](download(client, round_, fmt)))},
    )
    own_copy = download(client, round_, fmt)

    client.post(
        reverse("feedback:upload_answers", kwargs={"round_id": round_.pk}),
        {"questionnaire": SimpleUploadedFile(f"again.{fmt}", own_copy)},
    )

    assert Submission.objects.get(participant=participant).working_answers == STORED


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_recorded_file_answering_a_follow_up_that_does_not_apply_is_refused_with_the_reason(
    secretariat_client, round_, fmt
):
    participant = factories.make_participant()
    answers = {**WORD, "prefill": "No"} if fmt == "docx" else {**SHEET, "prefill": "No"}
    filled = (
        fill_docx(download(secretariat_client, round_, fmt), answers)
        if fmt == "docx"
        else fill_xlsx(download(secretariat_client, round_, fmt), answers)
    )

    response = secretariat_client.post(
        reverse("feedback:record_offline_file", kwargs={"round_id": round_.pk}),
        {"file-participant": participant.pk, "file-questionnaire": SimpleUploadedFile(f"letter.{fmt}", filled)},
    )

    assert "is asked only when “prefill” is answered “Yes”, and the answer is “No”" in response.content.decode()
    assert not Submission.objects.filter(participant=participant).exists()
