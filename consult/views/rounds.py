"""Rounds: the list, the round page (for each role), and the Secretariat's planning actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consult import news, selectors, services
from consult.forms import CancelRoundForm, RoundForm
from consult.meetings import selectors as meeting_selectors
from consult.models import Cycle, RoundState
from participants.models import Notification
from participants.permissions import chair_required, is_chair, is_secretariat, login_required, secretariat_required


@chair_required
def round_list(request: HttpRequest) -> HttpResponse:
    """Every round the viewer may see (drafts for the Secretariat only), filterable by cycle and state."""
    rounds = selectors.rounds_visible_to(request.user).order_by("-cycle__starts_on", "opens_at")
    cycle_id, state = request.GET.get("cycle", ""), request.GET.get("state", "")
    if cycle_id.isdigit():
        rounds = rounds.filter(cycle_id=int(cycle_id))
    if state in RoundState.values:
        rounds = rounds.filter(state=state)
    rounds = list(rounds)
    rates = selectors.response_rates(rounds)
    for round_ in rounds:
        round_.rate = rates[round_.pk] if round_.state not in (RoundState.DRAFT, RoundState.CANCELLED) else None
    context = {
        "rounds": rounds,
        "cycles": Cycle.objects.all(),
        "states": RoundState.choices,
        "chosen_cycle": cycle_id,
        "chosen_state": state,
        "filtered": bool(cycle_id or state),
    }
    return render(request, "consult/round_list.html", context)


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    """The round page: what participants need to take part; for staff also its state and actions."""
    round_ = selectors.access_round(request.user, round_id)
    staff = is_secretariat(request.user) or is_chair(request.user)
    context = {
        "round": round_,
        "documents": selectors.documents_visible_to(request.user).filter(round=round_).order_by("title"),
        "questions": round_.questions.active(),
        "staff": staff,
        "secretariat": is_secretariat(request.user),
        "upcoming": selectors.upcoming_transitions(round_),
        "cap": selectors.cap_usage(round_.cycle) if staff else None,
        "rate": selectors.response_rates([round_]).get(round_.pk) if staff else None,
        "meeting_panel": meeting_selectors.panel(request.user, round_),
    }
    return render(request, "consult/round_detail.html", context)


@secretariat_required
def round_create(request: HttpRequest) -> HttpResponse:
    cycle = selectors.current_cycle()
    form = RoundForm(request.POST or None, initial={"cycle": cycle} if cycle else None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.create_round(by=request.user, **form.service_fields())
        except services.RoundInvalid as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Draft saved. Add its questionnaire and documents, then schedule it: participants are told "
                    "only when it is scheduled."
                ),
            )
            return redirect("consult:round_detail", round_id=round_.pk)
    return render(
        request, "consult/round_form.html", {"form": form, "round": None, "caps": selectors.cycles_with_usage()}
    )


@secretariat_required
def round_edit(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.access_round(request.user, round_id)
    if not round_.is_editable:
        messages.error(request, str(services.RoundNotEditable(round_)))
        return redirect("consult:round_detail", round_id=round_.pk)
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.update_round(round_id=round_.pk, by=request.user, **form.service_fields())
        except services.RoundInvalid as error:
            form.add_error(None, error)
        else:
            announced = updated.is_meeting and updated.state != RoundState.DRAFT
            messages.success(
                request,
                _("Changes saved. Participants receive an updated calendar invitation.")
                if announced and updated.calendar_sequence != round_.calendar_sequence
                else _("Changes saved."),
            )
            return redirect("consult:round_detail", round_id=round_.pk)
    return render(
        request, "consult/round_form.html", {"form": form, "round": round_, "caps": selectors.cycles_with_usage()}
    )


@secretariat_required
def round_schedule(request: HttpRequest, round_id: int) -> HttpResponse:
    """Schedule and announce: a page saying what will happen and to how many people, then one service call."""
    round_ = selectors.access_round(request.user, round_id)
    if round_.state != RoundState.DRAFT:
        messages.info(request, _("This consultation is already scheduled."))
        return redirect("consult:round_detail", round_id=round_.pk)
    if request.method == "POST":
        return _schedule(request, round_)
    cap = selectors.cap_usage(round_.cycle)
    blocked = round_.takes_cap_place and cap.full  # written requests never wait for a place
    context = {
        "round": round_,
        "cap": cap,
        "blocked": blocked,
        "place": cap.used + 1 if round_.takes_cap_place and not blocked else None,
        "announcement": news.announcement_of(round_),
        "questions": round_.questions.active().count(),
        "documents": round_.documents.count(),
    }
    return render(request, "consult/round_schedule.html", context)


def _schedule(request: HttpRequest, round_) -> HttpResponse:
    try:
        round_ = services.schedule_round(round_id=round_.pk, by=request.user)
    except services.RoundInvalid as error:
        for message in error.messages:
            messages.error(request, message)
        messages.error(request, _("Edit the round to fix this, then schedule it again."))
    except services.RoundError as error:
        messages.error(request, str(error))
    else:
        cap = selectors.cap_usage(round_.cycle)
        place = str(cap) if round_.takes_cap_place else _("a request for written input, which takes no place")
        messages.success(
            request,
            _(
                "Scheduled: %(cap)s. Eligible participants are being e-mailed now; the round opens by itself "
                "at its opening time."
            )
            % {"cap": place},
        )
    return redirect("consult:round_detail", round_id=round_.pk)


def _confirm(request: HttpRequest, round_id: int, *, action: str) -> HttpResponse:
    """Open or close now: a confirmation page, then one service call."""
    round_ = selectors.access_round(request.user, round_id)
    service = services.open_round if action == "open" else services.close_round
    if request.method == "POST":
        try:
            service(round_id=round_.pk, by=request.user)
        except services.RoundError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The round is open. Participants who chose to be told are being e-mailed.")
                if action == "open"
                else _("The round is closed; no more answers are accepted. The Chair can now prepare the summary."),
            )
        return redirect("consult:round_detail", round_id=round_.pk)
    notification = Notification.ROUND_OPENED if action == "open" else Notification.ROUND_CLOSED
    told = news.told_now(round_, notification, news=action == "open")
    context = {"round": round_, "action": action, "told": told}
    return render(request, "consult/round_confirm.html", context)


@secretariat_required
def round_open(request: HttpRequest, round_id: int) -> HttpResponse:
    return _confirm(request, round_id, action="open")


@secretariat_required
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    return _confirm(request, round_id, action="close")


@secretariat_required
def round_cancel(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.access_round(request.user, round_id)
    form = CancelRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_round(round_id=round_.pk, by=request.user, reason=form.cleaned_data["reason"])
        except services.RoundError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The round is cancelled and its place in %(cycle)s is free again.") % {"cycle": round_.cycle.name}
                if round_.state == RoundState.SCHEDULED
                else _("The draft is cancelled."),
            )
        return redirect("consult:round_detail", round_id=round_.pk)
    return render(request, "consult/round_cancel.html", {"round": round_, "form": form})
