"""Who may do what: roles from groups, and the decorators every view uses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from participants.eligibility import registration_complete
from participants.models import Participant, Status

SECRETARIAT = "Secretariat"
CHAIR = "Chair"

View = Callable[..., HttpResponse]


def role_names(user: Any) -> frozenset[str]:
    """The user's staff roles, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_secretariat(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_superuser or SECRETARIAT in role_names(user))


def is_chair(user: Any) -> bool:
    return CHAIR in role_names(user)


def is_staff_role(user: Any) -> bool:
    """Secretariat, Chair and superusers: the accounts that must use two-factor authentication."""
    return is_secretariat(user) or is_chair(user) or getattr(user, "is_staff", False)


def participant_of(user: Any) -> Participant | None:
    """The user's participant record, whatever its status (None for staff without one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.participant
    except Participant.DoesNotExist:
        return None


def member(user: Any) -> Participant | None:
    """The user's participant record when approved, whether or not they completed their registration."""
    participant = participant_of(user)
    return participant if participant is not None and participant.status == Status.APPROVED else None


def approved_participant(user: Any) -> Participant | None:
    """An approved participant who completed their registration (§4, §11, §12): who may see the group's work."""
    participant = member(user)
    return participant if participant is not None and registration_complete(participant) else None


SECOND_FACTOR_SESSION_FLAG = "second_factor_required"


def second_factor_required(request: HttpRequest) -> bool:
    """Staff always; anyone who set up a device (flag stored at login, so no query per request)."""
    return is_staff_role(request.user) or bool(request.session.get(SECOND_FACTOR_SESSION_FLAG))


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def needs_second_factor(request: HttpRequest) -> bool:
    """Logged in with a password, but a required second factor has not been given yet."""
    return request.user.is_authenticated and second_factor_required(request) and not is_verified(request)


def redirect_to_second_factor(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")


def must_complete_registration(user: Any) -> bool:
    """Approved but without the §4 statement or the §11/§12 acknowledgements: sent to their profile."""
    return member(user) is not None and approved_participant(user) is None


def _guard(allowed: Callable[[Any], bool], *, incomplete_to_profile: bool = False) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_second_factor(request):
                return redirect_to_second_factor(request)
            if not allowed(request.user):
                if incomplete_to_profile and must_complete_registration(request.user):
                    return redirect("participants:profile")
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


secretariat_required = _guard(is_secretariat)
"""The Secretariat (or a superuser), with a verified second factor."""

chair_required = _guard(lambda user: is_chair(user) or is_secretariat(user))
"""The Chair or the Secretariat, with a verified second factor."""

participant_required = _guard(lambda user: approved_participant(user) is not None, incomplete_to_profile=True)
"""An approved participant who completed their registration; one who has not is sent to their profile."""

member_required = _guard(lambda user: member(user) is not None)
"""An approved participant, registration completed or not (their profile is where they complete it)."""

login_required = _guard(lambda user: True)
"""Anyone logged in (staff with a verified second factor)."""
