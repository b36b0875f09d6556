"""Written submissions received by e-mail: recorded one at a time, or imported from CSV/XLSX (docs/command-line.md)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from consult.models import RoundState
from feedback import services
from feedback.models import Answer, Source, Submission, SubmissionState
from participants.models import AuditEvent, Category, Status
from tests import factories
from tests.consult.helpers import DOCX
from tests.feedback.helpers import make_round, submit

pytestmark = pytest.mark.django_db


def write_csv(tmp_path, text: str, name: str = "feedback.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(tmp_path, rows: list[list], name: str = "feedback.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def run_import(round_, path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_feedback", str(round_.pk), str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def answers_of(participant) -> dict:
    return dict(Answer.objects.filter(submission__participant=participant).values_list("question__key", "value"))


# --- The command ------------------------------------------------------------------------------------


def test_a_csv_import_records_submitted_offline_responses(tmp_path):
    round_ = make_round()
    anna = factories.make_participant(email="anna@example.org")
    ben = factories.make_participant(email="ben@example.org", category=Category.CIVIL_SOCIETY)
    path = write_csv(
        tmp_path,
        "email,question,answer\n"
        "Anna@Example.org,usability,4\n"
        "anna@example.org,topics,Article 11; Nil reports\n"
        "anna@example.org,prefill,y\n"
        "ben@example.org,format,word template\n"
        "ben@example.org,comments,A single template for all States would help.\n",
    )

    out, _err = run_import(round_, path)

    assert "Recorded 2 written submission(s) with 5 answer(s)" in out
    assert answers_of(anna) == {"usability": 4, "topics": ["Article 11", "Nil reports"], "prefill": True}
    assert answers_of(ben) == {"format": "Word template", "comments": "A single template for all States would help."}
    submission = Submission.objects.get(participant=anna)
    assert (submission.state, submission.source) == (SubmissionState.SUBMITTED, Source.OFFLINE)


def test_an_xlsx_import_reads_numbers_and_multi_choice_separators(tmp_path):
    round_ = make_round()
    anna = factories.make_participant(email="anna@example.org")
    path = write_xlsx(
        tmp_path,
        [
            ["email", "question", "answer", "notes"],
            ["anna@example.org", "usability", 5, "ignored"],
            ["anna@example.org", "topics", "Article 13|Nil reports", None],
            ["anna@example.org", "prefill", "FALSE", None],
        ],
    )

    run_import(round_, path)

    assert answers_of(anna) == {"usability": 5, "topics": ["Article 13", "Nil reports"], "prefill": False}


@pytest.mark.parametrize("word", ["yes", "no", "true", "false", "y", "n", "1", "0", "Yes", "TRUE"])
def test_yes_no_accepts_the_usual_spellings(tmp_path, word):
    round_ = make_round()
    anna = factories.make_participant(email="anna@example.org")

    run_import(round_, write_csv(tmp_path, f"email,question,answer\nanna@example.org,prefill,{word}\n"))

    assert answers_of(anna) == {"prefill": word.lower() in ("yes", "true", "y", "1")}


def test_several_rows_for_one_text_question_are_joined_in_file_order(tmp_path):
    round_ = make_round()
    anna = factories.make_participant(email="anna@example.org")

    run_import(
        round_,
        write_csv(
            tmp_path,
            "email,question,answer\n"
            "anna@example.org,comments,First paragraph.\n"
            "anna@example.org,comments,Second paragraph.\n",
        ),
    )

    assert answers_of(anna) == {"comments": "First paragraph.\n\nSecond paragraph."}


def test_every_bad_row_is_named_and_nothing_is_imported(tmp_path):
    round_ = make_round(restricted=True)
    factories.make_participant(email="good@example.org")
    factories.make_participant(email="pending@example.org", status=Status.REGISTERED)
    factories.make_participant(email="ngo@example.org", category=Category.CIVIL_SOCIETY)
    path = write_csv(
        tmp_path,
        "email,question,answer\n"
        "good@example.org,usability,4\n"  # row 2: fine
        "nobody@example.org,usability,4\n"  # row 3: unknown e-mail
        "pending@example.org,usability,4\n"  # row 4: not approved
        "ngo@example.org,usability,4\n"  # row 5: restricted round, not a State Party
        "good@example.org,colour,blue\n"  # row 6: unknown question key
        "good@example.org,format,Excel template\n"  # row 7: fine
        "good@example.org,prefill,perhaps\n",  # row 8: not yes/no
    )
    path_with_rating = write_csv(tmp_path, "email,question,answer\ngood@example.org,usability,7\n", "rating.csv")

    with pytest.raises(CommandError):
        run_import(round_, path)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_feedback", str(round_.pk), str(path_with_rating), stderr=err)

    assert not Submission.objects.exists()
    assert "Row 2, column “answer”: A rating goes from 1 to 5; 7 is outside that range." in err.getvalue()


def test_the_command_prints_row_column_and_message_for_each_problem(tmp_path, capsys):
    round_ = make_round(restricted=True)
    factories.make_participant(email="good@example.org")
    factories.make_participant(email="pending@example.org", status=Status.REGISTERED)
    factories.make_participant(email="ngo@example.org", category=Category.CIVIL_SOCIETY)
    path = write_csv(
        tmp_path,
        "email,question,answer\n"
        "nobody@example.org,usability,4\n"
        "pending@example.org,usability,4\n"
        "ngo@example.org,usability,4\n"
        "good@example.org,colour,blue\n"
        "good@example.org,usability,9\n",
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_feedback", str(round_.pk), str(path), stderr=err)

    lines = err.getvalue().splitlines()
    assert lines[0] == "Row 2, column “email”: No participant has the e-mail address nobody@example.org."
    assert (
        lines[1]
        == "Row 3, column “email”: pending@example.org is not an approved participant (status: awaiting vetting)."
    )
    assert lines[2].startswith("Row 4, column “email”: ngo@example.org may not answer this restricted consultation")
    assert lines[3].startswith("Row 5, column “question”: “colour” is not a question of this consultation")
    assert lines[4] == "Row 6, column “answer”: A rating goes from 1 to 5; 9 is outside that range."
    assert not Submission.objects.exists()


def test_a_wrong_header_is_refused(tmp_path):
    round_ = make_round()
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_feedback", str(round_.pk), str(write_csv(tmp_path, "mail,key,value\n")), stderr=err)

    assert "Row 1, column “email”: The header has no “email” column" in err.getvalue()


def test_an_unknown_extension_or_round_is_refused_clearly(tmp_path):
    round_ = make_round()
    path = tmp_path / "feedback.docx"
    path.write_bytes(b"not a table")

    with pytest.raises(CommandError, match=r"neither a \.csv nor an \.xlsx"):
        call_command("import_feedback", str(round_.pk), str(path), stderr=io.StringIO())
    with pytest.raises(CommandError, match="No consultation round has the id 999999"):
        call_command("import_feedback", "999999", str(path))


@pytest.mark.parametrize(
    ("state", "allowed"),
    [(RoundState.OPEN, True), (RoundState.CLOSED, True), (RoundState.SUMMARISED, False), (RoundState.SCHEDULED, False)],
)
def test_imports_are_allowed_while_open_or_closed_never_once_summarised(tmp_path, state, allowed):
    round_ = make_round(state=state)
    factories.make_participant(email="anna@example.org")
    path = write_csv(tmp_path, "email,question,answer\nanna@example.org,usability,3\n")

    if allowed:
        run_import(round_, path)
        assert Submission.objects.filter(state=SubmissionState.SUBMITTED).count() == 1
    else:
        with pytest.raises(CommandError, match="only while a consultation is open or closed"):
            run_import(round_, path)
        assert not Submission.objects.exists()


def test_an_import_replaces_an_earlier_response_and_keeps_its_history(tmp_path):
    round_ = make_round()
    anna = factories.make_participant(email="anna@example.org")
    submit(round_, anna)

    run_import(round_, write_csv(tmp_path, "email,question,answer\nanna@example.org,usability,1\n"))

    submission = Submission.objects.get()
    assert submission.source == Source.OFFLINE
    assert answers_of(anna) == {"usability": 1}
    assert [rev.answers.get("usability") for rev in submission.revisions.order_by("number")] == [4, 1]


def test_conflicting_rows_for_a_single_choice_question_are_refused(tmp_path):
    round_ = make_round()
    factories.make_participant(email="anna@example.org")
    err = io.StringIO()
    path = write_csv(tmp_path, "email,question,answer\nanna@example.org,usability,3\nanna@example.org,usability,4\n")

    with pytest.raises(CommandError):
        call_command("import_feedback", str(round_.pk), str(path), stderr=err)

    assert "answers “usability” differently on rows 2, 3" in err.getvalue()


# --- The Secretariat's form ---------------------------------------------------------------------------


def test_the_secretariat_records_a_written_submission_with_its_file(secretariat_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    round_ = make_round()
    anna = factories.make_participant(full_name="Anna Lindqvist")
    upload = SimpleUploadedFile("Sweden reply.docx", DOCX, content_type="application/octet-stream")

    response = secretariat_client.post(
        reverse("feedback:record_offline", kwargs={"round_id": round_.pk}),
        {"participant": anna.pk, "original_file": upload, "q_usability": "2", "q_comments": "Pasted from Word."},
        follow=True,
    )

    assert "The written submission of Anna Lindqvist is recorded as submitted" in response.content.decode()
    submission = Submission.objects.get(participant=anna)
    assert submission.source == Source.OFFLINE
    assert submission.original_name == "Sweden reply.docx"
    assert "Sweden" not in submission.original_file.name  # stored under a random name
    assert answers_of(anna) == {"usability": 2, "comments": "Pasted from Word."}
    assert AuditEvent.objects.filter(action="feedback.record_offline").exists()


def test_the_original_letter_downloads_as_an_attachment_that_no_cache_keeps(secretariat_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    round_ = make_round()
    anna = factories.make_participant(full_name="Anna Lindqvist")
    upload = SimpleUploadedFile("Sweden reply.docx", DOCX, content_type="application/octet-stream")
    secretariat_client.post(
        reverse("feedback:record_offline", kwargs={"round_id": round_.pk}),
        {"participant": anna.pk, "original_file": upload, "q_usability": "2", "q_comments": "Pasted from Word."},
    )
    pseudonym = Submission.objects.get(participant=anna).pseudonym

    response = secretariat_client.get(
        reverse("feedback:original_file", kwargs={"round_id": round_.pk, "pseudonym": pseudonym})
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == DOCX


def test_the_offline_form_lists_only_participants_who_may_answer(secretariat_client):
    round_ = make_round(restricted=True)
    factories.make_participant(full_name="State Party Expert")
    factories.make_participant(full_name="Industry Expert", category=Category.INDUSTRY)
    factories.make_participant(full_name="Pending Expert", status=Status.REGISTERED)

    page = secretariat_client.get(reverse("feedback:record_offline", kwargs={"round_id": round_.pk})).content.decode()

    assert "State Party Expert" in page
    assert "Industry Expert" not in page
    assert "Pending Expert" not in page


def test_the_offline_form_explains_an_invalid_value_next_to_the_question(secretariat_client):
    round_ = make_round()
    anna = factories.make_participant()

    response = secretariat_client.post(
        reverse("feedback:record_offline", kwargs={"round_id": round_.pk}),
        {"participant": anna.pk, "q_format": "Carrier pigeon", "q_comments": "kept"},
    )

    page = response.content.decode()
    assert "“Carrier pigeon” is not one of the choices" in page
    assert "kept" in page
    assert not Submission.objects.exists()


def test_the_offline_form_refuses_a_summarised_round(secretariat_client):
    round_ = make_round(state=RoundState.SUMMARISED)
    anna = factories.make_participant()

    response = secretariat_client.post(
        reverse("feedback:record_offline", kwargs={"round_id": round_.pk}), {"participant": anna.pk, "q_usability": "2"}
    )

    assert "Not possible for this consultation now" in response.content.decode()
    assert not Submission.objects.exists()


def test_offline_recording_directly_through_the_service_refuses_an_ineligible_participant(secretariat):
    round_ = make_round(restricted=True)
    ngo = factories.make_participant(category=Category.CIVIL_SOCIETY)

    with pytest.raises(services.NotEligible, match="States Parties only"):
        services.record_offline_submission(
            round_id=round_.pk, participant_id=ngo.pk, answers={"usability": "3"}, by=secretariat
        )


# --- The admin import (django-import-export) ---------------------------------------------------------


def test_the_admin_import_checks_first_then_records_on_confirmation(secretariat_client, tmp_path):
    round_ = make_round()
    anna = factories.make_participant(email="anna@example.org")
    url = reverse("admin:feedback_submission_import")
    upload = SimpleUploadedFile("in.csv", b"email,question,answer\nanna@example.org,usability,4\n", "text/csv")

    preview = secretariat_client.post(url, {"round": round_.pk, "resource": "0", "format": "0", "import_file": upload})
    assert preview.status_code == 200
    assert not Submission.objects.exists()  # the first step is a dry run
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    secretariat_client.post(reverse("admin:feedback_submission_process_import"), data)

    assert answers_of(anna) == {"usability": 4}


def test_the_admin_import_shows_each_bad_row_and_imports_nothing(secretariat_client):
    round_ = make_round()
    factories.make_participant(email="anna@example.org")
    upload = SimpleUploadedFile(
        "in.csv", b"email,question,answer\nanna@example.org,usability,4\nzed@example.org,usability,11\n", "text/csv"
    )

    response = secretariat_client.post(
        reverse("admin:feedback_submission_import"),
        {"round": round_.pk, "resource": "0", "format": "0", "import_file": upload},
    )

    page = re.sub(r"\s+", " ", response.content.decode())
    assert "No participant has the e-mail address zed@example.org." in page
    assert "A rating goes from 1 to 5; 11 is outside that range." in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Submission.objects.exists()


def test_the_submission_admin_never_shows_who_answered(secretariat_client):
    round_ = make_round()
    anna = factories.make_participant(full_name="Anna Lindqvist", email="anna@example.org")
    submission = submit(round_, anna)

    page = secretariat_client.get(reverse("admin:feedback_submission_changelist")).content.decode()
    detail = secretariat_client.get(reverse("admin:feedback_submission_change", args=[submission.pk])).content.decode()

    assert f"Respondent {submission.pseudonym}" in page
    assert "Anna" not in page and "anna@example.org" not in page
    assert "Anna" not in detail and "anna@example.org" not in detail


def test_the_written_answer_page_says_recording_is_the_secretariats_statement_of_personal_capacity(
    secretariat_client,
):
    round_ = make_round()

    page = secretariat_client.get(reverse("feedback:record_offline", kwargs={"round_id": round_.pk})).content.decode()

    assert "Recording answers is your statement, as the Secretariat, that the participant gave them in their" in page
    assert "personal expert capacity (Annex 1 §11)" in page


def test_the_import_command_help_says_recording_is_the_secretariats_statement_of_personal_capacity():
    from feedback.management.commands.import_feedback import Command

    assert "personal expert capacity (Annex 1 §11)" in Command.help
