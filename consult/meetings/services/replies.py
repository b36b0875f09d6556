"""Replies to a meeting invitation, from an e-mail link, the site or a calendar program, and the waiting list.

Every reply to one meeting locks that meeting's row first, so two acceptances arriving together
cannot both take the last place.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.meetings import waitlist
from consult.meetings.itip import CalendarReply
from consult.meetings.models import Attendance, Meeting, ReplySource, Response
from consult.meetings.services._effects import after_commit
from consult.models import Round, RoundState
from participants import audit
from participants.domain_errors import DomainError
from participants.eligibility import may_take_part
from participants.models import Participant, User, normalise_email
from participants.policy import require_self

logger = logging.getLogger(__name__)

ANSWERABLE_STATES = (RoundState.SCHEDULED, RoundState.OPEN)


class ReplyError(DomainError):
    """The reply cannot be recorded; the message says why, for the person replying."""


class RepliesClosed(ReplyError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _("“%(title)s” can no longer be answered: the meeting is over, cancelled or not announced.")
            % {"title": round_.title}
        )


class NotInvited(ReplyError):
    def __init__(self) -> None:
        super().__init__(_("This invitation is not for an approved participant who may attend this meeting."))


@dataclass(frozen=True)
class ReplyResult:
    attendance: Attendance
    changed: bool
    waiting_position: int | None = None


def accepts_replies(round_: Round, now: datetime) -> bool:
    """Announced, not cancelled or closed, and the meeting has not ended."""
    ends = round_.meeting_ends_at
    return round_.is_meeting and round_.state in ANSWERABLE_STATES and ends is not None and now < ends


def locked_meeting(round_: Round) -> Meeting:
    """The meeting's row, created when first needed, locked for the rest of the transaction."""
    Meeting.objects.get_or_create(round=round_)
    return Meeting.objects.select_for_update().get(round=round_)


@transaction.atomic
def reply(
    *,
    round_id: int,
    participant_id: int,
    answer: str,
    source: str,
    by: User | None = None,
    now: datetime | None = None,
) -> ReplyResult:
    """Record accepted, tentative or declined. Raises RepliesClosed, NotInvited.

    Accepting a full in-person meeting puts the participant on the waiting list; declining frees a
    place, which goes to the first in line (told by e-mail).
    """
    now = now or timezone.now()
    round_ = Round.objects.get(pk=round_id)
    meeting = locked_meeting(round_)
    if not accepts_replies(round_, now):
        raise RepliesClosed(round_)
    participant = Participant.objects.select_related("user").get(pk=participant_id)
    require_self(by, participant)
    if not may_take_part(participant, restricted=round_.restricted):
        raise NotInvited
    attendance, _created = Attendance.objects.get_or_create(round=round_, participant=participant)
    if attendance.response == answer:
        return ReplyResult(attendance, changed=False, waiting_position=_position(meeting, attendance))
    previous = attendance.response
    attendance.response, attendance.source, attendance.responded_at = answer, source, now
    attendance.waitlisted = answer == Response.ACCEPTED and waitlist.waits(
        holders=_holders(round_), capacity=meeting.capacity
    )
    attendance.save(update_fields=["response", "source", "responded_at", "waitlisted"])
    audit.record(
        actor=by or participant.user,
        action="meeting.reply",
        target=round_,
        from_state=previous,
        to_state=answer,
        source=source,
        waitlisted=attendance.waitlisted,
    )
    if attendance.waitlisted:
        after_commit("waitlisted", attendance_id=attendance.pk)
    if previous == Response.ACCEPTED:
        fill_places(meeting)
    return ReplyResult(attendance, changed=True, waiting_position=_position(meeting, attendance))


def _holders(round_: Round) -> int:
    return Attendance.objects.filter(round=round_, response=Response.ACCEPTED, waitlisted=False).count()


def _acceptances(round_: Round) -> list[waitlist.Acceptance]:
    rows = Attendance.objects.filter(round=round_, response=Response.ACCEPTED)
    return [waitlist.Acceptance(row.pk, row.responded_at, row.waitlisted) for row in rows]


def _position(meeting: Meeting, attendance: Attendance) -> int | None:
    if not attendance.waitlisted:
        return None
    allocation = waitlist.allocate(_acceptances(meeting.round), meeting.capacity)
    return waitlist.position(allocation.waiting, attendance.pk)


def fill_places(meeting: Meeting) -> list[int]:
    """Move the first in line into free places (call with the meeting locked); each is told by e-mail."""
    allocation = waitlist.allocate(_acceptances(meeting.round), meeting.capacity)
    if allocation.moved_up:
        Attendance.objects.filter(pk__in=allocation.moved_up).update(waitlisted=False)
        for attendance_id in allocation.moved_up:
            audit.record(actor=None, action="meeting.place_given", target=meeting.round, attendance=attendance_id)
            after_commit("moved_up", attendance_id=attendance_id)
    return list(allocation.moved_up)


# --- Replies from calendar programs (iTIP METHOD:REPLY by e-mail) -------------------------------------


class Ignored(Exception):
    """A calendar reply that changes nothing; the message says why, for the log."""


def record_calendar_reply(*, sender: str, reply_: CalendarReply, now: datetime | None = None) -> ReplyResult:
    """Apply a reply a calendar program sent by e-mail. Raises Ignored for unknown, forged or stale replies."""
    now = now or timezone.now()
    round_ = _round_by_uid(reply_.uid)
    sender = normalise_email(sender or "")
    if sender != normalise_email(reply_.attendee):
        raise Ignored(f"forged: sent by {sender or 'nobody'} for the attendee {reply_.attendee}")
    participant = Participant.objects.filter(user__email=normalise_email(reply_.attendee)).first()
    if participant is None:
        raise Ignored(f"unknown attendee {reply_.attendee}")
    if reply_.answer is None:
        raise Ignored(f"PARTSTAT {reply_.partstat} is not an answer we record")
    earlier = Attendance.objects.filter(round=round_, participant=participant).values_list("responded_at", flat=True)
    last = earlier.first()
    if last is not None and reply_.stamp is not None and reply_.stamp < last:
        raise Ignored(f"stale: written at {reply_.stamp.isoformat()}, before the answer of {last.isoformat()}")
    try:
        return reply(
            round_id=round_.pk,
            participant_id=participant.pk,
            answer=reply_.answer,
            source=ReplySource.CALENDAR,
            now=now,
        )
    except ReplyError as error:
        raise Ignored(str(error)) from error


def _round_by_uid(uid: str) -> Round:
    try:
        calendar_uid = uuid.UUID(uid)
    except ValueError as error:
        raise Ignored(f"unknown event {uid!r}") from error
    round_ = Round.objects.filter(calendar_uid=calendar_uid).first()
    if round_ is None:
        raise Ignored(f"unknown event {uid!r}")
    return round_
