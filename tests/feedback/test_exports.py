"""The anonymized answer export: CSV, XLSX and JSON by pseudonym, free text anonymized, formulas defused."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from feedback.exports import ExportData, ExportQuestion, defuse, to_csv, to_xlsx
from feedback.models import Submission
from participants.models import AuditEvent
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round, submit

pytestmark = pytest.mark.django_db

IDENTITIES = ("Ingrid", "Johansson", "ingrid.johansson@example.org", "Peru", "Peruvian")


@pytest.fixture
def round_():
    round_ = make_round(title="Template review")
    ingrid = factories.make_participant(
        full_name="Ingrid Johansson", email="ingrid.johansson@example.org", country="PE"
    )
    submit(round_, ingrid, {**GOOD_ANSWERS, "comments": '=HYPERLINK("http://evil") The Peruvian delegation asks.'})
    for rating in ("1", "3"):
        submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "usability": rating})
    return round_


def download(client, round_, fmt):
    response = client.get(reverse("feedback:export_answers", kwargs={"round_id": round_.pk, "fmt": fmt}))
    assert response.status_code == 200
    assert f"consultation-{round_.pk}-answers.{fmt}" in response["Content-Disposition"]
    return response.content


def test_the_csv_export_lists_answers_by_pseudonym_in_order(chair_client, round_):
    rows = list(csv.reader(io.StringIO(download(chair_client, round_, "csv").decode("utf-8-sig"))))

    assert rows[0] == ["respondent", "usability", "format", "topics", "prefill", "comments"]
    labels = [row[0] for row in rows[1:]]
    expected = [f"Respondent {n}" for n in sorted(Submission.objects.values_list("pseudonym", flat=True))]
    assert labels == expected
    assert {row[1] for row in rows[1:]} == {"1", "3", "4"}
    assert all(row[3] == "Article 13; Nil reports" and row[4] == "yes" for row in rows[1:])


def test_exports_carry_no_identity_and_anonymize_free_text(chair_client, round_):
    for fmt in ("csv", "json"):
        content = download(chair_client, round_, fmt).decode("utf-8-sig")
        for identity in IDENTITIES:
            assert identity not in content, (fmt, identity)
        assert "delegation asks" in content

    book = load_workbook(io.BytesIO(download(chair_client, round_, "xlsx")))
    cells = [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value]
    assert not any(identity in cell for cell in cells for identity in IDENTITIES)


def test_spreadsheet_cells_cannot_run_as_formulas(chair_client, round_):
    rows = list(csv.reader(io.StringIO(download(chair_client, round_, "csv").decode("utf-8-sig"))))
    book = load_workbook(io.BytesIO(download(chair_client, round_, "xlsx")))

    texts = [row[5] for row in rows[1:] if "HYPERLINK" in row[5]]
    assert texts and all(text.startswith("'=") for text in texts)
    sheet = book["Answers"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_json_export_keeps_types_and_says_free_text_is_anonymized(chair_client, round_):
    document = json.loads(download(chair_client, round_, "json"))

    assert document["free_text"] == "anonymized"
    assert [q["key"] for q in document["questions"]][:2] == ["usability", "format"]
    first = document["responses"][0]["answers"]
    assert isinstance(first["usability"], int) and first["topics"] == ["Article 13", "Nil reports"]
    assert set(document["responses"][0]) == {"respondent", "answers"}  # no times, ids or source


def test_every_export_is_recorded_in_the_audit_trail(chair_client, chair, round_):
    download(chair_client, round_, "xlsx")

    event = AuditEvent.objects.get(action="feedback.export_answers")
    assert (event.actor, event.details["format"]) == (chair, "xlsx")


def test_an_unknown_export_format_is_not_found(chair_client, round_):
    response = chair_client.get(reverse("feedback:export_answers", kwargs={"round_id": round_.pk, "fmt": "html"}))

    assert response.status_code == 404


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_defuse_neutralises_every_formula_prefix(text):
    assert defuse(text).startswith("'")


def test_writers_defuse_question_texts_and_labels_too():
    data = ExportData(
        round={"title": "=cmd"},
        questions=[ExportQuestion("q1", "=evil()", "choice", ["=a", "b"])],
        responses=[("Respondent 3", {"q1": "=a"})],
        free_text="anonymized",
    )

    book = load_workbook(io.BytesIO(to_xlsx(data)))
    text = to_csv(data).decode("utf-8-sig")

    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)
    assert "'=a" in text
