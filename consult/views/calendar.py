"""Calendars: the per-round .ics download, and each participant's secret subscription feed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consult import calendar, events, selectors, services
from participants.permissions import approved_participant, login_required, participant_required


def _ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
def round_ics(request: HttpRequest, round_id: int) -> HttpResponse:
    """“Add to calendar”: the meeting and the deadline of one round the viewer may see."""
    round_ = selectors.access_round(request.user, round_id)
    has_questions = round_.questions.active().exists()
    content = calendar.feed(
        events.round_events(round_, has_questions=has_questions),
        name=round_.title,
        uid=f"{round_.calendar_uid}-calendar",
        organizer=events.organizer(),
        now=timezone.now(),
    )
    filename = f"{slugify(round_.title)[:60] or 'consultation'}.ics"
    return _ics_response(content, filename, attachment=True)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal feed calendar apps subscribe to: no login, the secret token is the key (404 otherwise)."""
    participant = selectors.participant_for_feed(token)
    rounds = selectors.rounds_in_feed(participant)
    feed_events = [
        event for round_ in rounds for event in events.round_events(round_, has_questions=round_.question_count > 0)
    ]
    content = calendar.feed(
        feed_events,
        name=_("ATT advisory group consultations"),
        uid=f"feed-{participant.pk}@att-advisory",
        organizer=events.organizer(),
        now=timezone.now(),
    )
    return _ics_response(content, "att-advisory-group.ics", attachment=False)


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("consult:calendar_feed", kwargs={"token": token})


@participant_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    """How to subscribe in Outlook, Google Calendar and Apple Calendar, and how to reset the address."""
    participant = approved_participant(request.user)
    url = feed_url(participant.feed_token)
    webcal = "webcal://" + url.split("://", 1)[1]
    context = {"feed_url": url, "webcal_url": webcal, "participant": participant}
    return render(request, "consult/calendar.html", context)


@require_POST
@participant_required
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    participant = approved_participant(request.user)
    services.reset_feed_token(participant_id=participant.pk, by=request.user)
    messages.success(
        request,
        _(
            "Your calendar address has changed and the old one no longer works. "
            "Subscribe again with the new address below, and remove the old subscription from your calendar app."
        ),
    )
    return redirect("consult:calendar")
