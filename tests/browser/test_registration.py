"""Journeys: a visitor registers, confirms, is approved and reaches their dashboard; an industry expert joins
through an invitation link. Every page passes axe-core with no console errors."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participants import services
from participants.models import Participant, Status
from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough passphrase 42"


def link_to(address: str) -> str:
    """The site link in the latest e-mail to `address`, as a path for the live server."""
    message = [m for m in mail.outbox if m.to == [address]][-1]
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def fill_application(page) -> None:
    page.get_by_label("Phone").fill("+46 8 555 012 34")
    page.get_by_label("Article 13 (reporting)").check()
    page.get_by_label("Online reporting tool").check()
    page.get_by_label("Statement of expertise and commitment").fill(
        "Ten years preparing my country's annual reports under Article 13; two days a month for consultations."
    )
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("I will contribute in my personal expert capacity").check()
    page.get_by_label("I will not comment publicly").check()


def test_a_visitor_registers_is_approved_and_reaches_their_dashboard(page, settings):
    settings.SITE_URL = "http://testserver"
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)

    page.goto("/")
    page.get_by_role("link", name="Register your interest").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Register your interest"
    assert_accessible(page)
    page.get_by_label("Full name").fill("Ingrid Johansson")
    page.get_by_label("E-mail address").fill("Ingrid@Example.org")
    page.get_by_label("State Party").check()
    expect(page.get_by_label("Organisation", exact=True)).to_be_hidden()
    expect(page.get_by_label("Reporting or information-exchange instrument")).to_be_hidden()
    page.get_by_label("Country", exact=True).select_option(label="Sweden")
    fill_application(page)
    page.get_by_label("Statement of expertise and commitment").fill("Too short.")
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_text("Write at least 50 characters (this has 10).", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Statement of expertise and commitment: Write at least 50")).to_be_visible()
    assert page.get_by_label("Full name").input_value() == "Ingrid Johansson"
    assert_accessible(page)
    page.get_by_label("Statement of expertise and commitment").fill(
        "Ten years preparing my country's annual reports under Article 13; two days a month for consultations."
    )
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()
    assert_accessible(page)

    page.goto(link_to("ingrid@example.org"))
    expect(page.get_by_role("heading", name="E-mail address confirmed")).to_be_visible()
    assert_accessible(page)

    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, secretariat)
    page.get_by_role("link", name="Vetting").click()
    expect(page.get_by_role("heading", name="Ingrid Johansson")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Ingrid Johansson is approved")).to_be_visible()
    assert Participant.objects.get(user__email="ingrid@example.org").status == Status.APPROVED
    assert "Welcome to the WGTR advisory group" in [m.subject for m in mail.outbox if m.to == ["ingrid@example.org"]]
    page.get_by_role("button", name="Log out").click()

    log_in(page, "ingrid@example.org", PASSWORD)
    expect(page.get_by_role("link", name="Profile")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    assert_accessible(page)


def test_a_regional_organisation_names_its_instrument_and_the_secretariat_reads_it(page, settings):
    """Annex 1 §3: the question appears for international and regional organisations only, and is required."""
    settings.SITE_URL = "http://testserver"
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)
    instrument = page.get_by_label("Reporting or information-exchange instrument")

    page.goto("/register/")
    expect(instrument).to_be_hidden()
    page.get_by_label("Full name").fill("Kwame Mensah")
    page.get_by_label("E-mail address").fill("kwame@waacn.example")
    page.get_by_label("Regional organisation").check()
    expect(instrument).to_be_visible()
    page.get_by_label("Signatory State").check()
    expect(instrument).to_be_hidden()
    page.get_by_label("Regional organisation").check()
    page.get_by_label("Organisation", exact=True).fill("West African Arms Control Network")
    fill_application(page)
    page.get_by_role("button", name="Register").click()

    expect(
        page.get_by_text("Name the instrument under which your organisation manages", exact=False).first
    ).to_be_visible()
    expect(instrument).to_be_visible()
    assert_accessible(page)
    instrument.fill("ECOWAS Convention on Small Arms and Light Weapons")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()
    page.goto(link_to("kwame@waacn.example"))
    expect(page.get_by_role("heading", name="E-mail address confirmed")).to_be_visible()

    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, secretariat)
    page.get_by_role("link", name="Vetting").click()
    expect(page.get_by_text("ECOWAS Convention on Small Arms and Light Weapons")).to_be_visible()
    assert Participant.objects.get().instrument == "ECOWAS Convention on Small Arms and Light Weapons"


def test_without_javascript_the_instrument_question_is_shown_with_who_must_answer_it(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/register/")

        expect(page.get_by_label("Reporting or information-exchange instrument")).to_be_visible()
        expect(page.get_by_text("International and regional organisations only (Annex 1, §3)")).to_be_visible()
        expect(page.get_by_label("Organisation", exact=True)).to_be_visible()
    finally:
        context.close()


def test_an_industry_expert_joins_through_an_invitation(page, settings):
    settings.SITE_URL = "http://testserver"
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)
    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, secretariat)
    page.goto("/invitations/new/")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("kofi@acme-defence.example")
    page.get_by_label("Full name").fill("Kofi Boateng")
    page.get_by_label("Category").select_option(label="Industry")
    page.get_by_label("Organisation", exact=True).fill("Acme Defence Systems")
    page.get_by_label("Personal message").fill("Your work on export licensing data would help the reporting tool.")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to kofi@acme-defence.example")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()

    page.goto(link_to("kofi@acme-defence.example"))
    expect(page.get_by_role("heading", name="Accept your invitation")).to_be_visible()
    assert page.get_by_label("Full name").input_value() == "Kofi Boateng"
    assert page.get_by_label("Organisation", exact=True).input_value() == "Acme Defence Systems"
    assert_accessible(page)
    fill_application(page)
    page.get_by_role("button", name="Accept and register").click()

    expect(page.get_by_role("heading", name="My application")).to_be_visible()
    expect(page.get_by_text("Your application is being reviewed")).to_be_visible()
    assert_accessible(page)
    participant = Participant.objects.get(user__email="kofi@acme-defence.example")
    assert (participant.category, participant.status) == ("industry", Status.REGISTERED)


def test_a_used_invitation_link_explains_itself(page):
    secretariat = factories.make_secretariat()
    services.invite_participant(
        request=services.InvitationRequest(
            email="kofi@example.org", category="industry", full_name="Kofi", organisation="Acme"
        ),
        by=secretariat,
    )
    link = link_to("kofi@example.org")
    services.revoke_invitation(invitation_id=Participant.objects.get().invitations.get().pk, by=secretariat)

    page.goto(link)

    expect(page.get_by_role("heading", name="This invitation link cannot be used")).to_be_visible()
    expect(page.get_by_text("The invitation was withdrawn.")).to_be_visible()
    assert_accessible(page)


def test_the_secretariats_people_pages_pass_axe(page):
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)
    applicant = factories.make_participant(full_name="María Fernández", country="PE", status=Status.REGISTERED)
    services.request_affiliation_change(
        participant_id=factories.make_participant(full_name="Ingrid Johansson", country="SE").pk,
        change=services.AffiliationChange(category="signatory_state", country="NO"),
    )
    services.invite_participant(
        request=services.InvitationRequest(
            email="kofi@example.org", category="industry", full_name="Kofi", organisation="Acme"
        ),
        by=secretariat,
    )
    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, secretariat)

    for path in ("/participants/", f"/participants/{applicant.pk}/", "/vetting/", "/invitations/", "/audit/"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto("/participants/?status=declined")
    expect(page.get_by_text("No participant matches these filters")).to_be_visible()
    assert_accessible(page)
