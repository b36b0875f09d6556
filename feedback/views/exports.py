"""The answer export (CSV, XLSX, JSON, XML): anonymized for the Chair and the Secretariat, and with
identities for the Secretariat on an explicit request from the "Who answered" page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from feedback import selectors, services
from feedback.exports import FORMATS
from participants.permissions import chair_required, secretariat_required


@chair_required
def export_answers(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    round_ = selectors.readable_round(request.user, round_id)
    return _download(services.export_answers(round_=round_, fmt=fmt, by=request.user))


@require_POST
@secretariat_required
def export_identities(request: HttpRequest, round_id: int) -> HttpResponse:
    """The answers with who gave them: a POST, recorded in the audit trail as a reveal."""
    fmt = request.POST.get("fmt", "")
    if fmt not in FORMATS:
        raise Http404
    round_ = selectors.readable_round(request.user, round_id)
    return _download(services.export_answers_with_identities(round_=round_, fmt=fmt, by=request.user))


def _download(export: services.ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response
