"""Every upload path, sent renamed, truncated, nested and oversized files: each is refused with a message
that says what is wrong, nothing is imported, and no zip bomb is opened whatever it is called or whatever
format is chosen for it. Paths: the participant list and written answers (command line and admin), filled
Word/Excel questionnaires (participant's upload, the Secretariat's page, the command line) and the
coding file of the analysis (load_dataset)."""

from __future__ import annotations

import io
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from feedback.models import Submission
from feedback.questionnaire_files import check_upload
from feedback.questionnaire_files.model import QuestionnaireFileError
from participants.models import AuditEvent, Participant
from participants.roster.files import UnreadableFile, load_dataset
from participants.safe_files import UnsafeFile, check_spreadsheet
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.test_questionnaire_refusals import assert_nothing_saved, by_command, by_page, by_upload, word
from tests.security.test_uploads import zip_bomb

pytestmark = pytest.mark.django_db

BOMB = "would unpack to 8.0"
BOMB_PATTERN = r"would unpack to 8\.0"


def workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PEOPLE = workbook(
    [
        ["email", "full_name", "category", "affiliation", "country"],
        ["a@example.org", "Ann Berg", "state_party", "Norway", "NO"],
    ]
)
ANSWERS = workbook([["email", "question", "answer"], ["a@example.org", "usability", "4"]])


