"""Test data. People are made in the state a test needs; rounds and responses go through services."""

from __future__ import annotations

import itertools

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants.models import Category, Participant, Status, User
from participants.permissions import CHAIR, SECRETARIAT

_sequence = itertools.count(1)

PASSWORD = "correct horse battery staple"


def make_user(*, email: str | None = None, name: str = "", password: str = PASSWORD, **extra) -> User:
    number = next(_sequence)
    return User.objects.create_user(email or f"user{number}@example.org", password, name=name, **extra)


def make_secretariat(*, email: str | None = None, name: str = "Sam Secretariat") -> User:
    user = make_user(email=email or f"secretariat{next(_sequence)}@thearmstradetreaty.org", name=name, is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def make_chair(*, email: str | None = None, name: str = "Chris Chair") -> User:
    user = make_user(email=email or f"chair{next(_sequence)}@example.org", name=name)
    user.groups.add(Group.objects.get(name=CHAIR))
    return user


def spelled(number: int) -> str:
    """A number written in letters ("12" -> "bc"): names hold no digits, yet each must differ."""
    return "".join("abcdefghij"[int(digit)] for digit in str(number))


# A realistic §4 statement, so every factory participant could be approved as the Annex requires.
STATEMENT = (
    "Ten years preparing my country's annual reports on exports and imports of conventional arms; "
    "I can give two days a month to consultations."
)


def make_participant(
    *,
    email: str | None = None,
    full_name: str | None = None,
    category: str = Category.STATE_PARTY,
    status: str = Status.APPROVED,
    country: str = "",
    organisation: str = "",
    **extra,
) -> Participant:
    number = next(_sequence)
    full_name = full_name or f"Expert Number{spelled(number)}"
    user = make_user(email=email or f"expert{number}@example.org", name=full_name)
    is_state = category in (Category.STATE_PARTY, Category.SIGNATORY_STATE, Category.OBSERVER_STATE)
    now = timezone.now()
    return Participant.objects.create(
        user=user,
        full_name=full_name,
        category=category,
        country=country or ("NO" if is_state else ""),
        organisation=organisation or ("" if is_state else f"Organisation {number}"),
        status=status,
        **{
            "email_confirmed_at": now,
            "personal_capacity_acknowledged_at": now,
            "confidentiality_acknowledged_at": now,
            "statement": STATEMENT,
            **extra,
        },
    )


def verify_second_factor(client: Client, user: User) -> TOTPDevice:
    """Give the session a verified second factor, as logging in with a TOTP code would."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def confirm_totp_device(user: User) -> TOTPDevice:
    """A confirmed authenticator app, as if the user had set it up."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
