"""Cycles, tools and ATT meetings: what the Secretariat plans rounds in."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consult import selectors, services
from consult.forms import AttMeetingForm, CycleForm, ToolForm
from consult.models import AttMeeting, Cycle, Tool
from participants.permissions import secretariat_required


@secretariat_required
def setup(request: HttpRequest) -> HttpResponse:
    context = {
        "caps": selectors.cycles_with_usage(),
        "tools": Tool.objects.annotate(round_count=Count("rounds")),
        "meetings": AttMeeting.objects.all(),
    }
    return render(request, "consult/setup.html", context)


def _edit(request, *, form_class, instance, save, title, lead, saved):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except services.CycleInvalid as error:  # a concurrent save took the period first
            form.add_error(None, error)
        else:
            messages.success(request, saved)
            return redirect("consult:setup")
    context = {"form": form, "title": title, "lead": lead, "editing": instance is not None}
    return render(request, "consult/setup_form.html", context)


@secretariat_required
def cycle_edit(request: HttpRequest, cycle_id: int | None = None) -> HttpResponse:
    cycle = get_object_or_404(Cycle, pk=cycle_id) if cycle_id else None
    return _edit(
        request,
        form_class=CycleForm,
        instance=cycle,
        save=lambda data: services.save_cycle(by=request.user, cycle_id=cycle_id, **data),
        title=_("Change cycle") if cycle else _("New cycle"),
        lead=gettext_lazy(
            "A cycle runs from one Conference of States Parties to the next; cycles never overlap. It holds at "
            "most two consultations, online and in person together, and any number of requests for written "
            "input (Annex 1 §10)."
        ),
        saved=_("Cycle saved. You can now plan its consultations."),
    )


@secretariat_required
def tool_edit(request: HttpRequest, tool_id: int | None = None) -> HttpResponse:
    tool = get_object_or_404(Tool, pk=tool_id) if tool_id else None
    return _edit(
        request,
        form_class=ToolForm,
        instance=tool,
        save=lambda data: services.save_tool(by=request.user, tool_id=tool_id, **data),
        title=_("Change tool or initiative") if tool else _("New tool or initiative"),
        lead=gettext_lazy(
            "A Secretariat tool or initiative the group is consulted on (Annex 1 §7), "
            "tagged with the Articles it serves."
        ),
        saved=_("Tool saved. Choose it when you plan a consultation."),
    )


@secretariat_required
def att_meeting_edit(request: HttpRequest, meeting_id: int | None = None) -> HttpResponse:
    meeting = get_object_or_404(AttMeeting, pk=meeting_id) if meeting_id else None
    return _edit(
        request,
        form_class=AttMeetingForm,
        instance=meeting,
        save=lambda data: services.save_att_meeting(by=request.user, meeting_id=meeting_id, **data),
        title=_("Change ATT meeting") if meeting else _("New ATT meeting"),
        lead=gettext_lazy(
            "In-person consultations happen only when absolutely necessary, on the margins of an ATT meeting "
            "(Annex 1 §10)."
        ),
        saved=_("ATT meeting saved."),
    )
