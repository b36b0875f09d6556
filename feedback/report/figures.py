"""The figures of a cycle, read from the database when the report is generated (it keeps them as they were).

Reads only; no identity leaves here: counts per category, per round and in total.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.utils import timezone

from consult.meetings.models import Attendance, Meeting
from consult.models import Cycle, Round
from consult.selectors import response_rates
from feedback.models import Submission
from participants.models import AuditEvent, Category, Invitation, Participant, Status

MEMBER_STATUSES = (Status.APPROVED, Status.WITHDRAWN, Status.REMOVED)
LEFT_STATUSES = (Status.WITHDRAWN, Status.REMOVED)
PARTICIPANT_TARGET = Participant._meta.label_lower


@dataclass(frozen=True)
class Period:
    """From the first moment of the cycle to its end, or to now while it is under way."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @property
    def ends_on(self) -> datetime.date:
        return timezone.localdate(self.ends_at)


def period_of(cycle: Cycle, now: datetime.datetime | None = None) -> Period:
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    starts_at = datetime.datetime.combine(cycle.starts_on, datetime.time.min, tzinfo=zone)
    ends_at = datetime.datetime.combine(cycle.ends_on, datetime.time.max, tzinfo=zone)
    return Period(starts_at, min(ends_at, now))


@dataclass(frozen=True)
class RoundFigures:
    respondents: int
    audience: int
    percent: int


def round_figures(rounds: list[Round]) -> dict[int, RoundFigures]:
    """Respondents, audience and response rate of each round.

    The one place the report reads them: through consult's response_rates, so a closed round's figures
    are those fixed at its closing (consult.figures) and every part of the report follows.
    """
    return {
        round_id: RoundFigures(rate.submitted, rate.eligible, rate.percent)
        for round_id, rate in response_rates(rounds).items()
    }


def attended(rounds: list[Round]) -> dict[int, int]:
    """How many attended each meeting whose attendance the Secretariat took (rounds without it are absent)."""
    taken = set(
        Meeting.objects.filter(round__in=rounds, attendance_taken_at__isnull=False).values_list("round_id", flat=True)
    )
    counts = dict(
        Attendance.objects.filter(round_id__in=taken, attended=True)
        .values_list("round_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {round_id: counts.get(round_id, 0) for round_id in taken}


MEMBERSHIP_COLUMNS = ("Participants at the end", "Joined during the cycle", "Left during the cycle")


def membership(period: Period) -> dict[str, tuple[int, int, int]]:
    """Per category label: participants at the end of the period, joined during it, left (withdrew or removed).

    Joining is the approval (or the Secretariat's import, which approves), or the first response if that
    came earlier; leaving is the withdrawal or removal, the participant's last status change.
    """
    people = list(
        Participant.objects.filter(status__in=MEMBER_STATUSES).values_list(
            "pk", "category", "status", "status_changed_at", "created_at"
        )
    )
    approved_at = dict(
        AuditEvent.objects.filter(
            action="participant.approve",
            target_type=PARTICIPANT_TARGET,
            target_id__in=[str(pk) for pk, _c, status, _s, _cr in people if status in LEFT_STATUSES],
        )
        .values_list("target_id")
        .annotate(at=Max("at"))
        .order_by()
    )
    # Whoever answered a round was a member by then, whatever a later status change stamped.
    first_answer = dict(Submission.objects.values_list("participant_id").annotate(first=Min("created_at")).order_by())
    labels = dict(Category.choices)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for pk, category, status, changed_at, created_at in people:
        left_at = changed_at if status in LEFT_STATUSES else None
        joined_at = changed_at if left_at is None else approved_at.get(str(pk), created_at)
        joined_at = min(joined_at, first_answer.get(pk, joined_at))
        row = counts[str(labels.get(category, category))]
        if joined_at <= period.ends_at and (left_at is None or left_at > period.ends_at):
            row[0] += 1
        if period.starts_at <= joined_at <= period.ends_at:
            row[1] += 1
        if left_at is not None and period.starts_at <= left_at <= period.ends_at:
            row[2] += 1
    return {label: (values[0], values[1], values[2]) for label, values in counts.items()}


ACTIVITY_LABELS = {
    "registrations": "Registrations received",
    "invitations": "Invitations sent",
    "approved": "Applications approved",
    "declined": "Applications declined",
}


def activity(period: Period) -> dict[str, int]:
    """Registrations received, invitations sent, applications approved and declined in the period."""
    events = AuditEvent.objects.filter(
        target_type=PARTICIPANT_TARGET, at__gte=period.starts_at, at__lte=period.ends_at
    ).values("action")
    by_action = dict(
        events.filter(action__in=("participant.register", "participant.approve", "participant.decline"))
        .annotate(n=Count("target_id", distinct=True))
        .values_list("action", "n")
        .order_by()
    )
    invitations = Invitation.objects.filter(sent_at__gte=period.starts_at, sent_at__lte=period.ends_at).count()
    return {
        "registrations": by_action.get("participant.register", 0),
        "invitations": invitations,
        "approved": by_action.get("participant.approve", 0),
        "declined": by_action.get("participant.decline", 0),
    }
