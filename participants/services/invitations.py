"""Invitations (§6): single-use, expiring links; only a hash of the token is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from participants import audit, policy
from participants.eligibility import is_state_category
from participants.models import Invitation, Participant, Status, User, normalise_email
from participants.permissions import CHAIR, SECRETARIAT
from participants.services import notify
from participants.services.errors import (
    AffiliationMissing,
    AlreadyInvited,
    DuplicateEmail,
    IllegalTransition,
    InvitationUnusable,
    NotAllowed,
)
from participants.services.registration import Application


@dataclass(frozen=True)
class InvitationRequest:
    """What the inviter knows about the person; it pre-fills their registration form."""

    email: str
    category: str
    full_name: str
    country: str = ""
    organisation: str = ""
    message: str = ""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """An unguessable token (256 bits) for the e-mail, and the hash we keep."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def may_invite(user: User | None) -> bool:
    """The Chair or the Secretariat; never the system, since an invitation always comes from someone."""
    return user is not None and policy.holds(user, SECRETARIAT, CHAIR)


def unusable_reason(invitation: Invitation | None, now: datetime) -> str:
    """Why a link cannot be used ("" when it can): unknown, accepted, revoked or expired."""
    if invitation is None:
        return "unknown"
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= now:
        return "expired"
    return ""


def _participant_for(request: InvitationRequest, email: str, now: datetime) -> Participant:
    """The invited person's records: new ones, or those of an earlier invitation that was not accepted."""
    fields = {
        "full_name": request.full_name,
        "category": request.category,
        "country": request.country if is_state_category(request.category) else "",
        "organisation": "" if is_state_category(request.category) else request.organisation,
    }
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, name=request.full_name, password=make_password(None))
        return Participant.objects.create(user=user, status=Status.INVITED, status_changed_at=now, **fields)
    participant = Participant.objects.select_for_update().filter(user=user).first()
    if participant is None or participant.status != Status.INVITED:
        raise DuplicateEmail(_("This address already belongs to an account; that person can log in."))
    if participant.invitations.filter(accepted_at=None, revoked_at=None, expires_at__gt=now).exists():
        raise AlreadyInvited
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.save(update_fields=[*fields, "updated_at"])
    return participant


@transaction.atomic
def invite_participant(*, request: InvitationRequest, by: User, now: datetime | None = None) -> Invitation:
    """Invite an address for any category and e-mail the link.

    Raises NotAllowed, AffiliationMissing, DuplicateEmail, AlreadyInvited.
    """
    now = now or timezone.now()
    if not may_invite(by):
        raise NotAllowed
    if not (request.country if is_state_category(request.category) else request.organisation):
        raise AffiliationMissing
    email = normalise_email(request.email)
    participant = _participant_for(request, email, now)
    token, token_hash = new_token()
    invitation = Invitation.objects.create(
        email=email,
        category=request.category,
        full_name=request.full_name,
        country=participant.country,
        organisation=participant.organisation,
        message=request.message,
        participant=participant,
        token_hash=token_hash,
        invited_by=by,
        sent_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit.record(actor=by, action="invitation.send", target=invitation, category=request.category)
    notify.invitation(invitation, token, by)
    return invitation


def _lock_pending(invitation_id: int, now: datetime) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    reason = unusable_reason(invitation, now)
    if reason in ("accepted", "revoked"):
        raise InvitationUnusable(reason, _("This invitation was already %(state)s.") % {"state": _(reason)})
    return invitation


@transaction.atomic
def resend_invitation(*, invitation_id: int, by: User, now: datetime | None = None) -> Invitation:
    """Send a new link with a fresh expiry; the previous link stops working. Raises InvitationUnusable."""
    now = now or timezone.now()
    if not may_invite(by):
        raise NotAllowed
    invitation = _lock_pending(invitation_id, now)
    token, invitation.token_hash = new_token()
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    audit.record(actor=by, action="invitation.resend", target=invitation)
    notify.invitation(invitation, token, by)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation_id: int, by: User, reason: str = "", now: datetime | None = None) -> Invitation:
    """Make the link stop working at once. Raises InvitationUnusable when already accepted or revoked."""
    now = now or timezone.now()
    if not may_invite(by):
        raise NotAllowed
    invitation = _lock_pending(invitation_id, now)
    invitation.revoked_at = now
    invitation.save(update_fields=["revoked_at"])
    audit.record(actor=by, action="invitation.revoke", target=invitation, reason=reason)
    return invitation


@transaction.atomic
def accept_invitation(
    *, token: str, password: str, application: Application, now: datetime | None = None
) -> Participant:
    """Register through an invitation: the link itself confirms the address. Raises InvitationUnusable."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
    reason = unusable_reason(invitation, now)
    if reason:
        raise InvitationUnusable(reason)
    application = replace(application, category=invitation.category)  # the invitation decides it (§6)
    application.check()
    participant = Participant.objects.select_for_update().select_related("user").get(pk=invitation.participant_id)
    if not can_proceed(participant.register):
        raise IllegalTransition
    profile = application.profile_fields()
    for name, value in profile.items():
        setattr(participant, name, value)
    participant.personal_capacity_acknowledged_at = now
    participant.confidentiality_acknowledged_at = now
    participant.email_confirmed_at = now
    participant.register()
    participant.status_changed_at = now
    participant.save(
        update_fields=[
            *profile,
            "personal_capacity_acknowledged_at",
            "confidentiality_acknowledged_at",
            "email_confirmed_at",
            "status",
            "status_changed_at",
            "updated_at",
        ]
    )
    user = participant.user
    user.name = participant.full_name
    user.set_password(password)
    user.save(update_fields=["name", "password"])
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    audit.record(
        actor=user,
        action="participant.register",
        target=participant,
        from_state=Status.INVITED,
        to_state=Status.REGISTERED,
        source="invitation",
        invitation=invitation.pk,
    )
    notify.new_application(participant)
    return participant
