"""Bad questionnaire files are refused with a clear message and nothing is saved, whichever way they come:
a participant's upload, the Secretariat's page, or the command line."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as project_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from consult import services as consult
from consult.models import RoundState
from feedback import services
from feedback.models import Submission
from participants.models import AuditEvent, Category
from tests import factories
from tests.consult.helpers import PDF
from tests.feedback.helpers import make_round, move_round
from tests.feedback.questionnaire_helpers import (
    SHEET_ANSWERS,
    WORD_ANSWERS,
    delete_control,
    edit_docx,
    fill_docx,
    fill_xlsx,
    retag,
)
from tests.security.test_uploads import zip_bomb

pytestmark = pytest.mark.django_db


def blank(round_, fmt: str = "docx") -> bytes:
    return services.export_questionnaire(round_=round_, fmt=fmt).content


def word(round_) -> bytes:
    return fill_docx(blank(round_), WORD_ANSWERS)


def sheet(round_, **changes) -> bytes:
    return fill_xlsx(blank(round_, "xlsx"), {**SHEET_ANSWERS, **changes})


def rename_row_key(content: bytes, old: str, new: str) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    for row in book["Questionnaire"].iter_rows(min_row=2):
        if row[0].value == old:
            row[0].value = new
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replace_part(content: bytes, part: str, data: bytes) -> bytes:
    """The same package with one part's bytes replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != part:
                target.writestr(item, source.read(item.filename))
        target.writestr(part, data)
    return buffer.getvalue()


def plain_word_document() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Dear Secretariat, our answers are below.")
    document.save(buffer)
    return buffer.getvalue()


# name -> (make the file from the round and another round, its name, what the refusal says)
BAD_FILES: dict[str, tuple[Callable, str, str]] = {
    "another round's file": (
        lambda round_, other: word(other),
        "answers.docx",
        "questionnaire of another consultation",
    ),
    "another round's workbook": (
        lambda round_, other: fill_xlsx(blank(other, "xlsx"), SHEET_ANSWERS),
        "answers.xlsx",
        "questionnaire of another consultation",
    ),
    "a tag changed": (
        lambda round_, other: edit_docx(word(round_), retag("format", "favourite")),
        "answers.docx",
        "tagged “favourite”",
    ),
    "a tag removed": (
        lambda round_, other: edit_docx(word(round_), retag("topics/2", None)),
        "answers.docx",
        "lost its tag",
    ),
    "a control deleted": (
        lambda round_, other: edit_docx(word(round_), delete_control("prefill")),
        "answers.docx",
        "answer box is missing",
    ),
    "a key changed": (
        lambda round_, other: rename_row_key(sheet(round_), "format", "favourite"),
        "answers.xlsx",
        "the key “favourite”",
    ),
    "an unknown choice in Word": (
        lambda round_, other: fill_docx(word(round_), {"format": "Fax machine"}),
        "answers.docx",
        "“Fax machine” is not one of the choices",
    ),
    "an unknown choice in Excel": (
        lambda round_, other: sheet(round_, topics="Article 13; Smoke signals"),
        "answers.xlsx",
        "“Smoke signals” is not one of the choices",
    ),
    "a rating out of range": (lambda round_, other: sheet(round_, usability=9), "answers.xlsx", "outside that range"),
    "random bytes": (
        lambda round_, other: b"\x00\x01 not a document",
        "answers.docx",
        "is not a Word (.docx) or Excel",
    ),
    "a PDF named .docx": (lambda round_, other: PDF, "answers.docx", "whatever its name says"),
    "a truncated file": (lambda round_, other: word(round_)[:-300], "answers.docx", "is not a Word (.docx) or Excel"),
    "a broken document part": (
        lambda round_, other: replace_part(word(round_), "word/document.xml", b"<w:document><w:body>"),
        "answers.docx",
        "is damaged",
    ),
    "macros": (
        lambda round_, other: replace_part(word(round_), "word/vbaProject.bin", b"\x00" * 64),
        "answers.docm",
        "contains macros",
    ),
    "a zip bomb": (lambda round_, other: zip_bomb("word/document.xml", 12), "answers.docx", "would unpack to"),
    "a letter, not the questionnaire": (
        lambda round_, other: plain_word_document(),
        "letter.docx",
        "not a questionnaire downloaded from this site",
    ),
    "no answers at all": (lambda round_, other: blank(round_), "answers.docx", "has no answers in it"),
}


