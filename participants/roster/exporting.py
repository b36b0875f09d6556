"""Export the participant list: import columns first (so an edited export imports back), then the rest."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from participants import audit
from participants.models import Participant, User
from participants.roster.columns import EXPORT_COLUMNS
from participants.roster.files import write
from participants.roster.xml import SCHEMA


def as_row(participant: Participant) -> dict[str, object]:
    def stamp(value: object) -> str:
        return value.isoformat() if value else ""

    return {
        "email": participant.user.email,
        "full_name": participant.full_name,
        "category": participant.category,
        "affiliation": participant.affiliation,
        "country": participant.country,
        "phone": participant.phone,
        "website": participant.website,
        "acronym": participant.acronym,
        "status": participant.status,
        "expertise": list(participant.expertise or []),
        "statement": participant.statement,
        "email_confirmed_at": stamp(participant.email_confirmed_at),
        "personal_capacity_acknowledged_at": stamp(participant.personal_capacity_acknowledged_at),
        "confidentiality_acknowledged_at": stamp(participant.confidentiality_acknowledged_at),
        "status_changed_at": stamp(participant.status_changed_at),
        "created_at": stamp(participant.created_at),
    }


def export_rows(queryset: QuerySet[Participant] | None = None) -> Iterator[dict[str, object]]:
    queryset = Participant.objects.all() if queryset is None else queryset
    for participant in queryset.select_related("user").order_by("user__email").iterator(chunk_size=2000):
        yield as_row(participant)


def export_participants(
    *, fmt: str, by: User | None, queryset: QuerySet[Participant] | None = None, source: str = ""
) -> bytes:
    """Every participant (or those of `queryset`), one row each, as csv, xlsx, json or xml; audited."""
    rows = list(export_rows(queryset))
    schema_url = f"{settings.SITE_URL}{settings.STATIC_URL}{SCHEMA}"
    content = write(rows, EXPORT_COLUMNS, fmt, exported_at=timezone.now(), schema_url=schema_url)
    audit.record(actor=by, action="participants.export", format=fmt, rows=len(rows), source=source)
    return content
