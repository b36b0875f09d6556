"""The Lighthouse accessibility audits on each role's main page, as axe rules (target-size included),
at 1280 and 390 px: a score of 100 means not one of them fails."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import Status
from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in
from tests.consult.helpers import add_document, make_round
from tests.feedback.summary_data import closed_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    round_ = make_round(state="open", title="Reporting workflow", now=timezone.now() - timezone.timedelta(days=2))
    add_document(round_, title="Design note")
    closed_round(title="Annual report template")
    factories.make_participant(status=Status.REGISTERED)
    return round_


def staff(page, user) -> None:
    factories.confirm_totp_device(user)
    log_in(page, user.email, factories.PASSWORD)
    give_second_factor(page, user)


def test_the_visitor_s_home_page(page, world):
    page.goto("/")

    assert_accessible(page)


def test_the_participant_s_consultations(page, world):
    factories.make_participant(email="ingrid@example.org")
    log_in(page, "ingrid@example.org", factories.PASSWORD)

    expect(page.get_by_role("heading", level=1, name="My consultations")).to_be_visible()
    assert_accessible(page)


def test_the_chair_s_overview(page, world):
    staff(page, factories.make_chair(email="chair@example.org"))

    page.goto("/feedback/chair/")
    expect(page.get_by_role("heading", name="Waiting for a summary")).to_be_visible()
    assert_accessible(page)


def test_the_secretariat_s_overview(page, world):
    staff(page, factories.make_secretariat(email="amina@thearmstradetreaty.org"))

    page.goto("/rounds/overview/")
    expect(page.get_by_role("heading", name="Waiting for you")).to_be_visible()
    assert_accessible(page)
