"""A new second factor is set up only after opening a fresh link e-mailed to the account: after the
Secretariat resets a lost one, someone who knows the password but cannot read the mailbox enrols nothing."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants.second_factor_enrolment import make_token
from participants.services import accounts
from participants.throttle import LIMITS
from tests import factories

pytestmark = pytest.mark.django_db

EMAIL = "chris.chair@thearmstradetreaty.org"


@pytest.fixture
def reset_chair(secretariat):
    """A Chair whose second factor the Secretariat has just reset."""
    chair = factories.make_chair(email=EMAIL)
    factories.confirm_totp_device(chair)
    accounts.reset_second_factor(user_id=chair.pk, by=secretariat)
    return chair


def log_in(client, email: str = EMAIL):
    return client.post(reverse("login"), {"username": email, "password": factories.PASSWORD})


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def ask_for_link(client, callbacks) -> str:
    with callbacks(execute=True):
        client.post(reverse("two_factor_enrol_send"), {"next": "/dashboard/"})
    [message] = [message for message in mail.outbox if "set up two-step verification" in message.body]
    return re.search(r"http://testserver(/account/two-factor/set-up/\S+/)", message.body).group(1)


def test_the_password_alone_shows_no_way_to_add_a_device(client, reset_chair):
    log_in(client)

    page = client.get(reverse("two_factor")).content.decode()
    client.post(reverse("two_factor"), {"token": "123456"})

    assert "E-mail me the set-up link" in page
    assert "otpauth" not in page and "Enter this key" not in page
    assert not TOTPDevice.objects.filter(user=reset_chair).exists()
    assert client.get(reverse("feedback:chair_dashboard"))["Location"].startswith(reverse("two_factor"))


def test_the_emailed_link_opens_the_set_up_and_the_new_app_works(
    client, reset_chair, django_capture_on_commit_callbacks
):
    log_in(client)
    link = ask_for_link(client, django_capture_on_commit_callbacks)

    opened = client.get(link)
    setup = client.get(reverse("two_factor")).content.decode()
    device = TOTPDevice.objects.get(user=reset_chair, confirmed=False)
    confirmed = client.post(reverse("two_factor"), {"token": code(device), "next": "/dashboard/"})

    assert opened["Location"] == reverse("two_factor")
    assert "Enter the code the app shows" in setup
    assert len(re.findall(r"<li>(\d{8})</li>", confirmed.content.decode())) == 10
    assert TOTPDevice.objects.get(user=reset_chair).confirmed
    assert client.get(link)["Location"] == reverse("account")  # used up: a device exists now


def test_the_link_goes_only_to_the_accounts_own_address(client, reset_chair, django_capture_on_commit_callbacks):
    log_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("two_factor_enrol_send"), {"next": "/", "email": "attacker@example.org"})

    assert [message.to for message in mail.outbox] == [[EMAIL]]


def test_a_link_made_for_another_account_is_refused(client, reset_chair):
    other = factories.make_secretariat(email="other@thearmstradetreaty.org")
    log_in(client)

    response = client.get(reverse("two_factor_enrol", args=[make_token(other)]))

    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    assert "Enter this key" not in client.get(reverse("two_factor")).content.decode()


def test_a_link_older_than_an_hour_is_refused(client, reset_chair, monkeypatch):
    import time

    issued = time.time() - 2 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: issued)
    token = make_token(reset_chair)
    monkeypatch.undo()
    log_in(client)

    assert client.get(reverse("two_factor_enrol", args=[token])).status_code == 400


def test_a_link_sent_before_the_password_changed_is_refused(client, reset_chair):
    token = make_token(reset_chair)
    reset_chair.set_password("a completely new passphrase")
    reset_chair.save()

    client.post(reverse("login"), {"username": EMAIL, "password": "a completely new passphrase"})

    assert client.get(reverse("two_factor_enrol", args=[token])).status_code == 400


def test_a_link_needs_the_account_to_be_logged_in(client, reset_chair):
    link = reverse("two_factor_enrol", args=[make_token(reset_chair)])

    response = client.get(link)

    assert response["Location"].startswith(reverse("login"))


def test_at_most_three_links_an_hour(client, reset_chair, django_capture_on_commit_callbacks):
    log_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(LIMITS["second_factor_enrolment"].per_address + 2):
            client.post(reverse("two_factor_enrol_send"), {"next": "/"})

    assert len(mail.outbox) == LIMITS["second_factor_enrolment"].per_address
