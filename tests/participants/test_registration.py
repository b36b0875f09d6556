"""Self-registration (§3, §5): the form, its errors, the confirmation link, duplicates in any case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participants import services
from participants.models import AuditEvent, Category, Participant, Status
from tests import factories
from tests.participants.helpers import link_in, messages_to, register, registration_data

pytestmark = pytest.mark.django_db


def post_registration(client, callbacks, **overrides):
    with callbacks(execute=True):
        return client.post(reverse("participants:register"), registration_data(**overrides))


def test_the_form_offers_only_the_self_registering_categories(client):
    page = client.get(reverse("participants:register")).content.decode()

    for category in ("state_party", "signatory_state", "international_organisation", "regional_organisation"):
        assert f'name="category" value="{category}"' in page
    for category in ("observer_state", "civil_society", "industry"):
        assert f'name="category" value="{category}"' not in page


def test_a_visitor_registers_and_is_asked_to_confirm_the_address(client, django_capture_on_commit_callbacks):
    response = post_registration(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:register_done")
    participant = Participant.objects.get(user__email="ingrid@example.org")
    assert participant.status == Status.REGISTERED
    assert participant.email_confirmed_at is None
    assert participant.personal_capacity_acknowledged_at is not None
    assert participant.confidentiality_acknowledged_at is not None
    assert participant.expertise == ["article_13", "online_reporting_tool"]
    assert participant.user.check_password(registration_data()["password1"])
    [message] = mail.outbox
    assert message.to == ["ingrid@example.org"]
    assert message.subject == "Confirm your e-mail address for the WGTR advisory group"
    assert "ingrid@example.org" in client.get(response["Location"]).content.decode()


def test_the_confirmation_link_puts_the_application_in_the_vetting_queue(
    client, secretariat, django_capture_on_commit_callbacks
):
    post_registration(client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)

    assert response.status_code == 200
    assert "E-mail address confirmed" in response.content.decode()
    participant = Participant.objects.get(user__email="ingrid@example.org")
    assert participant.email_confirmed_at is not None
    [notice] = messages_to(secretariat.email)
    assert notice.subject == "New application to vet: Ingrid Johansson"
    assert AuditEvent.objects.filter(action="participant.email_confirmed", target_id=str(participant.pk)).exists()


def test_confirming_twice_changes_nothing_and_tells_the_secretariat_once(
    client, secretariat, django_capture_on_commit_callbacks
):
    post_registration(client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link)
    first = Participant.objects.get().email_confirmed_at

    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(link)

    assert again.status_code == 200
    assert Participant.objects.get().email_confirmed_at == first
    assert len(messages_to(secretariat.email)) == 1


def test_an_expired_confirmation_link_explains_how_to_get_a_new_one():
    participant = register(confirm=False, now=timezone.now() - timedelta(days=8))
    token = services.registration.confirmation_token(participant, timezone.now() - timedelta(days=8))

    with pytest.raises(services.InvalidConfirmationLink, match="expired"):
        services.confirm_email(token=token)


def test_a_tampered_confirmation_link_is_refused(client):
    response = client.get(reverse("participants:confirm_email", args=["not-a-real-token"]))

    assert response.status_code == 400
    assert "not valid" in response.content.decode()


@pytest.mark.parametrize(
    "email", ["ingrid@example.org", "Ingrid@Example.ORG", " INGRID@EXAMPLE.ORG ", "\u0130ngr\u0131d@example.org"]
)
def test_an_address_already_registered_in_any_case_gets_the_same_answer_and_its_owner_an_email(
    client, django_capture_on_commit_callbacks, email
):
    factories.make_participant(email="ingrid@example.org")

    response = post_registration(client, django_capture_on_commit_callbacks, email=email)

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:register_done")
    assert Participant.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["ingrid@example.org"]
    assert "this address already has an account" in message.body
    assert reverse("password_reset") in message.body


def test_the_service_refuses_a_duplicate_in_another_case():
    register("ingrid@example.org")

    with pytest.raises(services.DuplicateEmail):
        register("INGRID@example.org")


@pytest.mark.parametrize("category", [Category.OBSERVER_STATE, Category.CIVIL_SOCIETY, Category.INDUSTRY])
def test_invitation_only_categories_cannot_register_themselves(client, django_capture_on_commit_callbacks, category):
    response = post_registration(client, django_capture_on_commit_callbacks, category=category, organisation="Acme")

    assert "join by invitation" in response.content.decode()
    assert not Participant.objects.exists()


@pytest.mark.parametrize("category", [Category.OBSERVER_STATE, Category.CIVIL_SOCIETY, Category.INDUSTRY])
def test_the_service_refuses_invitation_only_categories(category):
    with pytest.raises(services.JoinsByInvitationOnly):
        register(category=category, organisation="Acme Arms Ltd", country="")


def test_errors_are_specific_and_keep_what_was_typed(client, django_capture_on_commit_callbacks):
    response = post_registration(
        client,
        django_capture_on_commit_callbacks,
        country="",
        statement="Too short.",
        password2="something else entirely",
        confidentiality=None,
        expertise=None,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the State you represent." in page
    assert "Write at least 50 characters (this has 10)." in page
    assert "The two passwords are different" in page
    assert "Tick this box to confirm you will keep the deliberations confidential." in page
    assert "Tick at least one area of expertise." in page
    assert 'value="Ingrid Johansson"' in page
    assert 'value="+46 8 555 012 34"' in page
    assert "Too short.</textarea>" in page
    assert not Participant.objects.exists()


def test_an_organisation_gives_its_name_not_a_country(client, django_capture_on_commit_callbacks):
    response = post_registration(
        client,
        django_capture_on_commit_callbacks,
        category="regional_organisation",
        country="",
        organisation="",
    )

    assert "Give the name of the organisation you represent." in response.content.decode()


def test_an_organisation_registers_with_acronym_and_website(client, django_capture_on_commit_callbacks):
    post_registration(
        client,
        django_capture_on_commit_callbacks,
        category="regional_organisation",
        country="SE",
        organisation="West African Arms Control Network",
        acronym="WAACN",
        website="waacn.example.org",
        instrument="  ECOWAS Convention on Small Arms and Light Weapons  ",
    )

    participant = Participant.objects.get()
    assert participant.affiliation == "West African Arms Control Network"
    assert participant.country == ""
    assert participant.website == "https://waacn.example.org"
    assert participant.instrument == "ECOWAS Convention on Small Arms and Light Weapons"


INSTRUMENT_ERROR = (
    "Name the instrument under which your organisation manages reporting or information exchange (Annex 1, §3)."
)


def test_the_page_asks_for_the_instrument_saying_who_must_answer_it(client):
    """Without JavaScript the question is simply shown, its help saying who answers it (§3)."""
    page = client.get(reverse("participants:register")).content.decode()

    assert 'data-instrument-categories="international_organisation regional_organisation"' in page
    assert 'name="instrument"' in page
    assert "Reporting or information-exchange instrument" in page
    assert "International and regional organisations only (Annex 1, §3)" in page
    assert "<div data-instrument>" in page  # not hidden: static/js/participants.js hides it for other categories


@pytest.mark.parametrize("category", [Category.INTERNATIONAL_ORGANISATION, Category.REGIONAL_ORGANISATION])
def test_an_organisation_must_name_its_instrument(client, django_capture_on_commit_callbacks, category):
    response = post_registration(
        client,
        django_capture_on_commit_callbacks,
        category=category,
        country="",
        organisation="West African Arms Control Network",
        instrument="   ",
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert INSTRUMENT_ERROR in page
    assert 'value="West African Arms Control Network"' in page
    assert not Participant.objects.exists()
    assert not mail.outbox


def test_a_state_is_not_asked_and_keeps_no_instrument(client, django_capture_on_commit_callbacks):
    post_registration(client, django_capture_on_commit_callbacks, instrument="Typed before choosing a State")

    assert Participant.objects.get().instrument == ""


def test_the_instrument_is_checked_like_other_free_text(client, django_capture_on_commit_callbacks):
    response = post_registration(
        client,
        django_capture_on_commit_callbacks,
        category="international_organisation",
        country="",
        organisation="Global Reporting Forum",
        instrument="UN Register\u202e of Conventional Arms",
    )

    assert "The text contains an invisible control character (U+202E)" in response.content.decode()
    assert not Participant.objects.exists()


def test_the_instrument_has_a_length_limit_said_in_the_error(client, django_capture_on_commit_callbacks):
    response = post_registration(
        client,
        django_capture_on_commit_callbacks,
        category="international_organisation",
        country="",
        organisation="Global Reporting Forum",
        instrument="x" * 301,
    )

    assert "Write at most 300 characters (this has 301)." in response.content.decode()


@pytest.mark.parametrize("instrument", ["", "  "])
def test_the_service_refuses_an_organisation_without_its_instrument(instrument):
    with pytest.raises(services.InstrumentMissing) as refused:
        register(category="regional_organisation", organisation="Arms Forum", country="", instrument=instrument)

    assert str(refused.value) == INSTRUMENT_ERROR
    assert not Participant.objects.exists()


def test_the_service_keeps_an_instrument_only_for_the_organisations_that_name_one():
    state = register("ingrid@example.org", instrument="Not asked of States")
    organisation = register(
        "kwame@example.org", category="regional_organisation", organisation="Arms Forum", country="", instrument="X"
    )

    assert (state.instrument, organisation.instrument) == ("", "X")


def test_a_bad_phone_number_says_how_to_write_one(client, django_capture_on_commit_callbacks):
    response = post_registration(client, django_capture_on_commit_callbacks, phone="call me maybe")

    assert "does not look like a phone number" in response.content.decode()


def test_a_weak_password_is_refused_with_the_reason(client, django_capture_on_commit_callbacks):
    response = post_registration(
        client, django_capture_on_commit_callbacks, password1="12345678901", password2="12345678901"
    )

    assert "This password is entirely numeric." in response.content.decode()


def test_the_applicant_can_ask_for_a_new_confirmation_link(client_for, django_capture_on_commit_callbacks):
    participant = register(confirm=False)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(participant.user).post(reverse("participants:resend_confirmation"), follow=True)

    assert "A new confirmation link is on its way" in response.content.decode()
    [message] = mail.outbox
    assert reverse("participants:confirm_email", args=["x"]).rsplit("x", 1)[0] in message.body


def test_the_registration_is_audited():
    participant = register(confirm=False)

    event = AuditEvent.objects.get(action="participant.register")
    assert event.target_id == str(participant.pk)
    assert event.to_state == Status.REGISTERED
    assert event.details == {"source": "self"}
