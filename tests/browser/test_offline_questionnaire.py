"""Answering offline in a real browser: a participant downloads the Word questionnaire, fills it, uploads
it into their draft, checks it and submits; a bad file is refused on the page; the Secretariat records a
filled Excel file received by e-mail. Every page passes axe-core."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from feedback.models import Answer, Source, Submission, SubmissionState
from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in
from tests.feedback.helpers import make_round
from tests.feedback.questionnaire_helpers import SHEET_ANSWERS, STORED, WORD_ANSWERS, fill_docx, fill_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOTS")  # a folder, to keep screenshots while working on the pages


def snap(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def open_offline_panel(page, title: str) -> None:
    page.goto("/feedback/")
    page.get_by_role("link", name=re.compile(f"Start answering.*{title}")).click()
    page.get_by_text("Answer offline in Word or Excel").click()


def test_a_participant_answers_in_word_and_submits_from_the_page(page):
    round_ = make_round(title="Reporting workflow")
    factories.make_participant(email="ingrid@example.org", full_name="Ingrid Johansson")
    log_in(page, "ingrid@example.org", factories.PASSWORD)
    open_offline_panel(page, "Reporting workflow")
    snap(page, "offline-panel")
    assert_accessible(page)

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Word (.docx)").click()
    blank = Path(downloading.value.path()).read_bytes()
    page.get_by_label("Filled questionnaire").set_input_files(
        {"name": "our answers.docx", "mimeType": "application/octet-stream", "buffer": fill_docx(blank, WORD_ANSWERS)}
    )
    page.get_by_role("button", name="Upload filled questionnaire").click()

    expect(page.get_by_text("5 answers from “our answers.docx” are now in your draft.")).to_be_visible()
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()
    expect(page.get_by_label("Any other comments?")).to_have_value(STORED["comments"])
    snap(page, "after-upload")
    assert_accessible(page)
    assert Submission.objects.get(round=round_).state == SubmissionState.DRAFT

    page.get_by_label(re.compile("I confirm that these views are given in my personal expert capacity")).check()
    page.get_by_role("button", name="Submit response").click()

    expect(page.get_by_text(re.compile("your response to “Reporting workflow” is submitted"))).to_be_visible()
    submitted = dict(Answer.objects.filter(submission__round=round_).values_list("question__key", "value"))
    assert submitted == STORED


def test_a_bad_file_is_refused_on_the_page_with_every_problem_named(page):
    make_round(title="Reporting workflow")
    factories.make_participant(email="ingrid@example.org")
    log_in(page, "ingrid@example.org", factories.PASSWORD)
    open_offline_panel(page, "Reporting workflow")

    page.get_by_label("Filled questionnaire").set_input_files(
        {"name": "answers.docx", "mimeType": "application/pdf", "buffer": b"%PDF-1.7 a letter"}
    )
    page.get_by_role("button", name="Upload filled questionnaire").click()

    alert = page.get_by_role("alert").filter(has_text="nothing was saved")
    expect(alert).to_contain_text("is not a Word (.docx) or Excel (.xlsx) questionnaire")
    snap(page, "upload-refused")
    assert_accessible(page)
    assert not Submission.objects.exists()


def test_the_secretariat_records_a_filled_workbook_received_by_email(page):
    round_ = make_round(title="Reporting workflow")
    participant = factories.make_participant(email="kwame@example.org", full_name="Kwame Mensah")
    staff = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(staff)
    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, staff)
    page.goto(f"/feedback/rounds/{round_.pk}/offline/")
    assert_accessible(page)

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    filled = fill_xlsx(Path(downloading.value.path()).read_bytes(), SHEET_ANSWERS)
    section = page.locator("#from-file")
    section.get_by_label("Participant").select_option(value=str(participant.pk))
    section.get_by_label("Filled questionnaire").set_input_files(
        {"name": "kwame.xlsx", "mimeType": "application/octet-stream", "buffer": filled}
    )
    section.get_by_role("button", name="Record from the file").click()

    expect(page.get_by_text(re.compile("The questionnaire of Kwame Mensah is recorded"))).to_be_visible()
    snap(page, "recorded-from-file")
    assert_accessible(page)
    submission = Submission.objects.get(round=round_, participant=participant)
    assert (submission.state, submission.source, submission.original_name) == (
        SubmissionState.SUBMITTED,
        Source.OFFLINE,
        "kwame.xlsx",
    )
