"""The Secretariat plans an online consultation end to end; a participant finds it, reads and calendars it."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from consult.models import Round, RoundState
from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in, screenshot
from tests.consult.helpers import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def local(days: int, hour: int) -> str:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def secretariat_plans_an_online_round(page, tmp_path) -> None:
    page.get_by_role("link", name="Cycles and tools").click()
    assert_accessible(page)
    page.get_by_role("link", name="Create a cycle").click()
    page.get_by_label("Name").fill("CSP12-CSP13")
    page.get_by_label("Starts on").fill("2026-08-28")
    page.get_by_label("Ends on").fill("2027-08-27")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a tool").click()
    page.get_by_label("Name").fill("Online reporting tool")
    page.get_by_label("Article 13").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("1 of 2").count() == 0  # nothing planned yet

    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Plan a consultation").first.click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Online reporting tool: first look")
    page.get_by_label("Tool").select_option(label="Online reporting tool")
    page.get_by_label("Stage").select_option(label="Design")
    page.get_by_label("Online meeting").check()
    page.get_by_label("Opens at").fill(local(2, 9))
    page.get_by_label("Closes at").fill(local(20, 17))
    page.get_by_label("Meeting starts at").fill(local(5, 14))
    page.get_by_label("Meeting ends at").fill(local(5, 16))
    expect(page.get_by_label("Venue")).to_be_hidden()  # in-person details only for in-person meetings
    page.get_by_label("Meeting link").fill("https://meet.example.org/att-wgtr")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert_accessible(page)

    for title, name, content in [
        ("Design note", "note.pdf", PDF),
        ("Field list", "fields.csv", b"field,required\nA,yes\n"),
    ]:
        page.get_by_role("link", name="Add a document").first.click()
        page.get_by_label("Title").fill(title)
        upload = tmp_path / name
        upload.write_bytes(content)
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_label("This document is in English").check()
        assert_accessible(page)
        page.get_by_role("button", name="Upload", exact=True).click()
        expect(page.get_by_text(f"“{title}” added.")).to_be_visible()

    page.get_by_role("link", name="Edit the questionnaire").click()
    page.get_by_role("link", name="Add the first question").click()
    page.get_by_label("Key").fill("ease")
    page.get_by_label(re.compile(r"^Question")).fill("How easy is the new workflow?")
    page.get_by_label("Kind").select_option(label="Rating 1-5")
    page.get_by_role("button", name="Save and add another").click()
    page.get_by_label("Key").fill("formats")
    page.get_by_label(re.compile(r"^Question")).fill("Which formats should it export?")
    page.get_by_label("Kind").select_option(label="Several choices")
    page.get_by_label("Choices").fill("CSV\nXML\nJSON")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="How easy is the new workflow?")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to the consultation").click()
    page.get_by_role("link", name="Schedule and announce").click()
    expect(page.get_by_role("heading", level=1, name="Schedule and announce this consultation?")).to_be_visible()
    expect(page.get_by_text("1 participant is e-mailed now: 1 with a calendar invitation.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "rounds-schedule-confirmation")
    page.get_by_role("button", name="Schedule and e-mail 1 participant").click()
    expect(page.get_by_text("Scheduled: 1 of 2 consultations used in CSP12-CSP13")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "rounds-secretariat-round-page")
    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_text("1 of 2 consultations used in CSP12-CSP13").first).to_be_visible()
    assert_accessible(page)


def test_secretariat_plans_an_online_round_and_a_participant_takes_it_up(page, tmp_path):
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)
    participant = factories.make_participant(email="ingrid@example.org", full_name="Ingrid Johansson")
    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, secretariat)

    secretariat_plans_an_online_round(page, tmp_path)

    round_ = Round.objects.get()
    assert round_.state == RoundState.SCHEDULED
    invitation = next(message for message in mail.outbox if message.to == [participant.email])
    assert any(item[2].startswith("text/calendar") for item in invitation.attachments)
    page.get_by_role("button", name="Log out").click()

    log_in(page, "ingrid@example.org", factories.PASSWORD)
    page.goto(f"/rounds/{round_.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Online reporting tool: first look"
    expect(page.get_by_role("link", name="https://meet.example.org/att-wgtr")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "rounds-participant-round-page")

    with page.expect_download() as document_download:
        page.get_by_role("link", name="PDF").click()
    assert Path(document_download.value.path()).read_bytes() == PDF
    assert document_download.value.suggested_filename == "design-note-v1.pdf"

    with page.expect_download() as calendar_download:
        page.get_by_role("link", name="Add to calendar (.ics)").first.click()
    events = Calendar.from_ical(Path(calendar_download.value.path()).read_bytes()).walk("VEVENT")
    assert str(round_.calendar_uid) in {str(event["UID"]) for event in events}

    page.get_by_role("link", name="Subscribe to your calendar feed").click()
    participant.refresh_from_db()
    assert (
        page.get_by_label("Calendar address").input_value().endswith(f"/rounds/calendar/{participant.feed_token}.ics")
    )
    assert_accessible(page)

    page.get_by_role("link", name="Documents").click()
    page.get_by_label("Keywords").fill("field")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Field list", exact=True)).to_be_visible()
    assert page.get_by_role("link", name="Design note").count() == 0
    assert_accessible(page)
