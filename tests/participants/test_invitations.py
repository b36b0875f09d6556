"""Invitations (§6): any category, single-use expiring links, resend, revoke, and pages that explain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participants import services
from participants.models import AuditEvent, Category, Invitation, Participant, Status
from participants.services.invitations import hash_token
from tests import factories
from tests.participants.helpers import PASSWORD, application, link_in, registration_data

pytestmark = pytest.mark.django_db


def invite(by, *, email="kofi@acme-defence.example", category=Category.INDUSTRY, now=None, **extra):
    request = services.InvitationRequest(
        email=email,
        category=category,
        full_name=extra.pop("full_name", "Kofi Boateng"),
        organisation=extra.pop("organisation", "Acme Defence Systems"),
        country=extra.pop("country", ""),
        message=extra.pop("message", "Your work on export licensing data would help."),
    )
    return services.invite_participant(request=request, by=by, now=now)


def token_from_outbox() -> str:
    return link_in(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]


def acceptance_data(**overrides):
    data = registration_data(**overrides)
    for name in ("email", "category"):
        data.pop(name, None)
    return data


def test_the_secretariat_invites_an_industry_expert_by_email(
    secretariat_client, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("participants:invite"),
            {
                "email": "Kofi@Acme-Defence.example",
                "full_name": "Kofi Boateng",
                "category": "industry",
                "organisation": "Acme Defence Systems",
                "message": "Your work on export licensing data would help.",
            },
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "kofi@acme-defence.example"
    assert invitation.participant.status == Status.INVITED
    assert not invitation.participant.user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["kofi@acme-defence.example"]
    assert message.subject == "Invitation to the WGTR advisory group"
    assert "Your work on export licensing data would help." in message.body
    assert "Sam Secretariat" in message.body
    token = token_from_outbox()
    assert len(token) >= 40
    assert invitation.token_hash == hash_token(token)
    assert token not in str(Invitation.objects.values().get())


def test_the_chair_may_invite_too(chair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(chair, category=Category.OBSERVER_STATE, country="CH", organisation="")

    assert invitation.invited_by == chair
    assert invitation.participant.country == "CH"
    assert len(mail.outbox) == 1


def test_participants_may_not_invite(client_for):
    participant = factories.make_participant()

    with pytest.raises(services.NotAllowed):
        invite(participant.user)
    assert client_for(participant.user).get(reverse("participants:invite")).status_code == 403


def test_visitors_are_sent_to_log_in_before_inviting(client):
    response = client.get(reverse("participants:invite"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_invitation_link_opens_a_form_prefilled_by_the_inviter(
    client, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(secretariat)

    page = client.get(link_in(mail.outbox[0])).content.decode()

    assert 'value="Kofi Boateng"' in page
    assert 'value="Acme Defence Systems"' in page
    assert "kofi@acme-defence.example" in page
    assert "Industry" in page
    assert "Your work on export licensing data would help." in page


def test_accepting_registers_the_invitee_with_a_confirmed_address(
    client, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(secretariat)
    link = link_in(mail.outbox[0])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, acceptance_data(organisation="Acme Defence Systems", country=""))

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:application_status")
    participant = Participant.objects.get(user__email="kofi@acme-defence.example")
    assert participant.status == Status.REGISTERED
    assert participant.category == Category.INDUSTRY
    assert participant.email_confirmed_at is not None
    assert participant.user.check_password(PASSWORD)
    assert Invitation.objects.get().accepted_at is not None
    assert client.get(reverse("participants:application_status")).status_code == 200
    event = AuditEvent.objects.get(action="participant.register")
    assert (event.from_state, event.to_state) == (Status.INVITED, Status.REGISTERED)
    assert [m.subject for m in mail.outbox if m.to == [secretariat.email]] == [
        "New application to vet: Ingrid Johansson"
    ]


def test_an_invited_organisation_is_not_asked_for_an_instrument(
    client, secretariat, django_capture_on_commit_callbacks
):
    """§3's instrument question is for organisations registering themselves; invited people (§6) skip it."""
    with django_capture_on_commit_callbacks(execute=True):
        invite(secretariat, email="chen@gcdf.example", category=Category.INTERNATIONAL_ORGANISATION)
    link = link_in(mail.outbox[0])

    assert 'name="instrument"' not in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, acceptance_data(organisation="Global Customs Data Forum", country=""))

    assert response.status_code == 302
    participant = Participant.objects.get(user__email="chen@gcdf.example")
    assert (participant.category, participant.status, participant.instrument) == (
        Category.INTERNATIONAL_ORGANISATION,
        Status.REGISTERED,
        "",
    )


