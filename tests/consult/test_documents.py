"""Documents (§14, §15): checked uploads, versions, and downloads only for those who may see the round."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consult import services
from consult.documents import DocumentRefused, check_upload
from consult.models import Document, DocumentDownload, RoundState
from participants.models import AuditEvent, Category, Status
from tests import factories
from tests.consult.helpers import DOCX, EXE, PDF, XLSX, add_document, make_round, office_file

LIMIT = 1024 * 1024


# --- Upload checks (pure) -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        ("note.pdf", PDF, "application/pdf"),
        ("note.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("fields.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("fields.csv", "name,value\nQuébec,1\n".encode(), "text/csv; charset=utf-8"),
        ("data.json", b'{"a": [1, 2]}', "application/json"),
        ("data.xml", b'<?xml version="1.0"?><report/>', "application/xml"),
        ("readme.txt", b"Plain English text.\n", "text/plain; charset=utf-8"),
    ],
)
def test_each_allowed_type_is_accepted_by_its_content(filename, content, content_type):
    checked = check_upload(filename=filename, content=content, max_bytes=LIMIT)

    assert checked.content_type == content_type
    assert checked.size == len(content)


def test_a_program_renamed_as_a_pdf_is_refused_with_a_clear_message():
    with pytest.raises(DocumentRefused, match="does not contain a PDF file, whatever its name says"):
        check_upload(filename="guidance.pdf", content=EXE, max_bytes=LIMIT)


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("report.docx", XLSX),  # a workbook named as a Word document
        ("report.docx", b"PK\x03\x04 not really a zip"),
        ("report.docx", office_file("word/document.xml", macros=True)),
        ("fields.csv", "name\n".encode("utf-16")),
        ("data.json", b"{not json"),
        ("data.xml", b"just words"),
        ("readme.txt", b"text with a \x00 byte"),
    ],
)
def test_content_that_does_not_match_its_type_is_refused(filename, content):
    with pytest.raises(DocumentRefused):
        check_upload(filename=filename, content=content, max_bytes=LIMIT)


@pytest.mark.parametrize("filename", ["tool.exe", "page.html", "macro.docm", "picture.png", "no-extension"])
def test_types_outside_the_allow_list_are_refused(filename):
    with pytest.raises(DocumentRefused, match="not an accepted type"):
        check_upload(filename=filename, content=PDF, max_bytes=LIMIT)


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    with pytest.raises(DocumentRefused, match=r"is 69\sbytes; the limit is 10\sbytes"):
        check_upload(filename="note.pdf", content=PDF, max_bytes=10)


# --- Versions -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_version_is_numbered_and_keeps_its_change_note():
    round_ = make_round(state=RoundState.SCHEDULED)
    document = add_document(round_)

    version = services.add_document_version(
        by=None, document_id=document.pk, filename="note-2.pdf", content=PDF, change_note="Section 3 rewritten"
    )

    assert (version.number, version.change_note) == (2, "Section 3 rewritten")


@pytest.mark.django_db
def test_a_new_version_needs_a_change_note():
    document = add_document(make_round())

    with pytest.raises(DocumentRefused, match="what changed"):
        services.add_document_version(by=None, document_id=document.pk, filename="n.pdf", content=PDF, change_note="")


@pytest.mark.django_db
def test_the_stored_file_name_never_comes_from_the_upload():
    document = add_document(make_round(), filename="../../etc/passwd.pdf")

    stored = document.versions.get().file.name

    assert stored.startswith(f"documents/{document.round_id}/")
    assert "passwd" not in stored


# --- Downloads: who may --------------------------------------------------------------------------------


def _client_for_role(role, client_for, *, category=Category.STATE_PARTY, status=Status.APPROVED):
    if role == "secretariat":
        return client_for(factories.make_secretariat())
    if role == "chair":
        return client_for(factories.make_chair())
    return client_for(factories.make_participant(category=category, status=status).user)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["secretariat", "chair", "participant"])
def test_readers_download_the_newest_version_with_safe_headers(role, client_for):
    round_ = make_round(state=RoundState.OPEN)
    document = add_document(round_, title="Design note: v1/draft")

    response = _client_for_role(role, client_for).get(f"/rounds/documents/{document.pk}/download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="design-note-v1draft-v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
@pytest.mark.parametrize("category", Category.values)
def test_documents_of_a_restricted_round_are_for_state_party_participants_only(category, client_for):
    document = add_document(make_round(state=RoundState.OPEN, restricted=True))
    client = client_for(factories.make_participant(category=category).user)

    response = client.get(f"/rounds/documents/{document.pk}/download/")
    listing = client.get("/rounds/documents/")

    expected = 200 if category == Category.STATE_PARTY else 404
    assert response.status_code == expected
    assert (document.title in listing.content.decode()) is (category == Category.STATE_PARTY)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.APPROVED])
def test_participants_who_are_not_approved_get_404_for_a_guessed_url(status, client_for):
    document = add_document(make_round(state=RoundState.OPEN))
    client = client_for(factories.make_participant(status=status).user)

    assert client.get(f"/rounds/documents/{document.pk}/download/").status_code == 404
    assert client.get(f"/rounds/documents/{document.pk}/v1/download/").status_code == 404
    assert client.get(f"/rounds/documents/{document.pk}/").status_code == 404


@pytest.mark.django_db
def test_documents_of_a_draft_are_hidden_from_participants_and_the_chair(client_for, chair_client):
    document = add_document(make_round())
    participant_client = client_for(factories.make_participant().user)

    assert participant_client.get(f"/rounds/documents/{document.pk}/download/").status_code == 404
    assert chair_client.get(f"/rounds/documents/{document.pk}/download/").status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_never_get_a_file(client):
    document = add_document(make_round(state=RoundState.OPEN))

    response = client.get(f"/rounds/documents/{document.pk}/download/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.django_db
def test_an_unknown_document_or_version_is_404(client_for):
    document = add_document(make_round(state=RoundState.OPEN))
    client = client_for(factories.make_participant().user)

    assert client.get(f"/rounds/documents/{document.pk + 99}/download/").status_code == 404
    assert client.get(f"/rounds/documents/{document.pk}/v7/download/").status_code == 404


@pytest.mark.django_db
def test_every_download_is_logged_with_who_and_which_version(client_for, secretariat_client):
    document = add_document(make_round(state=RoundState.OPEN))
    participant = factories.make_participant(full_name="Ingrid Johansson")

    client_for(participant.user).get(f"/rounds/documents/{document.pk}/download/")
    log_page = secretariat_client.get(f"/rounds/documents/{document.pk}/").content.decode()

    download = DocumentDownload.objects.get(user=participant.user)
    assert download.version.number == 1
    assert "Ingrid Johansson" in log_page


@pytest.mark.django_db
def test_the_download_log_is_for_the_secretariat_only(client_for):
    document = add_document(make_round(state=RoundState.OPEN))
    reader = factories.make_participant(full_name="Kwame Mensah")
    client_for(reader.user).get(f"/rounds/documents/{document.pk}/download/")

    page = client_for(factories.make_participant().user).get(f"/rounds/documents/{document.pk}/").content.decode()

    assert "Kwame Mensah" not in page
    assert "Downloads" not in page


@pytest.mark.django_db
def test_a_newer_version_is_marked_updated_for_those_who_read_an_older_one(client_for):
    round_ = make_round(state=RoundState.OPEN)
    document = add_document(round_, title="Field list")
    reader = client_for(factories.make_participant().user)
    newcomer = client_for(factories.make_participant().user)
    reader.get(f"/rounds/documents/{document.pk}/download/")

    services.add_document_version(
        by=None, document_id=document.pk, filename="fields.pdf", content=PDF, change_note="Two fields added"
    )

    assert ">Updated</span>" in reader.get(f"/rounds/{round_.pk}/").content.decode()
    assert ">Updated</span>" not in newcomer.get(f"/rounds/{round_.pk}/").content.decode()
    reader.get(f"/rounds/documents/{document.pk}/download/")
    assert ">Updated</span>" not in reader.get(f"/rounds/{round_.pk}/").content.decode()


# --- Uploading through the page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_secretariat_uploads_a_document_from_the_round_page(secretariat_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    round_ = make_round()

    response = secretariat_client.post(
        f"/rounds/{round_.pk}/documents/add/",
        {"title": "Design note", "file": SimpleUploadedFile("note.pdf", PDF), "english": "on", "notify": "on"},
    )

    assert response.status_code == 302
    assert round_.documents.get().title == "Design note"


@pytest.mark.django_db
def test_a_renamed_program_is_refused_next_to_the_file_field_keeping_the_title(secretariat_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    round_ = make_round()

    response = secretariat_client.post(
        f"/rounds/{round_.pk}/documents/add/",
        {"title": "Guidance", "file": SimpleUploadedFile("guidance.pdf", EXE), "english": "on"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "does not contain a PDF file" in page
    assert 'value="Guidance"' in page
    assert not round_.documents.exists()


@pytest.mark.django_db
def test_participants_cannot_upload(client_for):
    round_ = make_round(state=RoundState.OPEN)

    response = client_for(factories.make_participant().user).get(f"/rounds/{round_.pk}/documents/add/")

    assert response.status_code == 403


# --- The library ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_library_finds_documents_by_keyword_and_filters_by_article(client_for):
    from tests.consult.helpers import make_tool

    platform = make_tool("Information exchange platform", articles=(11, 15))
    diversion = add_document(make_round(state=RoundState.OPEN, tool=platform, title="Diversion"), title="Diversion")
    add_document(make_round(state=RoundState.OPEN, title="Reporting"), title="Annual report fields")
    client = client_for(factories.make_participant().user)

    by_keyword = client.get("/rounds/documents/", {"q": "diversion"}).content.decode()
    by_article = client.get("/rounds/documents/", {"article": "11"}).content.decode()
    by_other_article = client.get("/rounds/documents/", {"article": "17"}).content.decode()

    assert diversion.title in by_keyword and "Annual report fields" not in by_keyword
    assert diversion.title in by_article and "Annual report fields" not in by_article
    assert "No document matches" in by_other_article


@pytest.mark.django_db
def test_applicants_cannot_open_the_library(client_for):
    applicant = factories.make_participant(status=Status.REGISTERED)

    response = client_for(applicant.user).get("/rounds/documents/")

    assert response.status_code == 403


def test_the_secretariat_removes_a_wrong_upload_with_its_files_and_a_reason(
    secretariat_client, secretariat, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    round_ = make_round(state=RoundState.OPEN)
    document = add_document(round_, title="Wrong file")
    stored = [tmp_path / version.file.name for version in document.versions.all()]
    assert all(path.exists() for path in stored)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("consult:document_remove", kwargs={"document_id": document.pk}), {"reason": "Uploaded by mistake"}
        )

    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not any(path.exists() for path in stored)
    event = AuditEvent.objects.get(action="document.remove")
    assert event.reason == "Uploaded by mistake" and event.actor == secretariat


def test_removing_a_document_needs_a_reason(secretariat_client):
    document = add_document(make_round(state=RoundState.OPEN), title="Keep me")

    secretariat_client.post(reverse("consult:document_remove", kwargs={"document_id": document.pk}), {"reason": " "})

    assert Document.objects.filter(pk=document.pk).exists()
