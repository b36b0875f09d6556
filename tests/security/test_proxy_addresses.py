"""Behind reverse proxies (`TRUSTED_PROXY_COUNT`): the lockout and the throttles count the client's own
address, so a stranger cannot lock a colleague out by failing from elsewhere; and a client cannot choose
its own address by writing X-Forwarded-For, with or without a proxy."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from participants.client_address import client_address
from tests import factories

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
EMAIL = "ingrid@example.org"


def behind_proxy(client_ip: str, claimed: str = "") -> Client:
    """A browser at `client_ip` reaching the site through one proxy, which appends what it saw."""
    forwarded = f"{claimed}, {client_ip}" if claimed else client_ip
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def log_in(client: Client, password: str = factories.PASSWORD):
    return client.post(reverse("login"), {"username": EMAIL, "password": password})


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "203.0.113.9", PROXY),  # off: the header is never read
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the left entry was written by the client
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: trust none
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_only_as_far_as_the_proxies_are_trusted(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_behind_a_proxy_a_stranger_failing_does_not_lock_the_owner_out(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    factories.make_participant(email=EMAIL)
    stranger = behind_proxy("203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(stranger, "not the password")

    assert log_in(stranger).status_code == 429
    assert log_in(behind_proxy("198.51.100.4")).status_code == 302


def test_a_client_cannot_escape_its_lockout_by_writing_the_forwarded_header(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    factories.make_participant(email=EMAIL)
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(behind_proxy("203.0.113.9", claimed=f"192.0.2.{number}"), "not the password")

    assert log_in(behind_proxy("203.0.113.9", claimed="192.0.2.200")).status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    factories.make_participant(email=EMAIL)
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"), "not the password")

    locked = log_in(Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.200"))

    assert settings.TRUSTED_PROXY_COUNT == 0
    assert locked.status_code == 429
