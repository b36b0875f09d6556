"""The public forms that send e-mail tell nobody who has an account, and cannot flood an inbox: registration
answers the same for a new and a known address (the owner of a known one is told by e-mail), and
registration and password reset are limited per address and per client."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from participants.models import AuditEvent, Participant, User
from participants.throttle import LIMITS
from tests import factories
from tests.participants.helpers import registration_data

pytestmark = pytest.mark.django_db


def register(client, callbacks, email: str):
    with callbacks(execute=True):
        return client.post(reverse("participants:register"), registration_data(email=email))


def reset(client, callbacks, email: str):
    with callbacks(execute=True):
        return client.post(reverse("password_reset"), {"email": email})


def page_without(response, client, email: str) -> str:
    """The page the visitor ends on, with the address they typed taken out."""
    return client.get(response["Location"]).content.decode().replace(email, "ADDRESS")


@pytest.mark.parametrize("who", ["participant", "staff", "invited"])
def test_registering_a_known_address_looks_exactly_like_registering_a_new_one(
    client, django_capture_on_commit_callbacks, who, secretariat
):
    known = {
        "participant": lambda: factories.make_participant(email="known@example.org").user,
        "staff": lambda: factories.make_chair(email="known@example.org"),
        "invited": lambda: factories.make_participant(email="known@example.org", status="invited").user,
    }[who]()
    mail.outbox.clear()

    new = register(client, django_capture_on_commit_callbacks, "new@example.org")
    new_page = page_without(new, client, "new@example.org")
    taken = register(client, django_capture_on_commit_callbacks, "known@example.org")
    taken_page = page_without(taken, client, "known@example.org")

    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert taken_page == new_page
    assert User.objects.filter(email="known@example.org").count() == 1
    assert known.check_password(factories.PASSWORD) or who == "invited"  # nothing about the account changed
    notice = next(message for message in mail.outbox if message.to == ["known@example.org"])
    expected = "an invitation is already waiting" if who == "invited" else "this address already has an account"
    assert expected in notice.body
    event = AuditEvent.objects.get(action="participant.register_existing")
    assert event.actor is None


def test_a_known_address_gets_at_most_three_notices_an_hour(client, django_capture_on_commit_callbacks):
    factories.make_participant(email="known@example.org")
    limit = LIMITS["register"].per_address

    answers = [register(client, django_capture_on_commit_callbacks, "known@example.org") for _ in range(limit + 2)]

    assert {answer["Location"] for answer in answers} == {reverse("participants:register_done")}
    assert len([message for message in mail.outbox if message.to == ["known@example.org"]]) == limit


def test_a_client_registering_too_often_is_paused_with_a_clear_page(client, django_capture_on_commit_callbacks):
    limit = LIMITS["register"].per_client
    for number in range(limit):
        register(client, django_capture_on_commit_callbacks, f"person{number}@example.org")

    response = register(client, django_capture_on_commit_callbacks, "one-more@example.org")

    assert response.status_code == 429
    assert "Try again in an hour" in response.content.decode()
    assert not User.objects.filter(email="one-more@example.org").exists()
    assert Participant.objects.count() == limit


def test_another_client_is_not_paused_by_someone_elses_requests(django_capture_on_commit_callbacks):
    from django.test import Client

    busy, other = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.4")
    for number in range(LIMITS["register"].per_client):
        register(busy, django_capture_on_commit_callbacks, f"person{number}@example.org")

    response = register(other, django_capture_on_commit_callbacks, "colleague@example.org")

    assert response.status_code == 302


def test_password_reset_emails_are_limited_per_address_with_the_same_answer(client, django_capture_on_commit_callbacks):
    factories.make_participant(email="ingrid@example.org")
    limit = LIMITS["password_reset"].per_address

    answers = [reset(client, django_capture_on_commit_callbacks, "ingrid@example.org") for _ in range(limit + 2)]

    assert {answer["Location"] for answer in answers} == {reverse("password_reset_done")}
    assert len(mail.outbox) == limit


def test_a_client_asking_for_too_many_password_resets_is_paused(client, django_capture_on_commit_callbacks):
    for number in range(LIMITS["password_reset"].per_client):
        reset(client, django_capture_on_commit_callbacks, f"nobody{number}@example.org")

    response = reset(client, django_capture_on_commit_callbacks, "ingrid@example.org")

    assert response.status_code == 429
    assert mail.outbox == []


def test_the_throttle_keeps_neither_addresses_nor_client_addresses(client, django_capture_on_commit_callbacks):
    from participants.models import ThrottleHit

    reset(client, django_capture_on_commit_callbacks, "ingrid@example.org")

    keys = " ".join(ThrottleHit.objects.values_list("key", flat=True))
    assert keys and "ingrid" not in keys and "127.0.0.1" not in keys
