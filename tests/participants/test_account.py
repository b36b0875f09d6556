"""Logging in, resetting a password through the real outbox, the second factor, role navigation."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants.models import EmailStatus, OutboundEmail, Status
from participants.second_factor_enrolment import make_token
from tests import factories

pytestmark = pytest.mark.django_db


def open_setup_link(client, user) -> None:
    """Open the e-mailed set-up link, as a person does before adding an authenticator app."""
    client.get(reverse("two_factor_enrol", args=[make_token(user)]))


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_participant_logs_in_with_email_in_any_case(client):
    participant = factories.make_participant(email="ingrid@example.org")

    response = client.post(
        reverse("login"), {"username": "Ingrid@Example.ORG", "password": factories.PASSWORD}, follow=False
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.user.pk)


def test_wrong_password_says_what_to_check(client):
    factories.make_participant(email="ingrid@example.org")

    response = client.post(reverse("login"), {"username": "ingrid@example.org", "password": "nope"})

    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_password_reset_is_sent_by_the_worker_and_the_link_works(client, django_capture_on_commit_callbacks):
    factories.make_participant(email="ingrid@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "ingrid@example.org"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ingrid@example.org"]
    assert message.subject == "Choose a new password for the WGTR advisory group"
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", message.body).group(1)
    page = client.get(link, follow=True)
    assert "Choose a new password" in page.content.decode()
    done = client.post(
        page.redirect_chain[-1][0], {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"}
    )
    assert done.status_code == 302
    assert OutboundEmail.objects.get().status == EmailStatus.SENT
    client.logout()
    client.post(reverse("login"), {"username": "ingrid@example.org", "password": "a new long passphrase"})
    assert "_auth_user_id" in client.session
    reused = client.get(link, follow=True)
    assert "This link no longer works" in reused.content.decode()


def test_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_staff_are_sent_to_set_up_a_second_factor_after_login(client):
    factories.make_secretariat(email="sam@thearmstradetreaty.org")

    response = client.post(reverse("login"), {"username": "sam@thearmstradetreaty.org", "password": factories.PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))
    setup = client.get(response["Location"])
    assert "Set up two-step verification" in setup.content.decode()
    assert "E-mail me the set-up link" in setup.content.decode()


def test_confirming_the_app_turns_on_two_step_verification_with_backup_codes(client):
    user = factories.make_secretariat()
    client.force_login(user)
    open_setup_link(client, user)
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=user)

    response = client.post(reverse("two_factor"), {"token": current_code(device), "next": "/dashboard/"})

    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li>(\d{8})</li>", response.content.decode())
    assert len(codes) == 10


def test_a_backup_code_works_once(client):
    user = factories.make_secretariat()
    client.force_login(user)
    open_setup_link(client, user)
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=user)
    setup = client.post(reverse("two_factor"), {"token": current_code(device)})
    code = re.findall(r"<li>(\d{8})</li>", setup.content.decode())[0]
    client.logout()
    client.force_login(user)

    first = client.post(reverse("two_factor"), {"token": code, "next": "/admin/"})
    client.logout()
    client.force_login(user)
    second = client.post(reverse("two_factor"), {"token": code, "next": "/admin/"})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "That code is not valid" in second.content.decode()


def test_staff_without_second_factor_cannot_reach_the_admin(client_for, secretariat):
    client = client_for(secretariat, second_factor=False)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("two_factor"))
    assert "Set up two-step verification" in response.content.decode()


def test_staff_with_second_factor_reach_the_admin(secretariat_client):
    response = secretariat_client.get("/admin/")

    assert response.status_code == 200


def test_participants_cannot_reach_the_admin(client_for):
    participant = factories.make_participant()

    response = client_for(participant.user).get("/admin/", follow=True)

    assert "Site administration" not in response.content.decode()
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        ("visitor", ["Register", "Log in"], ["Participants", "Vetting", "Log out"]),
        ("participant", ["Profile", "Log out"], ["Vetting", "Audit trail", "Register"]),
        ("applicant", ["My application", "Log out"], ["Vetting", "Documents"]),
        ("chair", ["Invite", "Log out"], ["Vetting", "Audit trail", "Register"]),
        ("secretariat", ["Participants", "Vetting", "Audit trail", "Admin"], ["Register"]),
    ],
)
def test_navigation_depends_on_the_role(client, client_for, role, expected, absent):
    users = {
        "participant": lambda: factories.make_participant().user,
        "applicant": lambda: factories.make_participant(status=Status.REGISTERED).user,
        "chair": factories.make_chair,
        "secretariat": factories.make_secretariat,
    }
    viewer = client if role == "visitor" else client_for(users[role]())

    page = viewer.get(reverse("home")).content.decode()
    nav = page[page.index('<nav class="site-nav"') : page.index("</header>")]

    for label in expected:
        assert label in nav or label in page
    for label in absent:
        assert f">{label}<" not in nav


def test_the_account_page_shows_the_second_factor_and_makes_new_backup_codes(client_for):
    user = factories.make_secretariat()
    factories.confirm_totp_device(user)
    client = client_for(user)

    page = client.get(reverse("account")).content.decode()
    made = client.post(reverse("two_factor_backup_codes"))

    assert "You give a code from your authenticator app" in page
    assert len(re.findall(r"<li>(\d{8})</li>", made.content.decode())) == 10
    assert "10 unused backup codes left" in client.get(reverse("account")).content.decode()


def test_every_page_links_the_name_in_the_header_to_the_account(client_for):
    participant = factories.make_participant(full_name="Ingrid Johansson")

    page = client_for(participant.user).get(reverse("home")).content.decode()

    assert f'href="{reverse("account")}">Ingrid Johansson' in page
