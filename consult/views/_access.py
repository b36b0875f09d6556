"""Who may read round material: approved participants, the Chair and the Secretariat (§15)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from participants.permissions import (
    approved_participant,
    is_chair,
    is_secretariat,
    login_required,
    must_complete_registration,
)


def may_read(user: Any) -> bool:
    return is_secretariat(user) or is_chair(user) or approved_participant(user) is not None


def reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in (staff with their second factor, through login_required) and allowed to read round material."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_read(request.user):
            if must_complete_registration(request.user):
                return redirect("participants:profile")
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
