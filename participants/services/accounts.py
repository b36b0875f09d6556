"""Sign-in safety for the Secretariat: lockouts (django-axes), second-factor recovery, permission changes.

Every change here is audited: who unlocked or reset whom, and every change of a person's roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as reset_attempts
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device

from participants import audit, policy, second_factor
from participants.models import User, normalise_email
from participants.permissions import SECRETARIAT
from participants.services.errors import NotAllowed


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """The name axes counts failures under: the e-mail as stored, so changing its case gains no attempts."""
    value = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return normalise_email(value or "")


@dataclass(frozen=True)
class SignIn:
    """What the Secretariat needs to know about a person's sign-in."""

    locked: bool
    failures: int
    second_factor: bool


def cooloff_start() -> Any:
    return timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)


def sign_in_state(user: User) -> SignIn:
    recent = AccessAttempt.objects.filter(username=normalise_email(user.email), attempt_time__gte=cooloff_start())
    failures = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
    locked = recent.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).exists()
    return SignIn(locked=locked, failures=failures, second_factor=user_has_device(user))


def _secretariat_only(by: User | None) -> None:
    policy.require(by, SECRETARIAT)


@transaction.atomic
def unlock_account(*, user_id: int, by: User) -> int:
    """Clear the failed logins of an account (from every address); returns how many records went. Audited."""
    _secretariat_only(by)
    user = User.objects.get(pk=user_id)
    cleared = reset_attempts(username=normalise_email(user.email))
    audit.record(actor=by, action="account.unlock", target=user, cleared=cleared)
    return cleared


@transaction.atomic
def reset_second_factor(*, user_id: int, by: User) -> None:
    """Remove a person's authenticator app and backup codes so they set up new ones at their next login."""
    _secretariat_only(by)
    if by is not None and by.pk == user_id:  # another member of the Secretariat confirms who is asking
        raise NotAllowed(_("Ask another member of the Secretariat to reset your own second factor."))
    second_factor.reset_second_factor(user=User.objects.get(pk=user_id), by=by)


@transaction.atomic
def password_was_reset(*, user: User) -> None:
    """A password chosen through the e-mailed link: clear the failed logins, and record it."""
    cleared = reset_attempts(username=normalise_email(user.email))
    audit.record(actor=user, action="account.password_reset", target=user, lockout_cleared=cleared)


ROLE_FLAGS = ("is_active", "is_staff", "is_superuser")


def roles_of(user: User) -> dict[str, Any]:
    """The permission-bearing facts of an account, to compare before and after a change."""
    facts: dict[str, Any] = {flag: getattr(user, flag) for flag in ROLE_FLAGS}
    facts["groups"] = sorted(user.groups.values_list("name", flat=True)) if user.pk else []
    return facts


def record_role_change(*, user: User, by: User | None, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Audit a change of flags or groups (nothing when nothing changed)."""
    changed = {key: {"from": before.get(key), "to": after[key]} for key in after if before.get(key) != after[key]}
    if changed:
        audit.record(actor=by, action="account.roles_changed", target=user, **changed)
