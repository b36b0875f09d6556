"""A participant answers a questionnaire whose follow-up question appears and disappears as they answer,
on a desktop screen and on a phone, with "Other", a number, a ranking and a grid. axe finds nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Answer
from tests import factories
from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, log_in, new_page, screenshot
from tests.feedback.helpers import make_round
from tests.feedback.kinds_helpers import FOLLOW_UP_QUESTIONS, RANKING_AND_GRID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def toggle_follow_up(page) -> None:
    """Yes shows the follow-up, No hides it; what was typed in it is kept while it is hidden."""
    prefill = page.get_by_role("group", name="Should the tool pre-fill from last year's report?")
    follow_up = page.get_by_label("What should it pre-fill?")
    expect(follow_up).to_be_hidden()
    prefill.get_by_label("Yes").check()
    expect(follow_up).to_be_visible()
    expect(page.locator("#follow-up-live")).to_have_text("A follow-up question is now shown: What should it pre-fill?")
    follow_up.fill("Last year's exports")
    prefill.get_by_label("No").check()
    expect(follow_up).to_be_hidden()
    expect(page.locator("#discard-notice")).to_be_visible()
    expect(page.locator("#discard-list")).to_have_text("What should it pre-fill?")
    prefill.get_by_label("Yes").check()
    expect(follow_up).to_have_value("Last year's exports")
    expect(page.locator("#discard-notice")).to_be_hidden()


def test_follow_up_questions_appear_and_disappear_on_desktop_and_phone(browser, live_server):
    round_ = make_round(title="Reporting workflow", questions=[*FOLLOW_UP_QUESTIONS, *RANKING_AND_GRID])
    participant = factories.make_participant(email="ingrid@example.org")
    context, page, errors = new_page(browser, live_server)
    log_in(page, "ingrid@example.org", factories.PASSWORD)
    page.goto(f"/feedback/rounds/{round_.pk}/answer/")
    expect(page.get_by_role("heading", level=1, name="Reporting workflow")).to_be_visible()

    toggle_follow_up(page)
    page.set_viewport_size(PHONE)
    page.get_by_role("group", name="Should the tool pre-fill from last year's report?").get_by_label("No").check()
    toggle_follow_up(page)
    screenshot(page, "follow-ups", phone=True)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("group", name="Which format do you prefer?").get_by_label("Other, please specify").check()
    page.get_by_label("Your other answer").fill("A CSV upload")
    page.get_by_label("How many staff prepare the report?").fill("4")
    page.get_by_label("Guidance").select_option("1")
    page.get_by_label("Validation").select_option("2")
    page.get_by_label("Offline editing").select_option("3")
    page.get_by_role("group", name="The template is clear").get_by_label("Agree", exact=True).check()
    page.get_by_role("group", name="Which format do you prefer?").get_by_label("Other, please specify").focus()
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d"))
    assert_accessible(page)
    screenshot(page, "new-kinds")

    # Hide the follow-up again: submitting tells what is left out, and leaves it out.
    page.get_by_role("group", name="Should the tool pre-fill from last year's report?").get_by_label("No").check()
    assert_accessible(page)
    page.get_by_label(re.compile("personal expert capacity")).check()
    page.get_by_role("button", name="Submit response").click()
    expect(page.get_by_text("is submitted")).to_be_visible()

    stored = dict(Answer.objects.filter(submission__participant=participant).values_list("question__key", "value"))
    assert stored == {
        "prefill": False,
        "format": "A CSV upload",
        "staff": 4,
        "priorities": ["Guidance", "Validation", "Offline editing"],
        "agree": {"1": "Agree"},
    }
    assert not errors, errors
    context.close()
