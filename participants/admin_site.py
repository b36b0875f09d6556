"""The admin is for staff who have given their second factor; it logs in through our own pages."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from participants.permissions import is_verified


def guard_admin_site(site: AdminSite) -> None:
    """Require an active staff user with a verified second factor; send others to the right page."""

    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and is_verified(request))

    def login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        target = request.GET.get("next") or reverse("admin:index")
        page = "two_factor" if request.user.is_authenticated else "login"
        return redirect(f"{reverse(page)}?{urlencode({'next': target})}")

    site.has_permission = has_permission
    site.login = login
    site.site_header = "ATT advisory group administration"
    site.site_title = "ATT advisory group"
    site.index_title = "Secretariat administration"
