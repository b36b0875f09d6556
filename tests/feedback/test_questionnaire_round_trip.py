"""The questionnaire leaves as a Word or Excel file and comes back as an answer: every question kind, both
formats, all three ways in (a participant's upload, the Secretariat's page, the command line)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Answer, Source, Submission, SubmissionState
from participants.models import AuditEvent
from tests import factories
from tests.feedback.helpers import draft, make_round, submit
from tests.feedback.questionnaire_helpers import (
    SHEET_ANSWERS,
    STORED,
    WORD_ANSWERS,
    fill_docx,
    fill_xlsx,
    saved_by_libreoffice,
    soffice,
)

pytestmark = pytest.mark.django_db

FILL = {
    "docx": lambda content: fill_docx(content, WORD_ANSWERS),
    "xlsx": lambda content: fill_xlsx(content, SHEET_ANSWERS),
}
NO_SOFFICE = "LibreOffice (soffice) is not installed: Debian's libreoffice-writer-nogui provides it"


def run(*args: object) -> str:
    out = io.StringIO()
    call_command(*(str(arg) for arg in args), stdout=out)
    return out.getvalue()


def download(client, round_, fmt: str) -> bytes:
    response = client.get(reverse("feedback:questionnaire_file", kwargs={"round_id": round_.pk, "fmt": fmt}))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    return response.content


def upload(client, round_, content: bytes, name: str):
    return client.post(
        reverse("feedback:upload_answers", kwargs={"round_id": round_.pk}),
        {"questionnaire": SimpleUploadedFile(name, content)},
    )


def submitted_answers(participant) -> dict:
    return dict(Answer.objects.filter(submission__participant=participant).values_list("question__key", "value"))


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_participant_fills_the_file_and_the_upload_fills_their_draft_without_submitting(client_for, fmt):
    round_ = make_round()
    participant = factories.make_participant()
    client = client_for(participant.user)
    filled = FILL[fmt](download(client, round_, fmt))

    response = upload(client, round_, filled, f"my answers.{fmt}")

    assert response.status_code == 302
    submission = Submission.objects.get(round=round_, participant=participant)
    assert submission.state == SubmissionState.DRAFT
    assert submission.working_answers == STORED
    assert not Answer.objects.filter(submission=submission).exists()
    page = client.get(response["Location"]).content.decode()
    assert "5 answers from “my answers." in page
    assert "the file alone does not submit your response" in page


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_uploaded_answers_are_submitted_as_usual_from_the_page(client_for, fmt):
    round_ = make_round()
    participant = factories.make_participant()
    client = client_for(participant.user)
    upload(client, round_, FILL[fmt](download(client, round_, fmt)), f"answers.{fmt}")
    submission = Submission.objects.get(participant=participant)

    submit(round_, participant, answers=submission.working_answers)

    assert submitted_answers(participant) == STORED


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_secretariat_records_a_filled_file_as_a_written_submission_with_its_original(secretariat_client, fmt):
    round_ = make_round()
    participant = factories.make_participant(full_name="Ingrid Johansson")
    filled = FILL[fmt](download(secretariat_client, round_, fmt))

    response = secretariat_client.post(
        reverse("feedback:record_offline_file", kwargs={"round_id": round_.pk}),
        {"file-participant": participant.pk, "file-questionnaire": SimpleUploadedFile(f"letter.{fmt}", filled)},
    )

    assert response.status_code == 302
    submission = Submission.objects.get(round=round_, participant=participant)
    assert (submission.state, submission.source) == (SubmissionState.SUBMITTED, Source.OFFLINE)
    assert submitted_answers(participant) == STORED
    assert submission.original_name == f"letter.{fmt}"
    assert submission.original_file.read() == filled
    event = AuditEvent.objects.get(action="feedback.record_offline")
    assert event.details["questionnaire_file"] == fmt


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_command_line_exports_and_imports_a_participants_questionnaire(tmp_path, fmt):
    round_ = make_round()
    participant = factories.make_participant(email="anna@example.org")
    blank = tmp_path / f"blank.{fmt}"
    run("export_questionnaire", round_.pk, "--format", fmt, "--output", blank)
    filled = tmp_path / f"filled.{fmt}"
    filled.write_bytes(FILL[fmt](blank.read_bytes()))

    out = run("import_feedback", round_.pk, filled, "--participant", "Anna@Example.org")

    assert f"Recorded the written submission of anna@example.org for round {round_.pk}" in out
    assert submitted_answers(participant) == STORED
    submission = Submission.objects.get(participant=participant)
    assert (submission.source, submission.original_name) == (Source.OFFLINE, f"filled.{fmt}")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_participants_own_copy_is_pre_filled_and_comes_back_unchanged(client_for, fmt):
    round_ = make_round()
    participant = factories.make_participant()
    draft(round_, participant, STORED)
    client = client_for(participant.user)
    content = download(client, round_, fmt)

    upload(client, round_, content, f"copy.{fmt}")

    assert Submission.objects.get(participant=participant).working_answers == STORED


def test_the_command_pre_fills_a_copy_with_a_participants_submitted_answers_and_audits_it(tmp_path):
    round_ = make_round()
    participant = factories.make_participant(email="anna@example.org")
    submit(round_, participant, answers=STORED)
    path = tmp_path / "copy.docx"

    run("export_questionnaire", round_.pk, "--format", "docx", "--output", path, "--participant", "anna@example.org")

    out = run("import_feedback", round_.pk, path, "--participant", "anna@example.org", "--dry-run")

    assert "Would record the written submission of anna@example.org" in out
    assert "with 5 answer(s)" in out
    assert Submission.objects.get(participant=participant).source == Source.WEB  # the dry run recorded nothing
    assert AuditEvent.objects.filter(action="feedback.export_questionnaire", details__participant_id=participant.pk)


def test_questions_left_empty_in_the_file_keep_the_answers_typed_on_the_page(client_for):
    round_ = make_round()
    participant = factories.make_participant()
    client = client_for(participant.user)
    blank = download(client, round_, "docx")  # downloaded before anything was typed
    draft(round_, participant, {"comments": "Typed on the page meanwhile."})

    response = upload(client, round_, fill_docx(blank, {"usability": "2"}), "answers.docx")

    assert Submission.objects.get(participant=participant).working_answers == {
        "usability": 2,
        "comments": "Typed on the page meanwhile.",
    }
    assert "1 question left empty in the file kept its answer here" in client.get(response["Location"]).content.decode()


def test_an_upload_over_a_submitted_response_leaves_the_submission_standing_until_submitted_again(client_for):
    round_ = make_round()
    participant = factories.make_participant()
    submit(round_, participant, answers=STORED)
    client = client_for(participant.user)

    upload(client, round_, fill_docx(download(client, round_, "docx"), {"usability": "1"}), "answers.docx")

    submission = Submission.objects.get(participant=participant)
    assert submission.has_unsubmitted_changes
    assert submission.working_answers["usability"] == 1
    assert submitted_answers(participant)["usability"] == 4


@pytest.mark.skipif(soffice() is None, reason=NO_SOFFICE)
def test_a_word_file_opened_and_saved_by_libreoffice_still_imports(tmp_path):
    round_ = make_round()
    participant = factories.make_participant(email="anna@example.org")
    run("export_questionnaire", round_.pk, "--format", "docx", "--output", tmp_path / "q.docx")
    answers = {**WORD_ANSWERS, "comments": "Pre-filling saves a week of work."}
    saved = tmp_path / "saved.docx"
    saved.write_bytes(saved_by_libreoffice(fill_docx((tmp_path / "q.docx").read_bytes(), answers)))
    with zipfile.ZipFile(saved) as package:
        assert b"LibreOffice" in package.read("docProps/app.xml")

    run("import_feedback", round_.pk, saved, "--participant", "anna@example.org")

    assert submitted_answers(participant) == {**STORED, "comments": "Pre-filling saves a week of work."}
