"""Signing in: lockout after failed logins and the Secretariat's unlock, two-step verification for staff
(and participants who opt in), its reset by the Secretariat, and single-use, expiring reset links."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import devices_for_user
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants.models import AuditEvent
from participants.services import NotAllowed, accounts
from tests import factories

pytestmark = pytest.mark.django_db

EMAIL = "ingrid@example.org"
STAFF_PAGES = [
    "/participants/",
    "/vetting/",
    "/audit/",
    "/rounds/overview/",
    "/rounds/",
    "/feedback/chair/",
    "/invitations/",
    "/admin/",
    "/admin/participants/participant/",
    "/account/password/change/",
]


def log_in(client: Client, email: str = EMAIL, password: str = factories.PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


def fail(client: Client, times: int, email: str = EMAIL) -> None:
    for _ in range(times):
        log_in(client, email, "not the password")


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


# --- Lockout ----------------------------------------------------------------------------------------------


def test_after_the_failure_limit_even_the_right_password_is_refused_with_a_clear_message(client, settings):
    factories.make_participant(email=EMAIL)
    fail(client, settings.AXES_FAILURE_LIMIT)

    response = log_in(client)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed attempts" in page
    assert "ask the Secretariat to unlock your account" in page
    assert "_auth_user_id" not in client.session


def test_one_failure_short_of_the_limit_the_right_password_still_works(client, settings):
    factories.make_participant(email=EMAIL)
    fail(client, settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_writing_the_address_in_another_case_gains_no_attempts(client, settings):
    factories.make_participant(email=EMAIL)
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, EMAIL.upper() if number % 2 else EMAIL.title(), "not the password")

    assert log_in(client).status_code == 429


def test_the_lockout_record_never_holds_the_password(client):
    factories.make_participant(email=EMAIL)

    log_in(client, EMAIL, "my-secret-guess-1234")

    assert "my-secret-guess-1234" not in AccessAttempt.objects.get().post_data


def test_the_secretariat_sees_the_lockout_and_unlocks_the_account(client, settings, secretariat_client, secretariat):
    participant = factories.make_participant(email=EMAIL)
    fail(client, settings.AXES_FAILURE_LIMIT)
    page = secretariat_client.get(reverse("participants:participant_detail", args=[participant.pk]))

    secretariat_client.post(reverse("participants:unlock", args=[participant.pk]))

    assert "Locked out" in page.content.decode()
    assert log_in(client).status_code == 302
    event = AuditEvent.objects.get(action="account.unlock")
    assert event.actor == secretariat and event.target_id == str(participant.user_id)
    history = secretariat_client.get(reverse("participants:participant_detail", args=[participant.pk]))
    assert "Account unlocked after failed logins" in history.content.decode()


def test_a_locked_staff_account_is_unlocked_from_the_admin_user_list(client, settings, secretariat_client):
    chair = factories.make_chair(email="chair@example.org")
    fail(client, settings.AXES_FAILURE_LIMIT, chair.email)

    secretariat_client.post(
        reverse("admin:participants_user_changelist"), {"action": "unlock_selected", "_selected_action": [chair.pk]}
    )

    assert log_in(client, chair.email).status_code == 302
    assert AuditEvent.objects.filter(action="account.unlock", target_id=str(chair.pk)).exists()


def test_a_new_password_through_the_emailed_link_lifts_the_lockout(client, settings):
    participant = factories.make_participant(email=EMAIL)
    fail(client, settings.AXES_FAILURE_LIMIT)
    link = reset_link(participant.user, PasswordResetTokenGenerator())

    form = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form, {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"})

    assert log_in(client, password="a brand new passphrase").status_code == 302
    assert AuditEvent.objects.filter(action="account.password_reset", target_id=str(participant.user_id)).exists()


# --- Two-step verification --------------------------------------------------------------------------------


def test_staff_who_give_only_their_password_reach_no_staff_page_until_they_give_the_code(client):
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    device = factories.confirm_totp_device(secretariat)
    log_in(client, secretariat.email)

    before = {page: client.get(page) for page in STAFF_PAGES}
    client.post(reverse("two_factor"), {"token": code(device)})
    after = {page: client.get(page).status_code for page in STAFF_PAGES}

    for page, response in before.items():
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("two_factor")), page
    assert after == dict.fromkeys(STAFF_PAGES, 200)


def test_a_participant_who_turned_it_on_must_give_the_code_too(client):
    participant = factories.make_participant(email=EMAIL)
    factories.confirm_totp_device(participant.user)

    response = log_in(client)

    assert response["Location"].startswith(reverse("two_factor"))
    assert client.get(reverse("participants:profile"))["Location"].startswith(reverse("two_factor"))


def test_a_participant_without_it_is_not_asked(client):
    factories.make_participant(email=EMAIL)

    response = log_in(client)

    assert response["Location"] == reverse("dashboard")


def test_the_secretariat_resets_a_lost_second_factor_from_the_admin(client, secretariat_client, secretariat):
    chair = factories.make_chair(email="chair@example.org")
    factories.confirm_totp_device(chair)

    secretariat_client.post(
        reverse("admin:participants_user_changelist"),
        {"action": "reset_second_factor_selected", "_selected_action": [chair.pk]},
    )
    log_in(client, chair.email)

    assert list(devices_for_user(chair, confirmed=None)) == []
    assert "Set up two-step verification" in client.get(reverse("two_factor")).content.decode()
    event = AuditEvent.objects.get(action="account.two_factor_reset")
    assert event.actor == secretariat and event.target_id == str(chair.pk)


def test_the_secretariat_resets_a_participants_second_factor_from_their_page(secretariat_client):
    participant = factories.make_participant(email=EMAIL)
    factories.confirm_totp_device(participant.user)

    secretariat_client.post(reverse("participants:reset_second_factor", args=[participant.pk]))

    assert list(devices_for_user(participant.user, confirmed=None)) == []
    assert AuditEvent.objects.filter(action="account.two_factor_reset").exists()


def test_nobody_resets_their_own_second_factor(secretariat):
    factories.confirm_totp_device(secretariat)

    with pytest.raises(NotAllowed, match="another member of the Secretariat"):
        accounts.reset_second_factor(user_id=secretariat.pk, by=secretariat)


def test_the_operator_can_reset_a_second_factor_from_the_command_line_when_no_one_else_can():
    secretariat = factories.make_secretariat(email="only.one@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)

    call_command("reset_second_factor", "Only.One@thearmstradetreaty.org", stdout=StringIO())

    assert list(devices_for_user(secretariat, confirmed=None)) == []
    event = AuditEvent.objects.get(action="account.two_factor_reset")
    assert event.actor is None and event.details == {"source": "command line"}


def test_only_a_superuser_makes_a_superuser(secretariat_client):
    chair = factories.make_chair()

    page = secretariat_client.get(reverse("admin:participants_user_change", args=[chair.pk])).content.decode()

    assert 'name="is_superuser"' not in page
    assert 'name="groups"' in page


def test_role_changes_in_the_admin_are_audited(secretariat_client, secretariat):
    chair = factories.make_chair(email="chair@example.org")
    form = {
        "email": chair.email,
        "name": chair.name,
        "is_active": "on",
        "is_staff": "on",
        "groups": [],
        "time_zone": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }

    response = secretariat_client.post(reverse("admin:participants_user_change", args=[chair.pk]), form)

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="account.roles_changed")
    assert event.actor == secretariat
    assert event.details == {"is_staff": {"from": False, "to": True}, "groups": {"from": ["Chair"], "to": []}}


# --- Reset links: single use, and they expire ---------------------------------------------------------------


class IssuedTwoDaysAgo(PasswordResetTokenGenerator):
    def _now(self) -> datetime:
        return datetime.now() - timedelta(days=2)


def reset_link(user, generator) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, generator.make_token(user)])


def test_a_reset_link_expires_after_a_day(client, settings):
    participant = factories.make_participant(email=EMAIL)

    page = client.get(reset_link(participant.user, IssuedTwoDaysAgo()), follow=True)

    assert settings.PASSWORD_RESET_TIMEOUT == 24 * 60 * 60
    assert "This link no longer works" in page.content.decode()


def test_a_reset_link_works_once(client):
    participant = factories.make_participant(email=EMAIL)
    link = reset_link(participant.user, PasswordResetTokenGenerator())
    form = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form, {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"})

    again = client.get(link, follow=True)

    assert "This link no longer works" in again.content.decode()
    assert re.search(r"set-password", form)
