"""The Chair generates the summary, sees the leak gate block a name, fixes it, approves and downloads Word."""

from __future__ import annotations

import pytest
from docx import Document
from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in, screenshot
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_reviews_gates_approves_and_exports_the_summary(page):
    round_ = open_round()
    factories.make_participant(full_name="Ingrid Johansson", country="SE")
    texts = [
        "As Sweden we pre-fill from last year's report; Ingrid Johansson can share the template.",
        "Please add an XML export alongside Excel, and a French version of the guidance.",
        "The validation messages in Article 13 sections should say which field is wrong.",
    ]
    for person, text, rating in zip(respondents(3), texts, [4, 5, 3], strict=True):
        answer(round_, person, {"ease": rating, "formats": ["Excel", "XML"], "pilot": True, "improve": text})
    close(round_)
    chair = factories.make_chair(email="chair@example.org")
    factories.confirm_totp_device(chair)

    log_in(page, "chair@example.org", factories.PASSWORD)
    give_second_factor(page, chair)
    page.goto(f"/summaries/{round_.pk}/")
    page.get_by_role("button", name="Generate the summary").click()
    page.get_by_role("heading", name="Your narrative").wait_for()
    assert page.locator("mark.redaction").count() >= 2
    assert "Ingrid" not in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, "summary-review")

    page.get_by_label("Chair's narrative").fill("Ingrid Johansson and others welcomed pre-filling.")
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_role("heading", name="The leak gate found 1 identifying detail")).to_be_visible()
    assert page.get_by_role("button", name="Approve for the report").is_disabled()
    assert_accessible(page)
    screenshot(page, "summary-blocked")

    page.get_by_label("Chair's narrative").fill("Experts welcomed pre-filling and asked for XML.")
    page.get_by_role("button", name="Save and check").click()
    page.get_by_role("button", name="Approve for the report").click()
    expect(page.get_by_text("Approved. The consultation is now marked as summarised")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()

    doc = Document(download.value.path())
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Experts welcomed pre-filling and asked for XML." in text
    assert "Ingrid" not in text and "Sweden" not in text
    screenshot(page, "summary-approved")