def by_upload(round_, participant, content: bytes, name: str, client_for) -> str:
    response = client_for(participant.user).post(
        reverse("feedback:upload_answers", kwargs={"round_id": round_.pk}),
        {"questionnaire": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    return response.content.decode()


def by_page(round_, participant, content: bytes, name: str, client_for) -> str:
    client = client_for(factories.make_secretariat())
    response = client.post(
        reverse("feedback:record_offline_file", kwargs={"round_id": round_.pk}),
        {"file-participant": participant.pk, "file-questionnaire": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    return response.content.decode()


def by_command(round_, participant, content: bytes, name: str, client_for, tmp_path: Path) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_feedback", str(round_.pk), str(path), "--participant", participant.email, stderr=err)
    return f"{err.getvalue()} {refused.value}"


def assert_nothing_saved(round_) -> None:
    assert not Submission.objects.filter(round=round_).exists()
    assert not AuditEvent.objects.filter(action__startswith="feedback.").exists()
    assert not (Path(project_settings.MEDIA_ROOT) / "offline" / str(round_.pk)).exists()


@pytest.mark.parametrize("path", ["upload", "page", "command"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_saved(case, path, client_for, tmp_path):
    round_, other = make_round(), make_round()
    participant = factories.make_participant()
    make, name, message = BAD_FILES[case]
    content = make(round_, other)

    if path == "command":
        said = by_command(round_, participant, content, name, client_for, tmp_path)
    else:
        said = (by_upload if path == "upload" else by_page)(round_, participant, content, name, client_for)

    assert message in said.replace("&quot;", '"').replace("&#x27;", "'")
    assert_nothing_saved(round_)


def test_a_file_over_the_size_limit_is_refused(client_for, settings):
    settings.IMPORT_MAX_BYTES = 4096
    round_ = make_round()
    participant = factories.make_participant()

    said = by_upload(round_, participant, word(round_), "answers.docx", client_for)

    assert "the limit is 4.0" in said
    assert_nothing_saved(round_)


def test_problems_are_named_by_question_on_the_participants_page(client_for):
    round_ = make_round()
    participant = factories.make_participant()

    said = by_upload(round_, participant, sheet(round_, usability=9, format="Fax"), "answers.xlsx", client_for)

    assert "Question 1 · How easy is the online reporting tool to use?" in said
    assert "Question 2 · Which format do you prefer for the annual report?" in said
    assert "The file was not used and nothing was saved" in said


def test_a_closed_round_takes_no_upload(client_for):
    round_ = make_round()
    participant = factories.make_participant()
    content = word(round_)
    move_round(round_, RoundState.CLOSED)

    response = client_for(participant.user).post(
        reverse("feedback:upload_answers", kwargs={"round_id": round_.pk}),
        {"questionnaire": SimpleUploadedFile("answers.docx", content)},
    )

    assert "This consultation is closed" in response.content.decode()
    assert_nothing_saved(round_)


def test_a_written_submission_too_long_for_its_question_is_named(tmp_path):
    round_ = make_round()
    participant = factories.make_participant()
    path = tmp_path / "answers.xlsx"
    path.write_bytes(sheet(round_, comments="x" * 300))

    err = io.StringIO()
    with pytest.raises(CommandError, match="1 answer"):
        call_command("import_feedback", str(round_.pk), str(path), "--participant", participant.email, stderr=err)

    assert "Question “comments”: Keep this answer to 200 characters" in err.getvalue()
    assert_nothing_saved(round_)


def test_a_questionnaire_without_participant_says_whose_it_must_be(tmp_path):
    round_ = make_round()
    path = tmp_path / "answers.docx"
    path.write_bytes(word(round_))

    with pytest.raises(CommandError, match="--participant EMAIL"):
        call_command("import_feedback", str(round_.pk), str(path))


def test_a_csv_with_participant_is_refused_with_the_reason(tmp_path):
    round_ = make_round()
    participant = factories.make_participant()
    path = tmp_path / "answers.csv"
    path.write_text("email,question,answer\n")

    with pytest.raises(CommandError, match="a CSV file names each participant"):
        call_command("import_feedback", str(round_.pk), str(path), "--participant", participant.email)


def test_an_unknown_participant_is_refused(tmp_path):
    round_ = make_round()
    path = tmp_path / "answers.docx"
    path.write_bytes(word(round_))

    with pytest.raises(CommandError, match=r"No participant has the e-mail address nobody@example\.org"):
        call_command("import_feedback", str(round_.pk), str(path), "--participant", "nobody@example.org")


def test_a_questionnaire_made_before_a_question_was_withdrawn_names_that_question(client_for):
    round_ = make_round()
    participant = factories.make_participant()
    content = word(round_)
    consult.retire_question(by=None, question_id=round_.questions.get(key="prefill").pk)

    said = by_upload(round_, participant, content, "answers.docx", client_for)

    assert "“prefill” was withdrawn from the questionnaire after this file was made" in said
    assert_nothing_saved(round_)


def test_a_participant_not_eligible_for_a_restricted_round_is_refused(tmp_path):
    round_ = make_round(restricted=True)
    outsider = factories.make_participant(category=Category.CIVIL_SOCIETY)
    path = tmp_path / "answers.docx"
    path.write_bytes(word(round_))

    with pytest.raises(CommandError, match="may not answer this restricted consultation"):
        call_command("import_feedback", str(round_.pk), str(path), "--participant", outsider.email)

    assert_nothing_saved(round_)


def test_a_summarised_round_records_no_file(tmp_path):
    round_ = make_round()
    participant = factories.make_participant()
    path = tmp_path / "answers.xlsx"
    path.write_bytes(sheet(round_))
    move_round(round_, RoundState.SUMMARISED)

    with pytest.raises(CommandError, match="this one is summarised"):
        call_command("import_feedback", str(round_.pk), str(path), "--participant", participant.email)

    assert_nothing_saved(round_)
