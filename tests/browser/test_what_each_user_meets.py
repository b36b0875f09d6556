"""What each user meets first, in a real browser at 1280 and 390 px, with axe-core finding nothing: the
Secretariat's and the Chair's to-do overviews, the audit trail in words, confirmations before what
cannot be undone, topics for participants, and phone layouts."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consult.models import Frequency, Subscription
from participants import audit
from participants.models import Participant, Status
from tests import factories
from tests.browser.helpers import PHONE, assert_accessible, give_second_factor, log_in, screenshot
from tests.consult.helpers import make_round, make_tool
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def staff_log_in(page, user) -> None:
    factories.confirm_totp_device(user)
    log_in(page, user.email, factories.PASSWORD)
    give_second_factor(page, user)


def test_the_secretariat_starts_from_what_waits_and_stays_in_the_queue_on_a_missing_reason(page):
    amina = factories.make_secretariat(email="amina@thearmstradetreaty.org", name="Amina Okafor")
    applicant = factories.make_participant(full_name="Ingrid Johansson", status=Status.REGISTERED)
    factories.make_participant(full_name="Kwame Mensah", status=Status.REGISTERED)
    staff_log_in(page, amina)

    page.goto("/rounds/overview/")
    expect(page.get_by_role("heading", name="Waiting for you")).to_be_visible()
    expect(page.locator(".todo__item").filter(has_text="applications to vet")).to_contain_text("2")
    expect(page.get_by_role("link", name="Vetting 2 waiting")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "secretariat-overview")
    screenshot(page, "secretariat-overview", phone=True)

    page.get_by_role("link", name=re.compile(r"^Vet\W+2 applications to vet$")).click()
    page.locator(f"#application-{applicant.pk}").locator("xpath=ancestor::article").get_by_role(
        "button", name="Decline"
    ).click()
    expect(page.get_by_text("Nothing was decided: the decision needs a reason.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Vetting")).to_be_visible()
    assert_accessible(page)
    page.locator(f"#reason-{applicant.pk}").fill("Outside the group's scope (Annex 1, §3).")
    page.locator(f"#application-{applicant.pk}").locator("xpath=ancestor::article").get_by_role(
        "button", name="Decline"
    ).click()
    expect(page.get_by_text("Ingrid Johansson's application is declined.")).to_be_visible()
    assert Participant.objects.get(pk=applicant.pk).status == Status.DECLINED


def test_the_audit_trail_reads_as_sentences_and_fits_the_page_whatever_the_content(page):
    amina = factories.make_secretariat(email="amina@thearmstradetreaty.org", name="Amina Okafor")
    applicant = factories.make_participant(full_name="Ingrid Johansson", status=Status.REGISTERED)
    from participants import services

    services.approve_participant(participant_id=applicant.pk, by=amina, reason="x" * 400)
    audit.record(actor=amina, action="round.update", changed=["title-" + "y" * 300], reason="z" * 250)
    staff_log_in(page, amina)

    page.goto("/audit/")
    expect(page.get_by_text("Amina Okafor approved the application of Ingrid Johansson")).to_be_visible()
    assert_accessible(page)  # also: nothing wider than the screen at 1280 and at 390 px
    screenshot(page, "audit-trail")
    page.get_by_label("What happened").select_option(label="Application approved")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 event")).to_be_visible()
    page.get_by_label("From").fill("2026-12-10")
    page.get_by_label("Until").fill("2026-12-01")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("Nothing is listed until the filters are fixed")).to_be_visible()
    assert page.get_by_text("approved the application").count() == 0
    assert_accessible(page)


def test_the_chair_starts_from_the_consultations_waiting_for_a_summary(page):
    round_ = open_round(title="Annual report template")
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": "please add an export to spreadsheets."})
    close(round_)
    chair = factories.make_chair(email="chair@example.org")
    staff_log_in(page, chair)

    expect(page.get_by_role("heading", name="Waiting for a summary")).to_be_visible()
    expect(page.get_by_role("link", name="Overview 1 waiting")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "chair-overview")
    page.get_by_role("link", name=re.compile(r"^Prepare the summary\W+Annual report template$")).click()
    page.get_by_role("button", name="Generate the summary").click()
    page.get_by_role("heading", name="Your narrative").wait_for()

    page.get_by_role("button", name="Approve for the report").click()
    expect(page.get_by_role("heading", level=1, name="Approve the summary for the report?")).to_be_visible()
    expect(page.get_by_text("Your narrative is empty.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "summary-approve-confirmation")
    page.get_by_role("button", name="Approve anyway").click()
    expect(page.get_by_text("Approved. The consultation is now marked as summarised")).to_be_visible()
    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_text("No closed consultation is waiting for its summary.")).to_be_visible()


def test_a_participant_chooses_topics_and_a_weekly_digest(page):
    make_tool("Online reporting tool", articles=(13,))
    make_tool("Information exchange platform", articles=(11, 15))
    participant = factories.make_participant(email="ingrid@example.org")
    log_in(page, "ingrid@example.org", factories.PASSWORD)

    page.get_by_role("link", name="Profile").click()
    page.get_by_role("link", name="choose your topics").click()
    expect(page.get_by_role("heading", level=1, name="Your topics")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Online reporting tool").check()
    page.get_by_label("Article 15: international cooperation").check()
    page.get_by_label("In one weekly digest").check()
    page.get_by_role("button", name="Save my topics").click()

    expect(page.get_by_text("Your topics are saved.")).to_be_visible()
    expect(page.get_by_text("News arrives in one digest on Monday mornings.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "participant-topics")
    subscription = Subscription.objects.get(participant=participant)
    assert subscription.frequency == Frequency.WEEKLY and subscription.articles == [15]


def test_on_a_phone_lists_become_cards_and_wide_tables_scroll_in_a_focusable_region(page):
    amina = factories.make_secretariat(email="amina@thearmstradetreaty.org")
    for number in range(3):
        factories.make_participant(full_name=f"Expert with a rather long name number {number}")
    round_ = make_round(state="open", now=timezone.now() - timezone.timedelta(days=2))
    staff_log_in(page, amina)
    page.set_viewport_size(PHONE)

    page.goto("/participants/")
    row = page.locator("table.table--stack tbody tr").first
    assert row.evaluate("element => getComputedStyle(element).display") == "block"
    label = row.locator("td[data-label]").first.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Category"'  # each cell says what it is
    assert_accessible(page)
    screenshot(page, "participants-phone", phone=True)

    page.goto(f"/feedback/rounds/{round_.pk}/progress/")
    region = page.locator(".table-wrap[role=region]")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("aria-label", "Responses by participant category")
    assert_accessible(page)
