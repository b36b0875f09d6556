"""The admin is for staff who have given their second factor; it logs in through our own pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from participants.permissions import is_verified, needs_second_factor


def guard_admin_site(site: AdminSite) -> None:
    """Require an active staff user with a verified second factor; send others to the right page.

    Every admin view answers at once, without the detour through the admin's own login page: a visitor
    is sent to log in, staff who have not given their second factor are sent to give it, and anyone
    else logged in (participants, the Chair) is refused.
    """

    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and is_verified(request))

    def refuse(request: HttpRequest, target: str) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
        if needs_second_factor(request) or (request.user.is_staff and not is_verified(request)):
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': target})}")
        raise PermissionDenied

    def login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        target = request.GET.get("next") or reverse("admin:index")
        if has_permission(request):
            return redirect(reverse("admin:index"))
        return refuse(request, target)

    admin_view = site.admin_view

    def guarded_admin_view(view, cacheable: bool = False):
        inner = admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not has_permission(request):
                return refuse(request, request.get_full_path())
            return inner(request, *args, **kwargs)

        return guarded

    site.has_permission = has_permission
    site.login = login
    site.admin_view = guarded_admin_view
    site.site_header = "WGTR advisory group · administration"
    site.site_title = "WGTR advisory group"
    site.index_title = "Secretariat administration"
