"""A participant answers a consultation in a real browser, loses nothing, submits and resubmits; the Chair
then reads the response under a pseudonym only. Every page passes axe-core with no console errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Submission, SubmissionState
from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in, new_page, screenshot
from tests.feedback.helpers import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def is_offline_noise(text: str) -> bool:
    """Chromium logs each request refused while the test has switched the network off."""
    return "ERR_INTERNET_DISCONNECTED" in text


def open_questionnaire(page, title: str) -> None:
    page.goto("/feedback/")
    page.get_by_role("link", name=re.compile(f"(Start answering|Continue your draft|View or change).*{title}")).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def test_a_participant_answers_loses_nothing_submits_and_resubmits(page, browser, live_server):
    round_ = make_round(title="Reporting workflow")
    ingrid = factories.make_participant(email="ingrid@example.org", full_name="Ingrid Johansson")
    chair_page = page
    context, page, errors = new_page(browser, live_server, expected=is_offline_noise)

    # Start answering: autosave keeps the draft on the server.
    log_in(page, "ingrid@example.org", factories.PASSWORD)
    expect(page.get_by_role("heading", level=1, name="My consultations")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "dashboard")
    open_questionnaire(page, "Reporting workflow")
    page.get_by_label("4", exact=True).check()
    comments = page.get_by_label("Any other comments?")
    comments.fill("The new workflow is clearer than last year's.")
    expect(page.locator(".counter").first).to_have_text("45 of 200 characters")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d"))
    assert_accessible(page)
    screenshot(page, "answer")

    # Close the browser and come back: the draft is there.
    assert not errors, errors
    context.close()
    context, page, errors = new_page(browser, live_server, expected=is_offline_noise)
    log_in(page, "ingrid@example.org", factories.PASSWORD)
    open_questionnaire(page, "Reporting workflow")
    expect(page.get_by_label("Any other comments?")).to_have_value("The new workflow is clearer than last year's.")
    expect(page.get_by_label("4", exact=True)).to_be_checked()

    # The network drops and the session expires while typing: this browser keeps the answers.
    context.set_offline(True)
    page.get_by_label("Any other comments?").fill("Typed while the network was down.")
    page.get_by_label("Any other comments?").blur()
    # The save on leaving the field, or the one after the pause in typing, meets the dropped network.
    expect(page.locator("#save-status")).to_contain_text("Not saved", timeout=15_000)
    context.clear_cookies(name="sessionid")  # the session expires; the rest of the browser stays
    context.set_offline(False)
    expect(page.locator("#save-status")).to_contain_text("your session has ended")
    page.goto("/feedback/")
    log_in(page, "ingrid@example.org", factories.PASSWORD)
    open_questionnaire(page, "Reporting workflow")
    expect(page.get_by_text("We restored unsaved answers from this browser")).to_be_visible()
    expect(page.get_by_label("Any other comments?")).to_have_value("Typed while the network was down.")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d"))
    assert Submission.objects.get().working_answers["comments"] == "Typed while the network was down."

    # Submit, confirming the personal expert capacity once.
    page.get_by_role("group", name="Which format do you prefer for the annual report?").get_by_label(
        "Excel template"
    ).check()
    page.get_by_label(re.compile("personal expert capacity")).check()
    page.get_by_role("button", name="Submit response").click()
    expect(page.get_by_text(re.compile("your response to “Reporting workflow” is submitted"))).to_be_visible()
    expect(page.locator(".badge", has_text="Submitted")).to_be_visible()
    assert_accessible(page)

    # Edit and resubmit before the deadline; the history keeps both versions.
    open_questionnaire(page, "Reporting workflow")
    page.get_by_label("2", exact=True).check()
    expect(page.locator("#save-status")).to_contain_text("not submitted yet")
    page.get_by_role("button", name="Submit again").click()
    expect(page.get_by_text(re.compile("is submitted"))).to_be_visible()
    submission = Submission.objects.get(participant=ingrid)
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.revisions.count() == 2
    assert not errors, errors
    context.close()

    # The Chair sees the response under its pseudonym only.
    chair = factories.make_chair(email="chair@example.org")
    factories.confirm_totp_device(chair)
    page = chair_page
    log_in(page, "chair@example.org", factories.PASSWORD)
    give_second_factor(page, chair)
    page.goto(f"/feedback/rounds/{round_.pk}/responses/")
    expect(page.get_by_role("heading", level=1, name="Responses by respondent")).to_be_visible()
    main = page.locator("main").inner_text()
    assert f"Respondent {submission.pseudonym}" in main
    assert "Ingrid" not in main and "Johansson" not in main and "ingrid@example.org" not in main
    assert_accessible(page)
    screenshot(page, "chair-responses")
    page.get_by_role("link", name=f"Respondent {submission.pseudonym}").click()
    expect(page.get_by_role("heading", level=1, name=f"Respondent {submission.pseudonym}")).to_be_visible()
    assert "2 of 5" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="By question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How easy is the online reporting tool to use?")
    assert_accessible(page)
    screenshot(page, "chair-question")


def test_a_double_click_on_submit_sends_one_submission(page):
    make_round(title="Guidance review")
    factories.make_participant(email="kwame@example.org")
    log_in(page, "kwame@example.org", factories.PASSWORD)
    open_questionnaire(page, "Guidance review")
    page.get_by_label("5 · very good").check()
    page.get_by_role("group", name="Which format do you prefer for the annual report?").get_by_label(
        "Online form"
    ).check()
    page.get_by_label(re.compile("personal expert capacity")).check()

    page.get_by_role("button", name="Submit response").dblclick()

    expect(page.get_by_text(re.compile("is submitted"))).to_be_visible()
    assert Submission.objects.get().revisions.count() == 1
