"""The registry of identities the anonymizer must remove: every participant, whatever their status."""

from __future__ import annotations

import threading

from django.db import connection

from feedback.anonymizer import Anonymizer, Identity
from participants.models import VOUCHED_STATUSES, Participant, Tombstone, User

_lock = threading.Lock()
_cached: tuple[tuple, Anonymizer] | None = None


def identities() -> list[Identity]:
    """Every participant the Secretariat vouched for or named (approved, withdrawn, removed, invited),
    erased ones through their tombstones, and every staff user.

    Staff names are included too: feedback that mentions "Ms Okafor of the Secretariat" identifies
    a person just as well. An erased participant's record is blank; their identity comes from the
    tombstone kept for exactly this. Applicants who never confirmed their e-mail or were never
    approved (awaiting vetting, declined) are left out: anyone can register, and a name typed into
    the public form must not change what other people's answers become.
    """
    vouched = Participant.objects.filter(erased_at__isnull=True, status__in=VOUCHED_STATUSES)
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
        for full_name, email, phone, website, organisation, acronym, country in vouched.values_list(
            "full_name", "user__email", "phone", "website", "organisation", "acronym", "country"
        ).iterator(chunk_size=5000)
    ]
    people.extend(  # a renamed participant: answers written before still use the former name
        Identity(full_name=name, email=email)
        for names, email in vouched.exclude(former_names=[]).values_list("former_names", "user__email")
        for name in names
    )
    people.extend(
        Identity(
            full_name=name,
            email=tombstone.email,
            phone=tombstone.phone,
            website=tombstone.website,
            organisation=tombstone.organisation,
            acronym=tombstone.acronym,
        )
        for tombstone in Tombstone.objects.all()
        for name in tombstone.names or [""]
    )
    staff = User.objects.filter(participant__isnull=True).values_list("name", "email")
    people.extend(Identity(full_name=name, email=email) for name, email in staff)
    return people


def _fingerprint() -> tuple:
    """Changes whenever a participant or user is added, changed or removed, or an applicant is approved
    (a status change alone may not touch updated_at). One query: it runs on every page that shows free text."""
    participants = connection.ops.quote_name(Participant._meta.db_table)
    users = connection.ops.quote_name(User._meta.db_table)
    tombstones = connection.ops.quote_name(Tombstone._meta.db_table)
    vouched = ", ".join(f"'{status}'" for status in VOUCHED_STATUSES)  # constants, not user input
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {participants} WHERE status IN ({vouched})), "  # noqa: S608 (names from the models)
            f"(SELECT MAX(updated_at) FROM {participants}), "
            f"(SELECT COUNT(*) FROM {users}), (SELECT MAX(updated_at) FROM {users}), "
            f"(SELECT COUNT(*) FROM {tombstones})"
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
