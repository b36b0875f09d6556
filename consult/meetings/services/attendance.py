"""The Secretariat's part after invitations: places at an in-person meeting, and who attended."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.meetings.models import Attendance, Meeting
from consult.meetings.services.replies import fill_places, locked_meeting
from consult.models import Mode, Round, RoundState
from consult.selectors import eligible_participants
from participants import audit
from participants.domain_errors import DomainError
from participants.models import User
from participants.permissions import SECRETARIAT
from participants.policy import require


class AttendanceError(DomainError):
    """Attendance or places cannot change now; the message says why."""


@transaction.atomic
def set_capacity(*, round_id: int, capacity: int | None, by: User | None) -> Meeting:
    """Limit the places of an in-person meeting (None: no limit). Raising it moves people up the waiting list.

    Raises AttendanceError for online meetings, a capacity below one, or a meeting already held.
    """
    require(by, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    if round_.mode != Mode.IN_PERSON:
        raise AttendanceError(_("Only in-person meetings have a number of places."))
    if capacity is not None and capacity < 1:
        raise AttendanceError(_("A meeting needs at least one place; leave the field empty for no limit."))
    if round_.state not in (RoundState.DRAFT, RoundState.SCHEDULED, RoundState.OPEN):
        raise AttendanceError(
            _("The round is %(state)s: its places can no longer change.")
            % {"state": round_.get_state_display().lower()}
        )
    meeting = locked_meeting(round_)
    before = meeting.capacity
    meeting.capacity = capacity
    meeting.save(update_fields=["capacity"])
    audit.record(actor=by, action="meeting.capacity", target=round_, before=before, after=capacity)
    fill_places(meeting)
    return meeting


@transaction.atomic
def record_attendance(
    *, round_id: int, attended: Iterable[int], by: User | None, now: datetime | None = None
) -> Meeting:
    """Mark who attended (participant ids); everyone else invited did not. Raises AttendanceError."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = Round.objects.get(pk=round_id)
    if not round_.is_meeting or round_.meeting_starts_at is None or round_.meeting_starts_at > now:
        raise AttendanceError(_("Attendance can be taken once the meeting has started."))
    if round_.state in (RoundState.DRAFT, RoundState.CANCELLED):
        raise AttendanceError(_("This meeting did not take place."))
    meeting = locked_meeting(round_)
    present = set(attended)
    invited = set(eligible_participants(round_).values_list("pk", flat=True))
    unknown = present - invited
    if unknown:
        raise AttendanceError(_("Only participants invited to this meeting can be marked as present."))
    existing = {row.participant_id: row for row in Attendance.objects.filter(round=round_)}
    for participant_id in invited | set(existing):
        row = existing.get(participant_id) or Attendance(round=round_, participant_id=participant_id)
        value = participant_id in present
        if row.pk is None and not value:
            continue  # no reply and absent: nothing to store
        row.attended = value
        row.save()
    meeting.attendance_taken_at, meeting.attendance_taken_by = now, by if by and by.is_authenticated else None
    meeting.save(update_fields=["attendance_taken_at", "attendance_taken_by"])
    audit.record(actor=by, action="meeting.attendance", target=round_, attended=len(present))
    return meeting
