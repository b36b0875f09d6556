"""Accept or decline: from the e-mail's signed link (no login; a POST confirms) or from the round page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult import selectors as round_selectors
from consult.meetings import selectors, services, tokens
from consult.meetings.models import ReplySource, Response
from consult.models import Round
from participants.models import Participant
from participants.permissions import approved_participant, participant_required


def _link_target(token: str) -> tuple[tokens.ReplyLink, Round, Participant]:
    link = tokens.read(token)
    if link is None:
        raise Http404
    round_ = Round.objects.select_related("tool", "att_meeting").filter(pk=link.round_id).first()
    participant = Participant.objects.select_related("user").filter(pk=link.participant_id).first()
    if round_ is None or participant is None:
        raise Http404
    return link, round_, participant


def reply_link(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail's Accept or Decline link. GET only shows what will happen; the POST records it."""
    link, round_, participant = _link_target(token)
    with timezone.override(selectors.zone_of(participant)):
        context = {"round": round_, "participant": participant, "answer": link.answer, "done": None, "error": ""}
        if request.method == "POST":
            try:
                context["done"] = services.reply(
                    round_id=round_.pk, participant_id=participant.pk, answer=link.answer, source=ReplySource.LINK
                )
            except services.ReplyError as error:
                context["error"] = str(error)
        elif not services.accepts_replies(round_, timezone.now()):
            context["error"] = str(services.RepliesClosed(round_))
        else:
            context["current"] = selectors.own_reply(round_, participant)
        response = render(request, "meetings/reply.html", context)
    # The site-wide Referrer-Policy (same-origin) keeps the token out of other sites' logs; "no-referrer"
    # would make browsers send "Origin: null" with the POST, which the CSRF check rightly refuses.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_POST
@participant_required
def reply_on_site(request: HttpRequest, round_id: int) -> HttpResponse:
    """A logged-in participant answers from the round page."""
    round_ = round_selectors.access_round(request.user, round_id)
    answer = request.POST.get("answer", "")
    if answer not in Response.values:
        messages.error(request, _("Choose whether you will attend."))
        return redirect("consult:round_detail", round_id=round_.pk)
    participant = approved_participant(request.user)
    try:
        result = services.reply(
            round_id=round_.pk, participant_id=participant.pk, answer=answer, source=ReplySource.SITE
        )
    except services.ReplyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _reply_message(result))
    return redirect("consult:round_detail", round_id=round_.pk)


def _reply_message(result: services.ReplyResult) -> str:
    if result.waiting_position:
        return _(
            "Thank you. All places are taken: you are number %(n)s on the waiting list; we will tell you "
            "if a place frees up."
        ) % {"n": result.waiting_position}
    if result.attendance.response == Response.ACCEPTED:
        return _("Thank you: you are expected at the meeting.")
    if result.attendance.response == Response.DECLINED:
        return _("Thank you for letting us know you cannot attend.")
    return _("Thank you: your answer is saved.")
