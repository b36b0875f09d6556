"""Put the viewer's role in every template, for role-dependent navigation and the footer's user guide."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from participants.navigation import navigation_for, overview_of
from participants.permissions import is_chair, is_secretariat, participant_of
from participants.todo import menu_counts


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "role": "visitor",
            "viewer_participant": None,
            "nav": navigation_for("visitor", request.path),
            "user_guide": user_guide("visitor"),
        }
    participant = participant_of(user)
    if is_secretariat(user):
        role = "secretariat"
    elif is_chair(user):
        role = "chair"
    elif participant is not None and participant.is_approved:
        role = "participant"
    else:
        role = "applicant"
    counts = menu_counts(user, overview_of(role)) if role in ("secretariat", "chair") else None
    return {
        "role": role,
        "viewer_participant": participant,
        "nav": navigation_for(role, request.path, counts),
        "user_guide": user_guide(role),
    }


# Each role's guide in docs/guide/; visitors and applicants read the experts' guide (it says how to join).
GUIDES = {"secretariat": "secretariat", "chair": "chair"}


def user_guide(role: str) -> str:
    """The address of the role's user guide: the site's own copy, or where USER_GUIDE_URL publishes them."""
    page = GUIDES.get(role, "expert")
    base = settings.USER_GUIDE_URL
    return f"{base}/{page}.md" if base else _site_copy(page)


@cache
def _site_copy(page: str) -> str:
    """The site's own copy of a guide, reversed once per process (as the menu's links are)."""
    return reverse("user_guide", args=[page])
