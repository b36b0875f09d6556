"""The Secretariat's audit trail: filter, page through, export as CSV."""

from __future__ import annotations

import csv
import json

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from participants import audit
from participants.forms import AuditFilterForm
from participants.permissions import secretariat_required
from participants.roster import guard_formula
from participants.selectors import audit_actions, audit_events

PAGE_SIZE = 50
CSV_COLUMNS = [
    "at",
    "actor",
    "action",
    "target_type",
    "target_id",
    "target",
    "from_state",
    "to_state",
    "reason",
    "details",
]


def _form(request: HttpRequest) -> AuditFilterForm:
    return AuditFilterForm(request.GET or None, actions=audit_actions(request.user))


@secretariat_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    page = Paginator(audit_events(request.user, form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "participants/audit_trail.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value: str) -> str:
        return value


@secretariat_required
def audit_trail_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered trail as CSV; cells that could run as spreadsheet formulas are quoted."""
    form = _form(request)
    filters = form.filters()
    events = audit_events(request.user, filters)
    audit.record(actor=request.user, action="audit.export", rows=events.count(), filters=str(filters))
    writer = csv.writer(_Echo(), lineterminator="\n")

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for event in events.iterator(chunk_size=2000):
            values = [
                event.at.isoformat(),
                event.actor.email if event.actor else "",
                event.action,
                event.target_type,
                event.target_id,
                event.target_label,
                event.from_state,
                event.to_state,
                event.reason,
                json.dumps(event.details, ensure_ascii=False, sort_keys=True) if event.details else "",
            ]
            yield writer.writerow([guard_formula(value) for value in values])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{timezone.now():%Y-%m-%d}.csv"'
    return response
