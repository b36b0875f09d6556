"""The error pages in a real browser: the site's layout, a way back, and nothing for axe to find."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import assert_accessible, log_in, new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The browser reports the page's own error status in its console; anything else is a real error.
EXPECTED = re.compile(r"^Failed to load resource: the server responded with a status of (403|404|500)\b")


@pytest.fixture
def page(browser, live_server):
    context, page, errors = new_page(browser, live_server, expected=lambda text: bool(EXPECTED.match(text)))
    yield page
    context.close()
    assert not errors, errors


def test_a_visitor_on_an_unknown_address_finds_the_way_home(page):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1, name="We cannot find that page")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "error-404")
    page.get_by_role("link", name="Go to the home page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Informal advisory group")


def test_a_participant_refused_a_staff_page_goes_back_to_their_overview(page):
    factories.make_participant(email="ingrid@example.org")
    log_in(page, "ingrid@example.org", factories.PASSWORD)

    response = page.goto("/audit/")

    assert response.status == 403
    expect(page.get_by_role("heading", level=1, name="This page is not open to your account")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "error-403")
    page.get_by_role("link", name="Go to your overview").click()
    expect(page.get_by_role("heading", level=1, name="My consultations")).to_be_visible()


def test_a_crash_shows_the_500_page(page, settings):
    settings.ROOT_URLCONF = "tests.site.crash_urls"

    response = page.goto("/crash/")

    assert response.status == 500
    expect(page.get_by_role("heading", level=1, name="Something went wrong on our side")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "error-500")
