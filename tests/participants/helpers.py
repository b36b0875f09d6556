"""Helpers for the participants tests: form data, links found in e-mails, applicants made through services."""

from __future__ import annotations

import re
from datetime import datetime

from django.core import mail

from participants import services
from participants.models import Participant
from tests.factories import STATEMENT

PASSWORD = "a long enough passphrase 42"


def registration_data(**overrides: object) -> dict[str, object]:
    data = {
        "full_name": "Ingrid Johansson",
        "email": "ingrid@example.org",
        "phone": "+46 8 555 012 34",
        "category": "state_party",
        "country": "SE",
        "organisation": "",
        "acronym": "",
        "website": "",
        "expertise": ["article_13", "online_reporting_tool"],
        "statement": "Ten years preparing my country's annual reports under Article 13; I can give two days a month.",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "personal_capacity": "on",
        "confidentiality": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def application(**overrides: object) -> services.Application:
    values = {
        "full_name": "Ingrid Johansson",
        "category": "state_party",
        "country": "SE",
        "expertise": ["article_13"],
        "statement": "Ten years preparing my country's annual reports under Article 13.",
        "personal_capacity": True,
        "confidentiality": True,
    }
    values.update(overrides)
    return services.Application(**values)


def register(
    email: str = "ingrid@example.org", *, confirm: bool = True, now: datetime | None = None, **fields
) -> Participant:
    """A self-registered applicant, through the services (and confirmed unless told otherwise)."""
    participant = services.register_participant(
        email=email, password=PASSWORD, application=application(**fields), now=now
    )
    if confirm:
        token = services.registration.confirmation_token(participant, now or participant.created_at)
        participant = services.confirm_email(token=token, now=now)
    return participant


def link_in(message: mail.EmailMessage, pattern: str = r"http://testserver(/\S+)") -> str:
    """The first site link in a plain-text e-mail, as a path the test client can open."""
    match = re.search(pattern, message.body)
    assert match, f"no link in: {message.body}"
    return match.group(1)


def messages_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def admin_participant_form(**overrides: object) -> dict[str, object]:
    """The admin's participant change form, for a State Party participant of Sweden."""
    data = {
        "full_name": "Ingrid Johansson",
        "phone": "",
        "category": "state_party",
        "country": "SE",
        "organisation": "",
        "acronym": "",
        "website": "",
        "instrument": "",
        "expertise": "[]",
        "statement": STATEMENT,
        "notifications": "[]",
    }
    data.update(overrides)
    return data
