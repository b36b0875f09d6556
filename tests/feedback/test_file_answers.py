"""`file` questions (screenshots and PDFs from testing rounds) through every path: the cleaning of what
is stored, the page with autosave and submission, the Secretariat's review and release, what the Chair
sees, exports, summaries, imports, the round definition and the participant's own data."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from consult.models import Question, QuestionKind
from feedback import services
from feedback.answer_file_cleaning import FileRefused, clean_answer_file
from feedback.models import AnswerFile, Submission
from feedback.services.offline import ImportRow, import_feedback
from feedback.summary import services as summary_services
from feedback.summary.writers import SummaryDocument, to_markdown
from participants.models import AuditEvent
from participants.selectors import own_data
from tests import factories
from tests.consult.test_question_kinds import definition_with, run
from tests.feedback.file_helpers import GPS_IFD, image_with_exif, pdf_with_metadata, png
from tests.feedback.helpers import make_round, move_round, submit

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"key": "works", "text": "Did the import work?", "kind": "yes_no"},
    {"key": "screenshot", "text": "Give a screenshot of what you saw.", "kind": "file", "required": True},
]
LIMIT = 10 * 1024 * 1024


@pytest.fixture
def round_():
    return make_round(questions=QUESTIONS)


@pytest.fixture
def participant():
    return factories.make_participant(full_name="Ingrid Johansson", email="ingrid@example.org")


def stored_file(participant) -> AnswerFile:
    return AnswerFile.objects.get(participant=participant)


def upload(content: bytes, name: str = "Ingrid's screen.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def give_file(round_, participant, content: bytes | None = None) -> dict:
    question = round_.questions.get(key="screenshot")
    return services.store_answer_file(
        round_=round_,
        participant=participant,
        question=question,
        filename="shot.jpg",
        content=content or image_with_exif(),
    )


# --- What is stored --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, name", [("JPEG", "shot.jpg"), ("PNG", "shot.png")])
def test_exif_with_gps_camera_and_author_is_gone_from_a_stored_image(fmt, name):
    original = image_with_exif(fmt)
    assert b"Jane Tester" in original and Image.open(io.BytesIO(original)).getexif()  # the test file carries it

    clean = clean_answer_file(filename=name, content=original, max_bytes=LIMIT)

    image = Image.open(io.BytesIO(clean.content))
    exif = image.getexif()
    assert not exif and not exif.get_ifd(GPS_IFD)
    for trace in (b"Jane Tester", b"CameraMaker", b"Model X100", b"ScreenGrab", b"Exif"):
        assert trace not in clean.content
    assert image.size == (40, 30) and image.format == fmt
    assert clean.content_type == ("image/jpeg" if fmt == "JPEG" else "image/png")


def test_a_pdf_loses_its_document_information_and_keeps_its_pages():
    clean = clean_answer_file(filename="report.pdf", content=pdf_with_metadata(), max_bytes=LIMIT)

    reader = PdfReader(io.BytesIO(clean.content))
    assert len(reader.pages) == 1
    assert not reader.metadata
    assert b"Jane Tester" not in clean.content and b"SecretOffice" not in clean.content


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "shot.gif",
            b"GIF89a....",
            "shot.gif is not an accepted type. Give a screenshot or photo (PNG or JPEG) or a PDF.",
        ),
        ("shot.png", b"not an image at all", "shot.png does not contain a PNG or JPEG image, whatever its name says."),
        ("shot.png", b"", "shot.png is empty."),
        ("report.pdf", b"PK\x03\x04 a zip", "report.pdf does not contain a PDF file, whatever its name says."),
        (
            "report.pdf",
            b"%PDF-1.7 broken",
            "report.pdf could not be read as a PDF, so its hidden details cannot be removed.",
        ),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_with_the_reason(name, content, message):
    with pytest.raises(FileRefused) as refused:
        clean_answer_file(filename=name, content=content, max_bytes=LIMIT)

    assert str(refused.value).startswith(message)


def test_a_file_over_the_limit_is_refused_naming_both_sizes():
    with pytest.raises(FileRefused, match=r"shot.png is .*; the limit is 10\sbytes"):
        clean_answer_file(filename="shot.png", content=png(), max_bytes=10)


def test_stored_files_have_random_names_and_no_trace_of_the_original(round_, participant):
    give_file(round_, participant)

    kept = stored_file(participant)
    assert "shot" not in kept.file.name and kept.file.name.startswith(f"answer-files/{round_.pk}/")
    content = kept.file.read()
    assert b"Jane Tester" not in content and kept.size == len(content)


# --- The questionnaire page ----------------------------------------------------------------------------


def test_the_page_offers_a_file_input_and_says_what_it_takes(client_for, round_, participant):
    page = client_for(participant.user).get(reverse("feedback:answer", args=[round_.pk])).content.decode()

    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="q_screenshot"' in page
    assert "A screenshot or photo (PNG or JPEG) or a PDF, up to 10.0\xa0MB." in page


def test_a_file_given_on_the_page_is_kept_when_the_participant_saves_again(client_for, round_, participant):
    client = client_for(participant.user)
    url = reverse("feedback:answer", args=[round_.pk])

    client.post(url, {"q_screenshot": upload(image_with_exif()), "version": 0, "action": "save"})
    token = Submission.objects.get(participant=participant).working_answers["screenshot"]["file"]
    client.post(url, {"q_works": "no", "version": 1, "action": "save"})  # no new file: the old one stays
    autosaved = client.post(reverse("feedback:autosave", args=[round_.pk]), {"q_works": "yes", "version": 2})

    assert autosaved.json()["saved"] is True
    working = Submission.objects.get(participant=participant).working_answers
    assert working == {"works": True, "screenshot": {"file": token}}
    page = client.get(url).content.decode()
    assert "You gave a file." in page and "Download your file" in page
    download = client.get(reverse("feedback:own_answer_file", args=[round_.pk, token]))
    assert download.status_code == 200 and b"Jane Tester" not in b"".join(download.streaming_content)


def test_a_refused_file_is_named_and_nothing_else_typed_is_lost(client_for, round_, participant):
    client = client_for(participant.user)

    response = client.post(
        reverse("feedback:answer", args=[round_.pk]),
        {"q_works": "no", "q_screenshot": upload(b"MZ an executable", "shot.png"), "version": 0, "action": "save"},
    )

    page = response.content.decode()
    assert "shot.png does not contain a PNG or JPEG image" in page
    assert re.search(r'<input type="radio" name="q_works" value="no"[^>]*checked', page)  # kept as typed
    assert not AnswerFile.objects.exists()
    assert not Submission.objects.filter(participant=participant).exists()


def test_removing_the_file_and_submitting_without_one_asks_for_it(client_for, round_, participant):
    client = client_for(participant.user)
    url = reverse("feedback:answer", args=[round_.pk])
    client.post(url, {"q_screenshot": upload(png(), "shot.png"), "version": 0, "action": "save"})

    client.post(url, {"q_works": "yes", "q_screenshot__remove": "on", "version": 1, "action": "save"})
    response = client.post(url, {"q_works": "yes", "version": 2, "action": "submit", "confirm": "yes"})

    assert "screenshot" not in Submission.objects.get(participant=participant).working_answers
    assert "This question needs an answer before you submit." in response.content.decode()


def test_a_file_submitted_on_the_page_becomes_the_answer(client_for, round_, participant):
    client = client_for(participant.user)

    client.post(
        reverse("feedback:answer", args=[round_.pk]),
        {
            "q_works": "no",
            "q_screenshot": upload(image_with_exif()),
            "version": 0,
            "action": "submit",
            "confirm": "yes",
        },
    )

    submission = Submission.objects.get(participant=participant)
    assert submission.state == "submitted"
    assert submission.answers.get(question__key="screenshot").value == {"file": str(stored_file(participant).token)}


def test_autosave_never_stores_a_file(client_for, round_, participant):
    client_for(participant.user).post(
        reverse("feedback:autosave", args=[round_.pk]), {"q_works": "yes", "q_screenshot": upload(png()), "version": 0}
    )

    assert not AnswerFile.objects.exists()


def test_a_participant_cannot_claim_someone_elses_file(client_for, round_, participant):
    other = factories.make_participant(email="other@example.org")
    value = give_file(round_, other)

    response = client_for(participant.user).get(reverse("feedback:own_answer_file", args=[round_.pk, value["file"]]))

    assert response.status_code == 404


# --- The Secretariat and the Chair -----------------------------------------------------------------------


@pytest.fixture
def answered(round_, participant):
    submit(round_, participant, {"works": "no", "screenshot": give_file(round_, participant)})
    return stored_file(participant)


def test_the_chair_sees_that_a_file_was_given_and_nothing_about_it(chair_client, round_, answered):
    pseudonym = Submission.objects.get().pseudonym
    detail = chair_client.get(reverse("feedback:response_detail", args=[round_.pk, pseudonym])).content.decode()
    files = chair_client.get(reverse("feedback:answer_files", args=[round_.pk])).content.decode()

    assert "File given" in detail
    assert "File given; not released" in files
    for secret in ("image/jpeg", answered.file.name, "answer-files", "original/", str(answered.size)):
        assert secret not in detail and secret not in files
    reviewed = chair_client.get(reverse("feedback:answer_file_reviewed", args=[round_.pk, answered.token]))
    assert reviewed.status_code == 404


def test_the_secretariat_opens_the_file_audited_and_releases_a_reviewed_copy(
    secretariat_client, chair_client, round_, answered
):
    original = secretariat_client.get(reverse("feedback:answer_file_original", args=[round_.pk, answered.token]))
    assert original.status_code == 200 and "no-store" in original["Cache-Control"]
    assert AuditEvent.objects.filter(action="feedback.open_answer_file").count() == 1

    reviewed = png()
    secretariat_client.post(
        reverse("feedback:answer_file_release", args=[round_.pk, answered.token]),
        {"reviewed": upload(reviewed, "blurred.png")},
    )

    answered.refresh_from_db()
    assert answered.released and answered.released_content_type == "image/png"
    assert AuditEvent.objects.filter(action="feedback.release_answer_file").count() == 1
    files = chair_client.get(reverse("feedback:answer_files", args=[round_.pk])).content.decode()
    assert "Download the reviewed copy" in files
    got = chair_client.get(reverse("feedback:answer_file_reviewed", args=[round_.pk, answered.token]))
    content = b"".join(got.streaming_content)
    assert content == answered.released.open("rb").read()
    assert content != answered.file.open("rb").read()  # the reviewed copy, never the original

    secretariat_client.post(reverse("feedback:answer_file_withdraw", args=[round_.pk, answered.token]))
    gone = chair_client.get(reverse("feedback:answer_file_reviewed", args=[round_.pk, answered.token]))
    assert gone.status_code == 404
    assert AuditEvent.objects.filter(action="feedback.withdraw_answer_file").count() == 1


def test_a_reviewed_copy_that_is_not_an_image_or_pdf_is_refused(secretariat_client, round_, answered):
    response = secretariat_client.post(
        reverse("feedback:answer_file_release", args=[round_.pk, answered.token]),
        {"reviewed": upload(b"hello", "notes.txt")},
        follow=True,
    )

    assert "notes.txt is not an accepted type" in response.content.decode()
    answered.refresh_from_db()
    assert not answered.released


def test_exports_and_summaries_say_a_file_was_given(chair_client, chair, round_, answered):
    exported = chair_client.get(reverse("feedback:export_answers", args=[round_.pk, "json"]))
    answers = json.loads(b"".join(exported.streaming_content) if exported.streaming else exported.content)
    assert answers["responses"][0]["answers"]["screenshot"] == "file given"
    assert str(answered.token) not in json.dumps(answers)

    move_round(round_, "closed")
    summary = summary_services.generate_now(round_id=round_.pk, by=chair)
    question = next(q for q in summary.content["questions"] if q["key"] == "screenshot")
    assert question["files"] == 1 and question["answered"] == 1
    assert "1 respondent gave a file." in to_markdown(SummaryDocument(content=summary.content)).decode()
    page = chair_client.get(reverse("summary:detail", args=[round_.pk])).content.decode()
    assert "1 respondent gave a file." in page


# --- Other paths ------------------------------------------------------------------------------------------------


def test_an_import_refuses_a_file_answer_with_the_reason(round_, participant, secretariat):
    with pytest.raises(services.ImportRejected) as rejected:
        import_feedback(
            round_id=round_.pk,
            rows=[ImportRow(2, participant.email, "screenshot", "C:/shots/one.png")],
            by=secretariat,
        )

    assert any("can only be given on the questionnaire's web page" in str(error) for error in rejected.value.errors)


def test_create_round_json_accepts_a_file_question(tmp_path):
    run(tmp_path, definition_with([{"key": "screenshot", "text": "A screenshot of the error?", "kind": "file"}]))

    assert Question.objects.get(key="screenshot").kind == QuestionKind.FILE


def test_the_participants_own_data_lists_their_files(round_, participant, answered):
    data = own_data(participant)

    files = data["responses"][0]["files"]
    assert files[0]["file"] == str(answered.token)
    assert files[0]["download"] == reverse("feedback:own_answer_file", args=[round_.pk, answered.token])
