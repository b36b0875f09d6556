"""Data protection: a person asks for their personal data to be deleted; the Secretariat carries it out.

Erasure blanks the person's identity everywhere it is held as data (participant record, account,
invitations, queued e-mail, login records, the letter of an offline submission), closes the account,
and keeps the answers: they stay counted and, like everyone's, anonymized. What the anonymizer needs
to keep removing the person's name from those answers lives on in a Tombstone linked to nothing.
The audit trail keeps its rows (it is append-only); the erasure itself is recorded without the name.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from axes.models import AccessAttempt, AccessLog
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed
from django_otp import devices_for_user

from participants import audit, policy
from participants.models import (
    VOUCHED_STATUSES,
    Invitation,
    OutboundEmail,
    Participant,
    Tombstone,
    User,
    new_feed_token,
    normalise_email,
)
from participants.permissions import SECRETARIAT
from participants.services import notify
from participants.services.errors import ParticipantError
from participants.signals import participant_erased

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: can never receive mail
IDENTITY_FIELDS = (
    "full_name",
    "phone",
    "country",
    "organisation",
    "acronym",
    "website",
    "instrument",
    "statement",
    "status_reason",
)


class AlreadyErased(ParticipantError):
    default_message = _("This person's personal data has already been erased.")


def _locked(participant_id: int) -> Participant:
    participant = Participant.objects.select_for_update().select_related("user").get(pk=participant_id)
    if participant.erased_at is not None:
        raise AlreadyErased
    return participant


@transaction.atomic
def request_erasure(*, participant_id: int, by: User, now: datetime | None = None) -> Participant:
    """Record the person's request and tell the Secretariat (asking twice changes nothing). Audited."""
    participant = _locked(participant_id)
    if participant.erasure_requested_at is None:
        participant.erasure_requested_at = now or timezone.now()
        participant.save(update_fields=["erasure_requested_at", "updated_at"])
        audit.record(actor=by, action="participant.erasure_requested", target=participant)
        notify.erasure_requested(participant)
    return participant


def _tombstone(participant: Participant) -> Tombstone:
    every_name = (participant.full_name, participant.user.name, *participant.former_names)
    names = list(dict.fromkeys(name for name in every_name if name.strip()))
    return Tombstone.objects.create(
        names=names,
        email=participant.user.email,
        phone=participant.phone,
        website=participant.website,
        organisation=participant.organisation,
        acronym=participant.acronym,
    )


def _close_participation(participant: Participant) -> None:
    """Out of every list and mailing: approved people withdraw, applicants are declined."""
    for transition in (participant.withdraw, participant.decline):
        if can_proceed(transition):
            transition()
            return


def _blank_account(user: User) -> str:
    """Close the login for good; returns the address it had."""
    address = user.email
    user.email = f"erased-{secrets.token_hex(8)}@{ERASED_DOMAIN}"
    user.name = ""
    user.is_active = False
    user.set_unusable_password()  # also ends every open session
    user.save(update_fields=["email", "name", "is_active", "password"])
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    return address


def _forget_records(participant: Participant, address: str, now: datetime) -> None:
    Invitation.objects.filter(participant=participant).update(
        email=participant.user.email, full_name="", organisation="", country="", message=""
    )
    Invitation.objects.filter(participant=participant, accepted_at=None, revoked_at=None).update(revoked_at=now)
    OutboundEmail.objects.filter(to__in={address, normalise_email(address)}).delete()
    AccessAttempt.objects.filter(username=address).delete()
    AccessLog.objects.filter(username=address).delete()
    participant_erased.send(sender=Participant, participant=participant)


@transaction.atomic
def erase_participant(*, participant_id: int, by: User, now: datetime | None = None) -> Participant:
    """Erase a person's identity and close their account; keep their answers. Raises NotAllowed, AlreadyErased."""
    policy.require(by, SECRETARIAT)
    now = now or timezone.now()
    participant = _locked(participant_id)
    if participant.status in VOUCHED_STATUSES:  # an applicant never vouched for was never in the registry
        _tombstone(participant)
    from_state = participant.status
    _close_participation(participant)
    requested_at = participant.erasure_requested_at
    address = _blank_account(participant.user)
    for name in IDENTITY_FIELDS:
        setattr(participant, name, "")
    participant.expertise, participant.pending_changes, participant.notifications = [], {}, []
    participant.former_names = []
    participant.feed_token = new_feed_token()
    participant.status_changed_at = participant.erased_at = now
    participant.save()
    _forget_records(participant, address, now)
    audit.record(
        actor=by,
        action="participant.erase",
        target=participant,
        from_state=from_state,
        to_state=participant.status,
        requested_at=requested_at.isoformat() if requested_at else None,
    )
    return participant
