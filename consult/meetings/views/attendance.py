"""The Secretariat's meeting page: who accepted, declined or did not reply; places; who attended."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult import selectors as round_selectors
from consult.meetings import selectors, services
from consult.meetings.forms import CapacityForm
from consult.models import Mode
from participants.permissions import secretariat_required


def _meeting_round(request: HttpRequest, round_id: int):
    round_ = round_selectors.access_round(request.user, round_id)
    if not round_.is_meeting:
        raise Http404
    return round_


@secretariat_required
def attendance(request: HttpRequest, round_id: int) -> HttpResponse:
    """GET: replies and attendance (names: the Secretariat only). POST: who attended."""
    round_ = _meeting_round(request, round_id)
    if request.method == "POST":
        chosen = [int(value) for value in request.POST.getlist("attended") if value.isdigit()]
        try:
            services.record_attendance(round_id=round_.pk, attended=chosen, by=request.user)
        except services.AttendanceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Attendance saved: %(n)s present.") % {"n": len(chosen)})
        return redirect("meetings:attendance", round_id=round_.pk)
    overview = selectors.replies(round_)
    capacity = overview.meeting.capacity if overview.meeting else None
    context = {
        "round": round_,
        "overview": overview,
        "started": round_.meeting_starts_at is not None and round_.meeting_starts_at <= timezone.now(),
        "capacity_form": CapacityForm(initial={"capacity": capacity}) if round_.mode == Mode.IN_PERSON else None,
        "poll": selectors.live_poll(round_),
    }
    return render(request, "meetings/attendance.html", context)


@require_POST
@secretariat_required
def capacity(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _meeting_round(request, round_id)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["capacity"]))
        return redirect("meetings:attendance", round_id=round_.pk)
    try:
        services.set_capacity(round_id=round_.pk, capacity=form.cleaned_data["capacity"], by=request.user)
    except services.AttendanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Places saved. Anyone moved up from the waiting list is being told by e-mail."))
    return redirect("meetings:attendance", round_id=round_.pk)
