"""The Chair codes fifty answers from the keyboard alone, and every analysis page passes axe."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from feedback.analysis import services
from feedback.analysis.models import ThemeTag
from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")
SUBJECTS = ["an XML export", "guidance next to each field", "a nil-report checkbox", "an offline template"]


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_fifty_answers_are_coded_from_the_keyboard_alone(page):
    round_ = open_round()
    for number, person in enumerate(respondents(50)):
        answer(round_, person, {"improve": f"Answer {number}: we would like {SUBJECTS[number % 4]} ({number * 37})."})
    close(round_)
    chair = factories.make_chair(email="chair@example.org")
    factories.confirm_totp_device(chair)
    for name in ("Formats", "Guidance", "Nil reports", "Offline"):
        services.create_theme(round_id=round_.pk, by=chair, name=name)

    log_in(page, "chair@example.org", factories.PASSWORD)
    give_second_factor(page, chair)
    page.goto(f"/analysis/{round_.pk}/")
    assert_accessible(page)
    shot(page, "analysis-overview")
    page.goto(f"/analysis/{round_.pk}/questions/improve/code/")
    expect(page.get_by_text("Answer 1 of 50")).to_be_visible()
    assert_accessible(page)
    shot(page, "analysis-coding")

    for position in range(1, 51):
        text = page.locator(".coding-answer").inner_text()
        subject = next(index for index, words in enumerate(SUBJECTS) if words in text)
        page.keyboard.press(str(subject + 1))  # the themes are listed by name: 1 Formats, 2 Guidance...
        page.keyboard.press("Enter")
        if position < 50:
            expect(page.get_by_text(f"Answer {position + 1} of 50")).to_be_visible()

    expect(page.get_by_text("That was the last answer to code.")).to_be_visible()
    assert ThemeTag.objects.count() == 50
    assert page.get_by_text("50 answers, 0 without a theme.").is_visible()
    assert_accessible(page)
    shot(page, "analysis-question")


def test_suggestions_and_a_theme_page_pass_axe(page):
    round_ = open_round()
    texts = ["We need an XML export of the report."] * 6 + ["Guidance notes next to every field would help."] * 6
    for person, text in zip(respondents(len(texts)), texts, strict=True):
        answer(round_, person, {"improve": text})
    close(round_)
    chair = factories.make_chair(email="chair@example.org")
    factories.confirm_totp_device(chair)

    log_in(page, "chair@example.org", factories.PASSWORD)
    give_second_factor(page, chair)
    page.goto(f"/analysis/{round_.pk}/questions/improve/suggestions/")
    page.get_by_role("button", name="Suggest themes").click()
    expect(page.get_by_text("themes suggested")).to_be_visible()
    assert_accessible(page)
    shot(page, "analysis-suggestions")
    page.locator("input[name=suggestion]").first.check()
    page.get_by_label("Theme name").fill("Export formats")
    page.get_by_role("button", name="Accept (merge if several)").click()
    expect(page.get_by_text("Theme “Export formats” is in the codebook")).to_be_visible()
    page.goto(f"/analysis/{round_.pk}/")
    page.get_by_role("link", name="Export formats").click()
    assert_accessible(page)
    shot(page, "analysis-theme")