def truncated(content: bytes) -> bytes:
    return content[: len(content) // 2]


def nested(inner: bytes, name: str = "inner.xlsx") -> bytes:
    """A zip holding a zip (stored, so its declared sizes look modest)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as package:
        package.writestr(name, inner)
    return buffer.getvalue()


def prefixed_bomb() -> bytes:
    """A bomb with bytes in front: zip readers find its directory at the end, whatever comes first."""
    return b"email,question,answer\n" + zip_bomb()


# --- The checks themselves: by content and chosen format, never by name ----------------------------------


@pytest.mark.parametrize(
    ("content", "name", "fmt"),
    [
        (zip_bomb(), "people.csv", ""),
        (zip_bomb(), "people.csv", "csv"),
        (zip_bomb(), "people", "xlsx"),
        (zip_bomb(), "people.json", "json"),
        (prefixed_bomb(), "people.csv", "csv"),
    ],
)
def test_a_zip_bomb_is_refused_whatever_its_name_or_chosen_format(content, name, fmt):
    with pytest.raises(UnsafeFile, match=BOMB_PATTERN):
        check_spreadsheet(content, name=name, fmt=fmt)


def test_a_real_workbook_passes_the_check_under_any_name():
    check_spreadsheet(PEOPLE, name="people.csv", fmt="xlsx")


# --- The participant list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (zip_bomb(), "people.csv", BOMB),
        (truncated(PEOPLE), "people.xlsx", "is not an Excel workbook"),
        (truncated(PEOPLE), "people.csv", "is not an Excel workbook"),
        (nested(zip_bomb()), "people.xlsx", "could not be read as XLSX"),
        (PEOPLE, "people.csv", "not UTF-8 text"),
    ],
    ids=["renamed bomb", "truncated", "truncated and renamed", "nested", "renamed workbook"],
)
def test_the_participant_list_command_refuses_bad_files_clearly(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("import_participants", str(path), stdout=StringIO())

    assert not Participant.objects.exists()


def test_the_participant_list_command_refuses_an_oversized_workbook(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 2000
    path = tmp_path / "people.xlsx"
    path.write_bytes(PEOPLE)

    with pytest.raises(CommandError, match="larger than the 2,000 bytes allowed"):
        call_command("import_participants", str(path), stdout=StringIO())


@pytest.mark.parametrize(
    ("content", "name", "fmt", "message"),
    [
        (zip_bomb(), "people.csv", "1", BOMB),  # named CSV, read as XLSX: the bypass
        (zip_bomb(), "people.csv", "0", BOMB),
        (prefixed_bomb(), "people.csv", "1", BOMB),
        (truncated(PEOPLE), "people.xlsx", "1", "is not an Excel workbook"),
    ],
    ids=["bomb named csv as xlsx", "bomb named csv as csv", "bomb behind text", "truncated"],
)
def test_the_admin_refuses_bad_participant_lists_before_opening_them(secretariat_client, content, name, fmt, message):
    response = secretariat_client.post(
        reverse("admin:participants_participant_import"),
        {"import_file": SimpleUploadedFile(name, content), "format": fmt, "resource": "0"},
    )

    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(action="participants.import").exists()


def test_the_admin_refuses_an_oversized_participant_list(secretariat_client, settings):
    settings.IMPORT_MAX_BYTES = 2000

    response = secretariat_client.post(
        reverse("admin:participants_participant_import"),
        {"import_file": SimpleUploadedFile("people.xlsx", PEOPLE), "format": "1", "resource": "0"},
    )

    assert "the limit is 2.0" in response.content.decode()


# --- Written answers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (zip_bomb(), "answers.csv", BOMB),
        (truncated(ANSWERS), "answers.xlsx", "is not an Excel workbook"),
        (nested(zip_bomb()), "answers.xlsx", "could not be read as an Excel workbook"),
    ],
    ids=["renamed bomb", "truncated", "nested"],
)
def test_the_written_answers_command_refuses_bad_files_clearly(tmp_path, content, name, message):
    round_ = make_round()
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("import_feedback", str(round_.pk), str(path), stdout=StringIO())

    assert not Submission.objects.exists()


@pytest.mark.parametrize(("content", "fmt"), [(zip_bomb(), "1"), (prefixed_bomb(), "0")])
def test_the_admin_refuses_a_bomb_of_written_answers_named_csv(secretariat_client, content, fmt):
    round_ = make_round()

    response = secretariat_client.post(
        reverse("admin:feedback_submission_import"),
        {"round": round_.pk, "import_file": SimpleUploadedFile("answers.csv", content), "format": fmt},
    )

    assert BOMB in response.content.decode()
    assert not Submission.objects.exists()


# --- Filled questionnaires (Word and Excel) -------------------------------------------------------------------


QUESTIONNAIRE_FILES = {
    "bomb renamed .pdf": (lambda round_: zip_bomb(), "answers.pdf", BOMB),
    "Word bomb renamed .xlsx": (lambda round_: zip_bomb("word/document.xml"), "answers.xlsx", BOMB),
    "truncated": (lambda round_: truncated(word(round_)), "answers.docx", "is not a Word (.docx) or Excel"),
    "nested": (lambda round_: nested(word(round_), "answers.docx"), "answers.docx", "is not a Word (.docx) or Excel"),
}


@pytest.mark.parametrize("path", ["upload", "page", "command"])
@pytest.mark.parametrize("case", list(QUESTIONNAIRE_FILES))
def test_every_questionnaire_path_refuses_renamed_truncated_and_nested_files(case, path, client_for, tmp_path):
    round_ = make_round()
    participant = factories.make_participant()
    make, name, message = QUESTIONNAIRE_FILES[case]

    if path == "command":
        said = by_command(round_, participant, make(round_), name, client_for, tmp_path)
    else:
        said = (by_upload if path == "upload" else by_page)(round_, participant, make(round_), name, client_for)

    assert message in said.replace("&quot;", '"').replace("&#x27;", "'").replace("&ldquo;", "“")
    assert_nothing_saved(round_)


def test_check_upload_refuses_an_oversized_questionnaire_before_looking_inside():
    with pytest.raises(QuestionnaireFileError, match="the limit is"):
        check_upload(zip_bomb(), name="answers.docx", max_bytes=1024)


# --- The analysis coding file ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "name"), [(zip_bomb(), "coding.csv"), (zip_bomb(), "coding.json")])
def test_the_coding_file_refuses_a_renamed_bomb(content, name):
    with pytest.raises(UnreadableFile, match=BOMB_PATTERN):
        load_dataset(content, name.rsplit(".", 1)[1], name=name)
