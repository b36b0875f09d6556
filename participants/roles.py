"""Make sure the staff roles exist, and give the Secretariat group its admin permissions (after every migrate).

The data migration creates the groups; this runs after every migrate and every test flush too, which
empties tables that migrations filled.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from participants.permissions import CHAIR, SECRETARIAT

# The Secretariat manages everything in these apps through the admin (roles: docs/architecture.md).
SECRETARIAT_APPS = ("participants", "consult", "feedback", "otp_totp", "otp_static", "axes")


def grant_secretariat_permissions(**kwargs: Any) -> None:
    Group.objects.get_or_create(name=CHAIR)
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    permissions = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    group.permissions.add(*permissions)
