"""Show every date and time in the user's own time zone; keep personal responses out of every cache; read
the session's second factor as django-otp does, with one prepared query."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from contextlib import suppress
from functools import cache

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from config.prepared import PreparedQuery


class UserTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = getattr(request.user, "time_zone", "") if hasattr(request, "user") else ""
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Nothing personal is kept by a browser's cache or a proxy: every response to a signed-in person, and
    every file served as a download, is sent `Cache-Control: private, no-store` (the back button on a shared
    computer after logging out, or a proxy's cache, would otherwise show the page or file to the next person)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = response.get("Content-Disposition", "").startswith("attachment")
        if signed_in or download or getattr(response, "personal", False):
            add_never_cache_headers(response)  # private, no-store, no-cache, max-age=0, must-revalidate
            patch_vary_headers(response, ["Cookie"])
        return response


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, reading the session's device with a prepared query: every staff page asks."""

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        with suppress(ValueError, LookupError):
            label, device_id = self._normalize_persistent_id(persistent_id).rsplit("/", 1)
            device_class = apps.get_model(label)
            if issubclass(device_class, Device):
                return _device_lookup(device_class).one(device_id=int(device_id))
        return None


@cache
def _device_lookup(device_class: type[Device]) -> PreparedQuery[Device]:
    return PreparedQuery(lambda device_id: device_class.objects.filter(pk=device_id))