def test_the_invitee_cannot_change_the_invited_category(client, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(secretariat)

    client.post(link_in(mail.outbox[0]), {**acceptance_data(organisation="Acme"), "category": "state_party"})

    assert Participant.objects.get().category == Category.INDUSTRY


def test_a_used_link_cannot_be_used_again(client, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(secretariat)
    token = token_from_outbox()
    services.accept_invitation(
        token=token, password=PASSWORD, application=application(category="industry", organisation="Acme")
    )

    response = client.get(reverse("participants:accept_invitation", args=[token]))

    assert response.status_code == 200
    assert "already been used" in response.content.decode()
    with pytest.raises(services.InvitationUnusable) as error:
        services.accept_invitation(token=token, password=PASSWORD, application=application(organisation="Acme"))
    assert error.value.reason == "accepted"


def test_an_expired_link_says_when_it_expired_and_whom_to_ask(client, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(secretariat, now=timezone.now() - timedelta(days=31))
    token = token_from_outbox()

    response = client.get(reverse("participants:accept_invitation", args=[token]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "It expired on" in page
    assert "Ask Sam Secretariat or the Secretariat to send you a new link" in page
    with pytest.raises(services.InvitationUnusable) as error:
        services.accept_invitation(token=token, password=PASSWORD, application=application(organisation="Acme"))
    assert error.value.reason == "expired"


def test_invitations_expire_after_the_configured_number_of_days(secretariat, settings):
    settings.INVITATION_VALID_DAYS = 3
    now = timezone.now()

    invitation = invite(secretariat, now=now)

    assert invitation.expires_at == now + timedelta(days=3)


def test_a_revoked_link_stops_working_at_once(
    client, secretariat_client, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(secretariat)
    token = token_from_outbox()

    response = secretariat_client.post(reverse("participants:revoke_invitation", args=[invitation.pk]), follow=True)

    assert "its link no longer works" in response.content.decode()
    page = client.get(reverse("participants:accept_invitation", args=[token]))
    assert page.status_code == 200
    assert "The invitation was withdrawn." in page.content.decode()
    assert AuditEvent.objects.filter(action="invitation.revoke").count() == 1


def test_an_unknown_link_is_not_found_and_explains(client):
    response = client.get(reverse("participants:accept_invitation", args=["x" * 43]))

    assert response.status_code == 404
    assert "We do not recognise this link." in response.content.decode()


def test_resending_sends_a_new_link_and_retires_the_old_one(
    client, secretariat_client, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(secretariat, now=timezone.now() - timedelta(days=40))
    old_token = token_from_outbox()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(reverse("participants:resend_invitation", args=[invitation.pk]), follow=True)

    assert "The previous link no longer works" in response.content.decode()
    new_token = token_from_outbox()
    assert new_token != old_token
    assert len(mail.outbox) == 2
    assert client.get(reverse("participants:accept_invitation", args=[old_token])).status_code == 404
    assert client.get(reverse("participants:accept_invitation", args=[new_token])).status_code == 200


def test_an_accepted_invitation_cannot_be_resent_or_revoked(secretariat):
    invitation = invite(secretariat)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())

    with pytest.raises(services.InvitationUnusable):
        services.resend_invitation(invitation_id=invitation.pk, by=secretariat)
    with pytest.raises(services.InvitationUnusable):
        services.revoke_invitation(invitation_id=invitation.pk, by=secretariat)


def test_inviting_an_existing_account_is_refused(secretariat_client):
    factories.make_participant(email="ingrid@example.org")

    response = secretariat_client.post(
        reverse("participants:invite"),
        {"email": "INGRID@example.org", "full_name": "Ingrid", "category": "state_party", "country": "SE"},
    )

    assert "already belongs to an account" in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_someone_already_invited_points_to_resend(secretariat):
    invite(secretariat)

    with pytest.raises(services.AlreadyInvited):
        invite(secretariat, email="KOFI@acme-defence.example")


def test_after_a_revocation_the_same_address_can_be_invited_again(secretariat):
    first = invite(secretariat)
    services.revoke_invitation(invitation_id=first.pk, by=secretariat)

    second = invite(secretariat, category=Category.CIVIL_SOCIETY, organisation="Control Arms")

    assert second.participant == first.participant
    assert second.participant.category == Category.CIVIL_SOCIETY
    assert Participant.objects.count() == 1


def test_a_state_invitation_needs_a_country(secretariat_client):
    response = secretariat_client.post(
        reverse("participants:invite"),
        {"email": "obs@example.org", "full_name": "An Observer", "category": "observer_state", "country": ""},
    )

    assert "Choose the State you represent." in response.content.decode()


def test_the_chair_sees_and_manages_only_their_own_invitations(chair, secretariat, client_for):
    own = invite(chair, email="own@example.org")
    other = invite(secretariat, email="other@example.org")
    chair_client = client_for(chair)

    page = chair_client.get(reverse("participants:invitation_list")).content.decode()

    assert "own@example.org" in page
    assert "other@example.org" not in page
    assert chair_client.post(reverse("participants:revoke_invitation", args=[other.pk])).status_code == 404
    assert chair_client.post(reverse("participants:revoke_invitation", args=[own.pk])).status_code == 302


def test_the_invitation_list_starts_with_a_helpful_empty_state(secretariat_client):
    page = secretariat_client.get(reverse("participants:invitation_list")).content.decode()

    assert "No invitations yet" in page
