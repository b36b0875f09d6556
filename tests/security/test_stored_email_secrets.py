"""Links that act for the recipient never sit in the stored e-mail the Secretariat can read in the admin:
the body shows a placeholder, the worker puts the link in as it sends, and forgets it once sent."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from participants import services
from participants.models import Category, OutboundEmail
from tests import factories
from tests.participants.helpers import registration_data

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/\S+?/(?=[\s\"<])")


def stored(to: str) -> OutboundEmail:
    return OutboundEmail.objects.get(to=to)


def assert_kept_out(message: OutboundEmail, link: str, admin) -> None:
    assert link not in message.body and link not in message.html
    assert "link sent to the recipient only" in message.body
    page = admin.get(reverse("admin:participants_outboundemail_change", args=[message.pk])).content.decode()
    assert link.split("/")[-2] not in page  # not even the token
    listing = admin.get(reverse("admin:participants_outboundemail_changelist")).content.decode()
    assert link.split("/")[-2] not in listing


def test_an_invitation_link_is_sent_but_not_stored(secretariat, secretariat_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_participant(
            request=services.InvitationRequest(
                email="guest@example.org", category=Category.CIVIL_SOCIETY, full_name="Gus Guest", organisation="NGO"
            ),
            by=secretariat,
        )

    [sent] = mail.outbox
    link = next(url for url in LINK.findall(sent.body) if "/invitation/" in url)
    message = stored("guest@example.org")
    assert_kept_out(message, link, secretariat_client)
    assert message.secret_links == {}  # delivered: forgotten
    assert link in sent.alternatives[0][0]  # the HTML part has it too


def test_a_password_reset_link_is_sent_but_not_stored(client, secretariat_client, django_capture_on_commit_callbacks):
    factories.make_participant(email="ingrid@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "ingrid@example.org"})

    [sent] = mail.outbox
    link = next(url for url in LINK.findall(sent.body) if "/password/reset/" in url)
    assert client.get(link, follow=True).status_code == 200
    assert_kept_out(stored("ingrid@example.org"), link, secretariat_client)


def test_a_confirmation_link_is_sent_but_not_stored(client, secretariat_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participants:register"), registration_data(email="new@example.org"))

    [sent] = mail.outbox
    link = next(url for url in LINK.findall(sent.body) if "/register/confirm/" in url)
    assert_kept_out(stored("new@example.org"), link, secretariat_client)


def test_a_message_waiting_to_be_sent_shows_only_the_placeholder_in_the_admin(secretariat, secretariat_client):
    services.invite_participant(  # no commit in this test: the message waits for the worker
        request=services.InvitationRequest(
            email="guest@example.org", category=Category.CIVIL_SOCIETY, full_name="Gus Guest", organisation="NGO"
        ),
        by=secretariat,
    )
    message = stored("guest@example.org")
    link = message.secret_links["accept_url"]

    assert_kept_out(message, link, secretariat_client)
