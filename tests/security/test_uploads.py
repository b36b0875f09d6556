"""Uploads and spreadsheets: types judged by content, size limits, safe names and headers, no zip bombs,
and no exported cell that a spreadsheet program would run as a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as project_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from consult.models import Document
from feedback.models import Submission
from participants.models import AuditEvent, Participant
from tests import factories
from tests.consult.helpers import EXE, PDF, add_document
from tests.consult.helpers import make_round as make_consult_round
from tests.feedback.helpers import GOOD_ANSWERS, make_round, submit

pytestmark = pytest.mark.django_db

FORMULA = "=cmd|' /C calc'!A0"  # the classic: a spreadsheet that runs it starts a program


def zip_bomb(main_part: str = "xl/workbook.xml", megabytes: int = 8) -> bytes:
    """A valid-looking workbook whose one sheet inflates a thousand times (a few KB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (megabytes * 1024 * 1024) + b"/>")
    return buffer.getvalue()


# --- Round documents and the letters of offline submissions ---------------------------------------------


def test_a_program_renamed_to_pdf_is_refused_as_a_round_document(secretariat_client):
    round_ = make_consult_round()

    response = secretariat_client.post(
        reverse("consult:document_add", args=[round_.pk]),
        {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", EXE), "english": "on"},
    )

    assert "does not contain a PDF file" in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(secretariat_client, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    round_ = make_consult_round()

    response = secretariat_client.post(
        reverse("consult:document_add", args=[round_.pk]),
        {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", PDF + b"0" * 2048), "english": "on"},
    )

    assert "the limit is 1.0" in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_is_stored_outside_the_static_root_and_served_only_as_a_named_attachment(
    client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    round_ = make_consult_round(state="open")
    document = add_document(round_, title='../../etc/passwd <script>alert("x")</script>', filename="x.pdf")
    reader = client_for(factories.make_participant().user)

    response = reader.get(reverse("consult:document_download", args=[document.pk]))
    stored = Path(document.versions.get().file.path)

    assert response["Content-Disposition"] == 'attachment; filename="etcpasswd-scriptalertxscript-v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert stored.is_relative_to(tmp_path / "media") and not stored.is_relative_to(project_settings.STATIC_ROOT)
    assert reader.get(f"{settings.MEDIA_URL}{document.versions.get().file.name}").status_code == 404


def test_an_offline_letter_is_judged_by_its_content_not_its_name(secretariat_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    round_ = make_round()
    anna = factories.make_participant(full_name="Anna Lindqvist")

    response = secretariat_client.post(
        reverse("feedback:record_offline", args=[round_.pk]),
        {"participant": anna.pk, "original_file": SimpleUploadedFile("reply.pdf", EXE), "q_usability": "2"},
    )

    assert "does not contain what its name says (a PDF file)" in response.content.decode()
    assert not Submission.objects.filter(participant=anna).exists()


# --- Imports: size limits and zip bombs, refused before the file is parsed ------------------------------


def test_an_oversized_participant_list_is_refused_by_the_command(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1000
    path = tmp_path / "people.csv"
    path.write_text("email,full_name,category,affiliation,country\n" + "x@example.org,X,industry,Co,\n" * 100)

    with pytest.raises(CommandError, match="larger than the 1,000 bytes allowed"):
        call_command("import_participants", str(path))

    assert not Participant.objects.exists()


def test_a_zip_bomb_participant_list_is_refused_before_it_is_opened(tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_bytes(zip_bomb())

    with pytest.raises(CommandError, match=r"would unpack to 8\.0"):
        call_command("import_participants", str(path))


def test_the_admin_refuses_a_zip_bomb_participant_list(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:participants_participant_import"),
        {"import_file": SimpleUploadedFile("people.xlsx", zip_bomb()), "format": "1", "resource": "0"},
    )

    assert "would unpack to 8.0" in response.content.decode()
    assert not AuditEvent.objects.filter(action="participants.import").exists()


def test_a_zip_bomb_feedback_file_is_refused_by_the_command_and_the_admin(tmp_path, secretariat_client):
    round_ = make_round()
    path = tmp_path / "answers.xlsx"
    path.write_bytes(zip_bomb())

    with pytest.raises(CommandError, match=r"would unpack to 8\.0"):
        call_command("import_feedback", str(round_.pk), str(path))
    response = secretariat_client.post(
        reverse("admin:feedback_submission_import"),
        {"round": round_.pk, "import_file": SimpleUploadedFile("answers.xlsx", zip_bomb()), "format": "1"},
    )

    assert "would unpack to 8.0" in response.content.decode()
    assert not Submission.objects.exists()


def test_an_oversized_feedback_file_is_refused(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 500
    round_ = make_round()
    path = tmp_path / "answers.csv"
    path.write_text("email,question,answer\n" + "anna@example.org,usability,4\n" * 50)

    with pytest.raises(CommandError, match="the limit is 500"):
        call_command("import_feedback", str(round_.pk), str(path))


# --- Exports: formula-like cells are defused, in every spreadsheet the Secretariat and the Chair get ---------


def assert_no_formula_in_csv(content: bytes) -> None:
    cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
    assert any(FORMULA in cell for cell in cells), "the test value is in the file"
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


def assert_no_formula_in_xlsx(content: bytes) -> None:
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert any(FORMULA in str(cell.value) for cell in cells), "the test value is in the file"
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_the_participant_list_export_defuses_formulas(secretariat_client):
    factories.make_participant(full_name=FORMULA, organisation="+44 Ltd", category="industry")

    as_csv = secretariat_client.get(reverse("participants:export", args=["csv"])).content
    as_xlsx = secretariat_client.get(reverse("participants:export", args=["xlsx"])).content

    assert_no_formula_in_csv(as_csv)
    assert_no_formula_in_xlsx(as_xlsx)


def test_the_audit_trail_export_defuses_formulas(secretariat_client, secretariat):
    from participants import audit

    audit.record(actor=secretariat, action="participant.correct", target=factories.make_participant(full_name=FORMULA))

    response = secretariat_client.get(reverse("participants:audit_trail_csv"))

    assert_no_formula_in_csv(b"".join(response.streaming_content))


def test_the_answer_export_defuses_formulas(chair_client):
    round_ = make_round()
    submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "comments": FORMULA})

    as_csv = chair_client.get(reverse("feedback:export_answers", args=[round_.pk, "csv"])).content
    as_xlsx = chair_client.get(reverse("feedback:export_answers", args=[round_.pk, "xlsx"])).content

    assert_no_formula_in_csv(as_csv)
    assert_no_formula_in_xlsx(as_xlsx)
