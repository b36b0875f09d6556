"""The Secretariat's audit trail: filter, page through, export as CSV."""

from __future__ import annotations

import csv
import json

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from participants import audit
from participants.audit.phrases import describe
from participants.forms import AuditFilterForm
from participants.models import AuditEvent
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
    "what_happened",
]


def _form(request: HttpRequest) -> AuditFilterForm:
    return AuditFilterForm(request.GET or None, actions=audit_actions(request.user))


def _events(request: HttpRequest, form: AuditFilterForm) -> QuerySet[AuditEvent]:
    filters = form.filters()
    return audit_events(request.user, filters) if filters is not None else AuditEvent.objects.none()


@secretariat_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    page = Paginator(_events(request, form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [(event, describe(event)) for event in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "participants/audit_trail.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@secretariat_required
def audit_trail_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered trail as CSV; cells that could run as spreadsheet formulas are quoted."""
    form = _form(request)
    events = _events(request, form)
    audit.record(actor=request.user, action="audit.export", rows=events.count(), filters=str(form.filters()))
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
                describe(event).text,
            ]
            yield writer.writerow([guard_formula(value) for value in values])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{timezone.now():%Y-%m-%d}.csv"'
    return response
