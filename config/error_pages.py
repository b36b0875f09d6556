"""The site's own error pages, also in development, and a quiet console for ordinary refusals.

With DEBUG on (`make run`), Django answers an unknown address or a view's crash with its technical
page: settings, URL patterns and code, which confuses people trying the demo. This middleware
puts the site's own 404 and 500 pages in their place; developers who want the technical pages set
TECHNICAL_ERROR_PAGES=1. With DEBUG off it does nothing: Django already uses the site's pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_resolver

TECHNICAL_STATUSES = (404, 500)


class SiteErrorPagesMiddleware:
    """Replace Django's technical 404 and 500 pages by the site's own while DEBUG is on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not settings.DEBUG or settings.TECHNICAL_ERROR_PAGES or response.status_code not in TECHNICAL_STATUSES:
            return response
        raised = getattr(request, "_site_error_status", None)
        unknown_address = response.status_code == 404 and getattr(request, "resolver_match", None) is None
        if raised == response.status_code or unknown_address:
            return self.site_page(request, response.status_code)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """Note what the view raised; Django still logs it and builds its response (replaced above)."""
        if isinstance(exception, Http404):
            request._site_error_status = 404
        elif not isinstance(exception, PermissionDenied | SuspiciousOperation | BadRequest):
            request._site_error_status = 500

    @staticmethod
    def site_page(request: HttpRequest, status: int) -> HttpResponse:
        handler = get_resolver().resolve_error_handler(status)
        return handler(request, exception=Http404()) if status == 404 else handler(request)


class ClientErrorWithoutTraceback(logging.Filter):
    """A refused or unknown request (4xx) is logged on one line; only server errors keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
