"""E-mails about polls and places: one message per recipient, in their own time zone.

Runs in the worker after the change it reports has committed (consult.meetings.tasks.notify).
The invitations themselves, with their Accept and Decline links, are consult.notifications'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consult.events import round_url
from consult.meetings import selectors
from consult.meetings.models import Attendance, Poll
from consult.selectors import eligible_participants
from participants.mail import queue_email
from participants.models import Notification, Participant
from participants.services.notify import secretariat_members

TEMPLATES = "meetings/emails/"


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _to_participant(participant: Participant, template: str, context: dict[str, Any]) -> None:
    with timezone.override(selectors.zone_of(participant)):
        queue_email(
            template=TEMPLATES + template, to=participant.email, context={"participant": participant, **context}
        )


def poll_opened(*, poll_id: int) -> int:
    """Ask every eligible participant who wants to hear about meetings which times suit them."""
    poll = Poll.objects.select_related("round", "round__tool").get(pk=poll_id)
    url = _absolute(reverse("meetings:poll_answer", kwargs={"poll_id": poll.pk}))
    sent = 0
    with transaction.atomic():
        for participant in eligible_participants(poll.round).order_by("pk"):
            if not (
                participant.wants(Notification.MEETING_INVITATIONS) or participant.wants(Notification.ROUND_SCHEDULED)
            ):
                continue
            times = selectors.poll_for_participant(poll, participant)
            _to_participant(
                participant, "poll_opened", {"poll": poll, "round": poll.round, "times": times, "poll_url": url}
            )
            sent += 1
    return sent


def poll_closed(*, poll_id: int) -> int:
    """Tell each Secretariat member the answers are in and a time can be chosen."""
    poll = Poll.objects.select_related("round").get(pk=poll_id)
    url = _absolute(reverse("meetings:poll_results", kwargs={"round_id": poll.round_id}))
    results = selectors.poll_results(poll, zone=timezone.get_default_timezone(), with_names=False)
    with transaction.atomic():
        for email in secretariat_members():
            queue_email(
                template=TEMPLATES + "poll_closed",
                to=email,
                context={"poll": poll, "round": poll.round, "results": results, "results_url": url},
            )
    return len(secretariat_members())


def _place_email(template: str, attendance_id: int) -> int:
    attendance = Attendance.objects.select_related("round", "participant__user").get(pk=attendance_id)
    row = selectors.own_reply(attendance.round, attendance.participant)
    if template == "waitlisted" and row.waiting_position is None:
        return 0  # a place came free before the worker got here
    _to_participant(
        attendance.participant,
        template,
        {"round": attendance.round, "round_url": round_url(attendance.round), "position": row.waiting_position},
    )
    return 1


def waitlisted(*, attendance_id: int) -> int:
    return _place_email("waitlisted", attendance_id)


def moved_up(*, attendance_id: int) -> int:
    return _place_email("moved_up", attendance_id)


EVENTS: dict[str, Callable[..., int]] = {
    "poll_opened": poll_opened,
    "poll_closed": poll_closed,
    "waitlisted": waitlisted,
    "moved_up": moved_up,
}
