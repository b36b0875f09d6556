"""A visitor reads the home page, logs in, and every page passes axe-core with no console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_about_the_group_and_logs_in(page):
    participant = factories.make_participant(email="ingrid@example.org", full_name="Ingrid Johansson")

    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Informal advisory group")
    assert_accessible(page)
    page.get_by_role("link", name="Log in").first.click()
    assert_accessible(page)
    log_in(page, "ingrid@example.org", factories.PASSWORD)

    expect(page.get_by_text(participant.full_name).first).to_be_visible()
    assert_accessible(page)


def test_staff_pass_two_step_verification(page):
    user = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(user)

    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    expect(page.get_by_role("heading", name="Two-step verification")).to_be_visible()
    assert_accessible(page)
    give_second_factor(page, user)

    expect(page.get_by_role("link", name="Admin")).to_be_visible()


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
