"""The anonymized answer export (CSV, XLSX, JSON) for the Chair and the Secretariat."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from feedback import selectors, services
from feedback.exports import FORMATS
from participants.permissions import chair_required


@chair_required
def export_answers(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    round_ = selectors.readable_round(request.user, round_id)
    export = services.export_answers(round_=round_, fmt=fmt, by=request.user)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response
