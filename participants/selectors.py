"""Reads about people that depend on who is asking; every lookup is scoped to what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from participants.countries import COUNTRIES, sort_key
from participants.models import AuditEvent, Invitation, Participant, Status
from participants.permissions import is_chair, is_secretariat, participant_of
from participants.services.invitations import hash_token
from participants.signals import personal_data_requested


@dataclass(frozen=True)
class ParticipantFilters:
    q: str = ""
    status: str = ""
    category: str = ""
    affiliation: str = ""
    expertise: str = ""


def participants_for_secretariat(user: Any, filters: ParticipantFilters | None = None) -> QuerySet[Participant]:
    """The participant list (§2), filtered; empty for anyone but the Secretariat."""
    participants = Participant.objects.select_related("user").order_by("full_name", "pk")
    if not is_secretariat(user):
        return participants.none()
    filters = filters or ParticipantFilters()
    if filters.status:
        participants = participants.filter(status=filters.status)
    if filters.category:
        participants = participants.filter(category=filters.category)
    if filters.expertise:
        participants = participants.filter(expertise__icontains=f'"{filters.expertise}"')
    if filters.affiliation:
        participants = participants.filter(affiliation_matches(filters.affiliation))
    if filters.q:
        text = filters.q.strip()
        participants = participants.filter(
            Q(full_name__icontains=text) | Q(user__email__icontains=text) | Q(organisation__icontains=text)
        )
    return participants


def affiliation_matches(text: str) -> Q:
    """An organisation, acronym or country whose name contains the text (accents and case ignored)."""
    folded = sort_key(text.strip())
    codes = [
        c.code for c in COUNTRIES if any(folded in sort_key(name) for name in c.names) or folded == c.code.casefold()
    ]
    return Q(organisation__icontains=text.strip()) | Q(acronym__iexact=text.strip()) | Q(country__in=codes)


def access_participant(user: Any, participant_id: int) -> Participant:
    """One participant for the Secretariat, or 404 (no hint whether it exists)."""
    return get_object_or_404(participants_for_secretariat(user), pk=participant_id)


def vetting_queue(user: Any) -> QuerySet[Participant]:
    """Applications with a confirmed e-mail, oldest first: those the Secretariat can decide now."""
    return (
        participants_for_secretariat(user)
        .filter(status=Status.REGISTERED, email_confirmed_at__isnull=False)
        .prefetch_related("invitations__invited_by")
        .order_by("status_changed_at", "pk")
    )


def awaiting_confirmation(user: Any) -> QuerySet[Participant]:
    return participants_for_secretariat(user).filter(status=Status.REGISTERED, email_confirmed_at__isnull=True)


def change_requests(user: Any) -> QuerySet[Participant]:
    """Approved participants who asked to change their category or affiliation."""
    return participants_for_secretariat(user).exclude(pending_changes={}).order_by("updated_at", "pk")


def history_of(user: Any, participant: Participant) -> QuerySet[AuditEvent]:
    if not is_secretariat(user):
        return AuditEvent.objects.none()
    about_the_person = Q(target_type="participants.participant", target_id=str(participant.pk))
    about_the_account = Q(target_type="participants.user", target_id=str(participant.user_id))
    return AuditEvent.objects.filter(about_the_person | about_the_account).select_related("actor")


def invitations_visible_to(user: Any) -> QuerySet[Invitation]:
    """All invitations for the Secretariat; the Chair's own for the Chair; none for anyone else."""
    invitations = Invitation.objects.select_related("participant", "invited_by")
    if is_secretariat(user):
        return invitations
    if is_chair(user):
        return invitations.filter(invited_by=user)
    return invitations.none()


def access_invitation(user: Any, invitation_id: int) -> Invitation:
    return get_object_or_404(invitations_visible_to(user), pk=invitation_id)


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link points to, whatever its state (the page explains why it cannot be used)."""
    return Invitation.objects.select_related("participant", "invited_by").filter(token_hash=hash_token(token)).first()


def application_of(user: Any) -> Participant:
    """The viewer's own participant record, or 404 for staff without one."""
    participant = participant_of(user)
    if participant is None:
        raise Http404
    return participant


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    since: date | None = None
    until: date | None = None


def audit_events(user: Any, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """The audit trail for the Secretariat, newest first; dates are whole days in the viewer's time zone."""
    events = AuditEvent.objects.select_related("actor")
    if not is_secretariat(user):
        return events.none()
    filters = filters or AuditFilters()
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.actor:
        who = filters.actor.strip()
        events = events.filter(Q(actor__email__icontains=who) | Q(actor__name__icontains=who))
    if filters.since:
        events = events.filter(at__gte=start_of_day(filters.since))
    if filters.until:
        events = events.filter(at__lt=start_of_day(filters.until + timedelta(days=1)))
    return events


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def audit_actions(user: Any) -> list[str]:
    if not is_secretariat(user):
        return []
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def own_data(participant: Participant) -> dict[str, Any]:
    """Everything this app holds about the person, for their own download (data protection)."""
    user = participant.user

    def stamp(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    events = AuditEvent.objects.filter(target_type="participants.participant", target_id=str(participant.pk))
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "time_zone": user.time_zone,
            "joined": stamp(user.date_joined),
        },
        "participant": {
            "full_name": participant.full_name,
            "former_names": participant.former_names,
            "phone": participant.phone,
            "category": participant.category,
            "country": participant.country,
            "organisation": participant.organisation,
            "acronym": participant.acronym,
            "website": participant.website,
            "instrument": participant.instrument,
            "expertise": participant.expertise,
            "statement": participant.statement,
            "status": participant.status,
            "status_changed_at": stamp(participant.status_changed_at),
            "status_reason": participant.status_reason,
            "email_confirmed_at": stamp(participant.email_confirmed_at),
            "personal_capacity_acknowledged_at": stamp(participant.personal_capacity_acknowledged_at),
            "confidentiality_acknowledged_at": stamp(participant.confidentiality_acknowledged_at),
            "notifications": participant.notifications,
            "pending_changes": participant.pending_changes,
            "registered_at": stamp(participant.created_at),
        },
        "history": [
            {"at": stamp(e.at), "action": e.action, "from": e.from_state, "to": e.to_state, "reason": e.reason}
            for e in events.order_by("at", "id")
        ],
        **_sections_from_other_apps(participant),
    }


def _sections_from_other_apps(participant: Participant) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for _receiver, section in personal_data_requested.send(sender=Participant, participant=participant):
        sections.update(section)
    return sections
