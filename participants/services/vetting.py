"""Vetting (§4, §5): the Secretariat's decisions on a participant's status, each audited and e-mailed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from participants import audit, policy
from participants.models import Participant, User
from participants.permissions import SECRETARIAT
from participants.services import notify
from participants.services.errors import (
    EmailNotConfirmed,
    IllegalTransition,
    ReasonRequired,
    StatementMissing,
)
from participants.signals import participant_approved

# Decisions whose reason the person must read (it is e-mailed and shown on their page).
REASON_REQUIRED = frozenset({"decline", "remove"})


@transaction.atomic
def _change_status(*, participant_id: int, transition: str, by: User, reason: str, now: datetime | None) -> Participant:
    """Lock, check, transition, save, audit and e-mail: the one path every status change takes."""
    now = now or timezone.now()
    reason = reason.strip()
    if transition in REASON_REQUIRED and not reason:
        raise ReasonRequired
    participant = Participant.objects.select_for_update().select_related("user").get(pk=participant_id)
    method: Callable[[], None] = getattr(participant, transition)
    if not can_proceed(method):
        if transition == "approve" and can_proceed(method, check_conditions=False):
            raise EmailNotConfirmed
        raise IllegalTransition(
            _("%(name)s is “%(status)s”, so “%(step)s” is not possible.")
            % {"name": participant, "status": participant.get_status_display(), "step": transition}
        )
    if transition == "approve" and not participant.statement.strip():
        raise StatementMissing
    from_state = participant.status
    method()
    participant.status_changed_at = now
    participant.status_reason = reason
    participant.save(update_fields=["status", "status_changed_at", "status_reason", "updated_at"])
    audit.record(
        actor=by,
        action=f"participant.{transition}",
        target=participant,
        from_state=from_state,
        to_state=participant.status,
        reason=reason,
    )
    notify.decision(participant, reason)
    return participant


def _secretariat_only(by: User) -> None:
    policy.require(by, SECRETARIAT)


def approve_participant(*, participant_id: int, by: User, reason: str = "", now: datetime | None = None) -> Participant:
    """Accept a confirmed application that has a §4 statement.

    Raises NotAllowed, EmailNotConfirmed, StatementMissing, IllegalTransition."""
    _secretariat_only(by)
    participant = _change_status(participant_id=participant_id, transition="approve", by=by, reason=reason, now=now)
    transaction.on_commit(lambda: participant_approved.send(sender=Participant, participant_id=participant_id))
    return participant


def decline_participant(*, participant_id: int, by: User, reason: str, now: datetime | None = None) -> Participant:
    """Refuse an application, telling the applicant why. Raises NotAllowed, ReasonRequired, IllegalTransition."""
    _secretariat_only(by)
    return _change_status(participant_id=participant_id, transition="decline", by=by, reason=reason, now=now)


def reconsider_participant(
    *, participant_id: int, by: User, reason: str = "", now: datetime | None = None
) -> Participant:
    """Put a declined application back in the vetting queue. Raises NotAllowed, IllegalTransition."""
    _secretariat_only(by)
    return _change_status(participant_id=participant_id, transition="reconsider", by=by, reason=reason, now=now)


def remove_participant(*, participant_id: int, by: User, reason: str, now: datetime | None = None) -> Participant:
    """Take an approved participant off the list. Raises NotAllowed, ReasonRequired, IllegalTransition."""
    _secretariat_only(by)
    return _change_status(participant_id=participant_id, transition="remove", by=by, reason=reason, now=now)


def withdraw_participant(
    *, participant_id: int, by: User, reason: str = "", now: datetime | None = None
) -> Participant:
    """Leave the group (the participant themselves, or the Secretariat on their behalf). Raises IllegalTransition."""
    participant = Participant.objects.only("user_id").get(pk=participant_id)
    if participant.user_id != by.pk:
        _secretariat_only(by)
    return _change_status(participant_id=participant_id, transition="withdraw", by=by, reason=reason, now=now)


DECISIONS: dict[str, Callable[..., Participant]] = {
    "approve": approve_participant,
    "decline": decline_participant,
    "reconsider": reconsider_participant,
    "remove": remove_participant,
    "withdraw": withdraw_participant,
}


@transaction.atomic
def decide(
    *, participant_id: int, decision: str, by: User, reason: str = "", now: datetime | None = None
) -> Participant:
    """Apply one of DECISIONS by name (for the vetting page and admin actions). Raises IllegalTransition."""
    service = DECISIONS.get(decision)
    if service is None:
        raise IllegalTransition(_("Unknown decision “%(decision)s”.") % {"decision": decision})
    return service(participant_id=participant_id, by=by, reason=reason, now=now)
