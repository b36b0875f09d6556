"""The Secretariat's vetting queue and its decisions (§4, §5)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participants import services
from participants.forms import ChangeReviewForm, DecisionForm
from participants.models import Participant, Status
from participants.permissions import secretariat_required
from participants.selectors import access_participant, awaiting_confirmation, change_requests, vetting_queue
from participants.views.participant_list import render_detail

# What the Secretariat reads after each decision: what happened and what happens next.
SUCCESS = {
    Status.APPROVED: _("%(name)s is approved. They are being e-mailed a link to log in."),
    Status.DECLINED: _("%(name)s's application is declined. They are being e-mailed your reason."),
    Status.REGISTERED: _("%(name)s's application is back in the vetting queue, and they are being told."),
    Status.REMOVED: _("%(name)s is removed from the group and is being told why."),
    Status.WITHDRAWN: _("%(name)s is recorded as withdrawn, and is being told."),
}


@secretariat_required
def vetting_queue_view(request: HttpRequest) -> HttpResponse:
    return _queue(request)


def _queue(request: HttpRequest, *, refused: DecisionForm | None = None, participant_id: int = 0) -> HttpResponse:
    """The queue; after a refused decision, with its error and what was typed on that application."""
    context = {
        "applications": vetting_queue(request.user),
        "unconfirmed": awaiting_confirmation(request.user).count(),
        "change_requests": change_requests(request.user),
        "refused": refused,
        "refused_id": participant_id,
    }
    return render(request, "participants/vetting_queue.html", context)


def _back(request: HttpRequest, participant: Participant) -> HttpResponse:
    if request.POST.get("next") == "queue":
        return redirect("participants:vetting_queue")
    return redirect("participants:participant_detail", pk=participant.pk)


@require_POST
@secretariat_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    participant = access_participant(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        if request.POST.get("next") == "queue":
            return _queue(request, refused=form, participant_id=participant.pk)
        return render_detail(request, participant, decision_form=form, status=400)
    try:
        participant = services.decide(
            participant_id=participant.pk,
            decision=form.cleaned_data["decision"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except services.ParticipantError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, SUCCESS[participant.status] % {"name": participant.full_name})
    return _back(request, participant)


@require_POST
@secretariat_required
def review_change(request: HttpRequest, pk: int) -> HttpResponse:
    participant = access_participant(request.user, pk)
    form = ChangeReviewForm(request.POST)
    if not form.is_valid():
        return render_detail(request, participant, change_form=form, status=400)
    accept = form.cleaned_data["accept"]
    try:
        services.review_affiliation_change(
            participant_id=participant.pk, accept=accept, by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.ParticipantError as error:
        messages.error(request, error.message)
    else:
        text = (
            _("The change is applied and %(name)s is told.")
            if accept
            else _("The change is declined and %(name)s is told why.")
        )
        messages.success(request, text % {"name": participant.full_name})
    return _back(request, participant)
