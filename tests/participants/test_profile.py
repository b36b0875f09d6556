"""The approved participant's profile, their application page, their data and withdrawal."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse

from participants import services
from participants.models import AuditEvent, Category, Notification, Participant, Status
from tests import factories
from tests.participants.helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingrid(db):
    return factories.make_participant(
        email="ingrid@example.org",
        full_name="Ingrid Johansson",
        country="SE",
        expertise=["article_13"],
        statement="Ten years preparing my country's annual reports under Article 13 of the Treaty.",
    )


def details(**overrides):
    data = {
        "section": "details",
        "details-full_name": "Ingrid Johansson",
        "details-phone": "+46 8 555 012 34",
        "details-expertise": ["article_13", "guidance"],
        "details-statement": "Ten years preparing my country's annual reports under Article 13 of the Treaty.",
        "details-time_zone": "Europe/Stockholm",
    }
    data.update(overrides)
    return data


def test_the_profile_shows_the_participants_details_and_links(client_for, ingrid):
    page = client_for(ingrid.user).get(reverse("participants:profile")).content.decode()

    assert 'value="Ingrid Johansson"' in page
    assert reverse("two_factor") in page
    assert reverse("password_change") in page
    assert reverse("participants:download_data") in page
    assert reverse("participants:withdraw") in page


def test_details_are_saved_and_audited(client_for, ingrid):
    response = client_for(ingrid.user).post(reverse("participants:profile"), details(), follow=True)

    assert "Your profile is saved." in response.content.decode()
    ingrid.refresh_from_db()
    assert ingrid.phone == "+46 8 555 012 34"
    assert ingrid.expertise == ["article_13", "guidance"]
    assert ingrid.user.time_zone == "Europe/Stockholm"
    assert AuditEvent.objects.get(action="participant.profile_update").details == {"fields": ["phone", "expertise"]}


def test_invalid_details_show_errors_and_keep_what_was_typed(client_for, ingrid):
    response = client_for(ingrid.user).post(
        reverse("participants:profile"), details(**{"details-phone": "phone me", "details-full_name": "Ingrid J"})
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "does not look like a phone number" in page
    assert 'value="Ingrid J"' in page
    ingrid.refresh_from_db()
    assert ingrid.full_name == "Ingrid Johansson"


def test_a_change_of_affiliation_waits_for_the_secretariat(
    client_for, ingrid, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ingrid.user).post(
            reverse("participants:profile"),
            {"section": "affiliation", "affiliation-category": "signatory_state", "affiliation-country": "NO"},
            follow=True,
        )

    assert "It applies once they accept it" in response.content.decode()
    ingrid.refresh_from_db()
    assert (ingrid.category, ingrid.country) == (Category.STATE_PARTY, "SE")
    assert ingrid.pending_changes["category"] == "signatory_state"
    assert [m.subject for m in mail.outbox] == ["Profile change to vet: Ingrid Johansson"]


def test_the_secretariat_accepts_a_change_and_the_participant_is_told(
    secretariat_client, ingrid, django_capture_on_commit_callbacks
):
    services.request_affiliation_change(
        participant_id=ingrid.pk,
        change=services.AffiliationChange(category="regional_organisation", organisation="OSCE"),
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("participants:review_change", args=[ingrid.pk]), {"accept": "1"}, follow=True
        )

    assert "The change is applied" in response.content.decode()
    ingrid.refresh_from_db()
    assert (ingrid.category, ingrid.organisation, ingrid.country, ingrid.pending_changes) == (
        "regional_organisation",
        "OSCE",
        "",
        {},
    )
    assert ingrid.status == Status.APPROVED
    [message] = mail.outbox
    assert (message.to, message.subject) == (["ingrid@example.org"], "Your profile change is accepted")


def test_an_organisation_that_becomes_a_state_keeps_no_instrument(secretariat):
    kwame = factories.make_participant(
        category="regional_organisation", organisation="Arms Forum", instrument="ECOWAS Convention"
    )
    services.request_affiliation_change(
        participant_id=kwame.pk, change=services.AffiliationChange(category="state_party", country="GH")
    )

    services.review_affiliation_change(participant_id=kwame.pk, accept=True, by=secretariat)

    kwame.refresh_from_db()
    assert (kwame.category, kwame.country, kwame.instrument) == ("state_party", "GH", "")


def test_erasure_blanks_the_instrument_with_the_rest_of_the_identity(secretariat):
    from participants.services.erasure import erase_participant

    kwame = factories.make_participant(
        category="regional_organisation", organisation="Arms Forum", instrument="ECOWAS Convention"
    )

    erase_participant(participant_id=kwame.pk, by=secretariat)

    kwame.refresh_from_db()
    assert (kwame.organisation, kwame.instrument) == ("", "")


def test_declining_a_change_needs_a_reason_and_keeps_the_affiliation(secretariat_client, ingrid):
    services.request_affiliation_change(
        participant_id=ingrid.pk, change=services.AffiliationChange(category="industry", organisation="Acme")
    )

    without = secretariat_client.post(reverse("participants:review_change", args=[ingrid.pk]), {"accept": "0"})
    secretariat_client.post(
        reverse("participants:review_change", args=[ingrid.pk]), {"accept": "0", "reason": "Still at the ministry."}
    )

    assert "Give a reason" in without.content.decode()
    ingrid.refresh_from_db()
    assert (ingrid.category, ingrid.pending_changes) == (Category.STATE_PARTY, {})


def test_reviewing_without_a_pending_change_is_refused(secretariat, ingrid):
    with pytest.raises(services.NoPendingChange):
        services.review_affiliation_change(participant_id=ingrid.pk, accept=True, by=secretariat)


def test_acknowledgements_can_be_confirmed_again(client_for, ingrid):
    before = ingrid.personal_capacity_acknowledged_at

    client_for(ingrid.user).post(reverse("participants:profile"), {"section": "acknowledge"})

    ingrid.refresh_from_db()
    assert ingrid.personal_capacity_acknowledged_at > before
    assert ingrid.confidentiality_acknowledged_at > before


def test_notification_choices_are_saved(client_for, ingrid):
    client_for(ingrid.user).post(
        reverse("participants:profile"), {"section": "notifications", "notifications-notifications": ["reminder"]}
    )

    ingrid.refresh_from_db()
    assert ingrid.notifications == ["reminder"]
    assert ingrid.wants(Notification.REMINDER)
    assert not ingrid.wants(Notification.ROUND_OPENED)


def test_the_participant_downloads_their_own_data(client_for, ingrid):
    response = client_for(ingrid.user).get(reverse("participants:download_data"))

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["account"]["email"] == "ingrid@example.org"
    assert data["participant"]["country"] == "SE"
    assert data["participant"]["personal_capacity_acknowledged_at"]


def test_withdrawing_needs_a_confirmation_then_ends_participation(
    client_for, ingrid, django_capture_on_commit_callbacks
):
    client = client_for(ingrid.user)
    unconfirmed = client.post(reverse("participants:withdraw"), {"reason": "New job."})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("participants:withdraw"), {"reason": "New job.", "confirm": "on"}, follow=True)

    assert "Tick this box to confirm that you want to leave." in unconfirmed.content.decode()
    assert response.redirect_chain[-1][0] == reverse("participants:application_status")
    assert "You have left the group" in response.content.decode()
    ingrid.refresh_from_db()
    assert ingrid.status == Status.WITHDRAWN
    assert [m.subject for m in mail.outbox] == ["You have left the WGTR advisory group"]
    assert client.get(reverse("participants:profile")).status_code == 403


@pytest.mark.parametrize("status", [Status.REGISTERED, Status.DECLINED, Status.WITHDRAWN, Status.REMOVED])
def test_only_approved_participants_have_a_profile_page(client_for, status):
    participant = factories.make_participant(status=status)

    assert client_for(participant.user).get(reverse("participants:profile")).status_code == 403


# --- The applicant's page ---------------------------------------------------------------------------


def test_an_unconfirmed_applicant_is_asked_to_confirm_and_can_get_a_new_link(client_for):
    participant = register(confirm=False)

    page = client_for(participant.user).get(reverse("participants:application_status")).content.decode()

    assert "Confirm your e-mail address" in page
    assert reverse("participants:resend_confirmation") in page


def test_a_confirmed_applicant_is_told_the_secretariat_is_reviewing(client_for):
    participant = register()

    page = client_for(participant.user).get(reverse("participants:application_status")).content.decode()

    assert "Your application is being reviewed" in page
    assert "Article 13 (reporting)" in page


def test_a_declined_applicant_sees_the_reason(client_for, secretariat):
    participant = register()
    services.decline_participant(
        participant_id=participant.pk, by=secretariat, reason="Please apply through your ministry."
    )

    page = client_for(participant.user).get(reverse("participants:application_status")).content.decode()

    assert "Your application was not accepted" in page
    assert "Please apply through your ministry." in page


def test_an_organisation_sees_the_instrument_it_named_on_its_application_profile_and_data(client_for, secretariat):
    """§3: what the organisation told the Secretariat, shown back to it with the other registration answers."""
    kwame = register(
        "kwame@example.org",
        full_name="Kwame Mensah",
        category="regional_organisation",
        country="",
        organisation="West African Arms Control Network",
        instrument="ECOWAS Convention on Small Arms and Light Weapons",
    )
    client = client_for(kwame.user)

    application = client.get(reverse("participants:application_status")).content.decode()
    services.approve_participant(participant_id=kwame.pk, by=secretariat)
    profile = client.get(reverse("participants:profile")).content.decode()
    data = json.loads(client.get(reverse("participants:download_data")).content)

    assert "<dt>Instrument (§3)</dt><dd>ECOWAS Convention on Small Arms and Light Weapons</dd>" in application
    assert (
        "Instrument under which your organisation manages reporting or information exchange (§3): "
        "ECOWAS Convention on Small Arms and Light Weapons" in profile
    )
    assert data["participant"]["instrument"] == "ECOWAS Convention on Small Arms and Light Weapons"


def test_the_applicant_dashboard_is_the_application_page(client_for):
    participant = register()

    response = client_for(participant.user).get(reverse("dashboard"))

    assert response["Location"] == reverse("participants:application_status")


def test_staff_without_a_participant_record_have_no_application_page(secretariat_client):
    assert secretariat_client.get(reverse("participants:application_status")).status_code == 404


def test_the_application_page_needs_a_login(client):
    assert client.get(reverse("participants:application_status"))["Location"].startswith(reverse("login"))


def test_a_logged_in_person_is_not_offered_registration_again(client_for):
    participant = register()

    response = client_for(participant.user).get(reverse("participants:register"))

    assert response.status_code == 302
    assert Participant.objects.count() == 1


# --- The time-zone picker ---------------------------------------------------------------------------


def test_the_time_zone_picker_offers_countries_grouped_by_region_with_current_names_only(client_for):
    participant = factories.make_participant()

    response = client_for(participant.user).get(reverse("participants:profile"))

    page = response.content.decode()
    assert '<optgroup label="Europe">' in page and '<optgroup label="Americas">' in page
    assert '<option value="Europe/Zurich">Switzerland</option>' in page
    assert '<option value="America/New_York">United States: Eastern (most areas)</option>' in page
    assert 'value="America/Detroit"' not in page  # the same clocks as New York today: offered once
    assert 'value="Europe/Kiev"' not in page and 'value="US/Eastern"' not in page and 'value="Etc/GMT+5"' not in page
    assert len(response.content) < 48_000  # 60 KB with every alias of the database, one option each


def test_an_old_zone_name_already_chosen_is_kept_and_can_be_saved_again(client_for):
    participant = factories.make_participant()
    participant.user.time_zone = "US/Eastern"
    participant.user.save()
    client = client_for(participant.user)

    page = client.get(reverse("participants:profile")).content.decode()
    response = client.post(
        reverse("participants:profile"),
        {
            "section": "details",
            "details-full_name": participant.full_name,
            "details-expertise": ["article_13"],
            "details-statement": "x" * 60,
            "details-time_zone": "US/Eastern",
        },
    )

    assert '<option value="US/Eastern" selected>US/Eastern</option>' in page
    assert response.status_code == 302


def test_choosing_a_place_saves_its_zone(client_for):
    participant = factories.make_participant()

    client_for(participant.user).post(
        reverse("participants:profile"),
        {
            "section": "details",
            "details-full_name": participant.full_name,
            "details-expertise": ["article_13"],
            "details-statement": "x" * 60,
            "details-time_zone": "America/Argentina/Buenos_Aires",
        },
    )

    participant.user.refresh_from_db()
    assert participant.user.time_zone == "America/Argentina/Buenos_Aires"
