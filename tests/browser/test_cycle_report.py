"""The Secretariat generates the cycle report, sees the gate block a name, fixes it, approves and downloads Word."""

from __future__ import annotations

import pytest
from docx import Document
from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in, screenshot
from tests.report.helpers import a_cycle, approve_summary, record_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_generates_gates_approves_and_downloads_the_cycle_report(page):
    cycle, rounds, people = a_cycle(respondents=4)
    approve_summary(rounds[0], factories.make_chair())
    secretariat = factories.make_secretariat(email="secretariat@example.org")
    record_action([rounds[0]], secretariat, action="The annual report now pre-fills from last year.")
    factories.confirm_totp_device(secretariat)

    log_in(page, "secretariat@example.org", factories.PASSWORD)
    give_second_factor(page, secretariat)
    page.goto("/reports/")
    page.get_by_role("link", name=cycle.name).click()
    page.get_by_role("button", name="Generate the report").click()
    page.get_by_role("heading", name="Introduction and conclusions").wait_for()
    main = page.locator("main").inner_text()
    assert "II. The advisory group" in main and "The annual report now pre-fills from last year." in main
    assert_accessible(page)
    screenshot(page, "cycle-report")

    page.get_by_label("Introduction", exact=True).fill(f"We thank {people[0].full_name} for the comments.")
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_role("heading", name="The leak gate found 1 identifying detail")).to_be_visible()
    assert page.get_by_role("button", name="Approve the report").is_disabled()
    screenshot(page, "cycle-report-blocked")

    page.get_by_label("Introduction", exact=True).fill("We thank every expert for the comments.")
    page.get_by_role("button", name="Save and check").click()
    page.get_by_role("button", name="Approve the report").click()
    expect(page.get_by_text("Approved. Download the report")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()

    text = "\n".join(p.text for p in Document(download.value.path()).paragraphs)
    assert "We thank every expert for the comments." in text and people[0].full_name not in text
