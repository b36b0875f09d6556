"""Give the Secretariat group its admin permissions once they exist (after every migrate)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from participants.permissions import SECRETARIAT

# The Secretariat manages everything in these apps through the admin (DESIGN.md §2).
SECRETARIAT_APPS = ("participants", "consult", "feedback", "otp_totp", "otp_static", "axes")


def grant_secretariat_permissions(**kwargs: Any) -> None:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    permissions = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    group.permissions.add(*permissions)
