"""Time polls: the Secretariat proposes times and chooses one; participants answer in their own zone."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult import selectors as round_selectors
from consult.meetings import selectors, services
from consult.meetings.forms import PollAnswerForm, PollForm
from consult.meetings.markup import slot_fieldsets
from consult.meetings.models import PollState, Slot
from consult.services import RoundError
from participants.permissions import chair_required, is_secretariat, participant_required, secretariat_required


@secretariat_required
def poll_create(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = round_selectors.access_round(request.user, round_id)
    if selectors.live_poll(round_) is not None:
        return redirect("meetings:poll_results", round_id=round_.pk)
    form = PollForm(request.POST or None, round_=round_)
    if request.method == "POST" and form.is_valid():
        try:
            services.open_poll(
                round_id=round_.pk,
                by=request.user,
                slots=form.slots(),
                closes_at=form.cleaned_data["closes_at"],
                message=form.cleaned_data["message"],
            )
        except services.PollInvalid as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The poll is open. Invited participants are being e-mailed now."))
            return redirect("meetings:poll_results", round_id=round_.pk)
    return render(request, "meetings/poll_form.html", {"round": round_, "form": form})


@chair_required
def poll_results(request: HttpRequest, round_id: int) -> HttpResponse:
    """Counts per proposed time; names and the choice for the Secretariat only."""
    round_ = round_selectors.access_round(request.user, round_id)
    poll = selectors.live_poll(round_)
    secretariat = is_secretariat(request.user)
    if poll is None and not secretariat:
        raise Http404
    results = (
        selectors.poll_results(poll, zone=timezone.get_current_timezone(), with_names=secretariat) if poll else None
    )
    context = {"round": round_, "poll": poll, "results": results, "secretariat": secretariat}
    return render(request, "meetings/poll_results.html", context)


@secretariat_required
def poll_decide(request: HttpRequest, round_id: int, slot_id: int) -> HttpResponse:
    """Choose a time: a confirmation page, then the meeting is announced (or moved)."""
    round_ = round_selectors.access_round(request.user, round_id)
    poll = selectors.live_poll(round_)
    slot = get_object_or_404(Slot, pk=slot_id, poll=poll) if poll else None
    if slot is None or poll.state not in (PollState.OPEN, PollState.CLOSED):
        raise Http404
    if request.method == "POST":
        try:
            services.decide_poll(poll_id=poll.pk, slot_id=slot.pk, by=request.user)
        except (services.PollError, RoundError) as error:
            messages.error(request, str(error))
        except ValidationError as error:  # a round rule the chosen time breaks
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Time chosen. The meeting is announced: participants receive the calendar invitation now.")
                if round_.state == "draft"
                else _("Time chosen. Participants receive the updated calendar invitation now."),
            )
            return redirect("consult:round_detail", round_id=round_.pk)
        return redirect("meetings:poll_results", round_id=round_.pk)
    return render(request, "meetings/poll_decide.html", {"round": round_, "poll": poll, "slot": slot})


def _poll_action(request: HttpRequest, round_id: int, action: str) -> HttpResponse:
    round_ = round_selectors.access_round(request.user, round_id)
    poll = selectors.live_poll(round_)
    if poll is None:
        raise Http404
    service = services.close_poll if action == "close" else services.cancel_poll
    try:
        service(poll_id=poll.pk, by=request.user)
    except services.PollError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The poll is closed: no more answers. Choose a time below.")
            if action == "close"
            else _("The poll is cancelled. You can start a new one."),
        )
    return redirect("meetings:poll_results", round_id=round_.pk)


@require_POST
@secretariat_required
def poll_close(request: HttpRequest, round_id: int) -> HttpResponse:
    return _poll_action(request, round_id, "close")


@require_POST
@secretariat_required
def poll_cancel(request: HttpRequest, round_id: int) -> HttpResponse:
    return _poll_action(request, round_id, "cancel")


@participant_required
def poll_answer(request: HttpRequest, poll_id: int) -> HttpResponse:
    """A participant says which times suit them, each shown in their own time zone."""
    poll, participant = selectors.access_poll(request.user, poll_id)
    times = selectors.poll_for_participant(poll, participant)
    form = PollAnswerForm(
        request.POST or None, slots=[time.slot for time in times], initial_answers={t.slot.pk: t.mine for t in times}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_poll(poll_id=poll.pk, participant=participant, answers=form.answers())
        except services.PollError as error:
            messages.error(request, str(error))
        except services.PollInvalid as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request, _("Thank you: your answers are saved. You can change them until the poll closes.")
            )
            return redirect("meetings:poll_answer", poll_id=poll.pk)
    rows = [(time, form[f"slot_{time.slot.pk}"]) for time in times]
    open_ = poll.state == PollState.OPEN and poll.closes_at > timezone.now()
    context = {
        "poll": poll,
        "round": poll.round,
        "slot_fieldsets": slot_fieldsets(rows, open_=open_),
        "form": form,
        "open": open_,
        "zone": selectors.zone_of(participant),
        "has_profile_zone": bool(participant.user.time_zone),
    }
    return render(request, "meetings/poll_answer.html", context)
