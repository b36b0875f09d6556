"""The registry of identities the anonymizer must remove: every participant, whatever their status."""

from __future__ import annotations

import threading

from django.db import connection

from feedback.anonymizer import Anonymizer, Identity
from participants.models import Participant, User

_lock = threading.Lock()
_cached: tuple[tuple, Anonymizer] | None = None


def identities() -> list[Identity]:
    """Every participant (invited, declined, withdrawn and erased included) and every staff user.

    Staff names are included too: feedback that mentions "Ms Okafor of the Secretariat" identifies
    a person just as well.
    """
    people = [
        Identity(
            full_name=full_name,
            email=email,
            phone=phone,
            website=website,
            organisation=organisation,
            acronym=acronym,
            country=country,
        )
        for full_name, email, phone, website, organisation, acronym, country in Participant.objects.values_list(
            "full_name", "user__email", "phone", "website", "organisation", "acronym", "country"
        ).iterator(chunk_size=5000)
    ]
    staff = User.objects.filter(participant__isnull=True).values_list("name", "email")
    people.extend(Identity(full_name=name, email=email) for name, email in staff)
    return people


def _fingerprint() -> tuple:
    """Changes whenever a participant or user is added, changed or removed. One query: it runs on
    every page that shows free text."""
    participants = connection.ops.quote_name(Participant._meta.db_table)
    users = connection.ops.quote_name(User._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {participants}), (SELECT MAX(updated_at) FROM {participants}), "  # noqa: S608 (table names from the models)
            f"(SELECT COUNT(*) FROM {users}), (SELECT MAX(id) FROM {users})"
        )
        return tuple(cursor.fetchone())


def build_anonymizer() -> Anonymizer:
    """A fresh anonymizer over the current registry."""
    return Anonymizer.build(identities())


def current_anonymizer() -> Anonymizer:
    """The anonymizer for the current registry, rebuilt only when the registry has changed."""
    global _cached
    fingerprint = _fingerprint()
    with _lock:
        if _cached is None or _cached[0] != fingerprint:
            _cached = (fingerprint, build_anonymizer())
        return _cached[1]
