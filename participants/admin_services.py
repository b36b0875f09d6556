"""Admin pages whose writes go through the services, so they are checked (policy.py) and audited.

A ModelAdmin with this mixin overrides save_model / delete_model / delete_queryset to call a service.
When the service refuses (a DomainError such as NotAllowed, or a ValidationError its form could not
foresee, e.g. a race with another request), the whole request is rolled back, the refusal is shown
as an admin error message and the person is sent back to the page they came from, never to a 500.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from participants.domain_errors import DomainError

REFUSALS = (DomainError, ValidationError)


def refusal_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class ThroughServices(admin.ModelAdmin):
    """Shows a service's refusal as a message instead of a server error (see the module's docstring)."""

    def _refused(self, request: HttpRequest, error: Exception, to: str) -> HttpResponse:
        self.message_user(request, refusal_message(error), level=messages.ERROR)
        return HttpResponseRedirect(to)

    def _changelist_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def changeform_view(self, request: HttpRequest, object_id: str | None = None, *args: Any, **kwargs: Any):
        try:
            return super().changeform_view(request, object_id, *args, **kwargs)
        except REFUSALS as error:  # the admin's own transaction has rolled back (its log entry too)
            return self._refused(request, error, request.get_full_path())

    def delete_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any):
        try:
            return super().delete_view(request, object_id, *args, **kwargs)
        except REFUSALS as error:
            return self._refused(request, error, self._changelist_url())

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any):
        # A bulk action (delete selected) runs here: all of it, its log entries included, or none of it.
        if request.method != "POST":
            return super().changelist_view(request, *args, **kwargs)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().changelist_view(request, *args, **kwargs)
        except REFUSALS as error:
            return self._refused(request, error, self._changelist_url())

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
