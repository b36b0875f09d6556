"""Reads about polls, replies and attendance that depend on who asks.

Names are for the Secretariat only: the Chair gets counts, under the small-cell rule.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.prepared import PreparedQuery
from consult.meetings import cells, slots, waitlist
from consult.meetings.models import Attendance, Meeting, Poll, PollState, Response, Slot, Vote
from consult.meetings.services.replies import accepts_replies
from consult.models import Round, RoundState
from consult.selectors import eligible_participants
from participants.eligibility import may_take_part
from participants.models import Participant
from participants.permissions import approved_participant, is_chair, is_secretariat
from participants.state_flags import state_flags

# --- Polls ---------------------------------------------------------------------------------------------


def live_poll(round_: Round) -> Poll | None:
    """The round's poll that is not cancelled, if any."""
    return Poll.objects.filter(round=round_).exclude(state=PollState.CANCELLED).prefetch_related("slots").first()


def _open_polls(participant_id: int) -> models.QuerySet[Poll]:
    answered = Vote.objects.filter(participant_id=participant_id, slot__poll=models.OuterRef("pk"))
    return (
        Poll.objects.filter(state=PollState.OPEN)
        .exclude(round__state=RoundState.CANCELLED)
        .select_related("round")
        .annotate(answered=models.Exists(answered))
        .order_by("closes_at", "id")
    )


_OPEN_POLLS = PreparedQuery(_open_polls)


def open_polls_for(participant: Participant | None) -> list[Poll]:
    """Open polls the participant is asked to answer (§9: restricted rounds, States Parties only)."""
    if participant is None:
        return []
    now = timezone.now()
    return [
        poll
        for poll in _OPEN_POLLS(participant_id=participant.pk)
        if poll.closes_at > now and may_take_part(participant, restricted=poll.round.restricted)
    ]


_POLL = PreparedQuery(
    lambda poll_id: Poll.objects.select_related("round", "round__tool", "chosen_slot").filter(pk=poll_id)
)


def access_poll(user: Any, poll_id: int) -> tuple[Poll, Participant]:
    """A poll the user may answer (open, closed or decided: they see what they said), or 404."""
    participant = approved_participant(user)
    poll = _POLL.one(poll_id=poll_id)
    if (
        participant is None
        or poll is None
        or poll.state == PollState.CANCELLED
        or poll.round.state == RoundState.CANCELLED
        or not may_take_part(participant, restricted=poll.round.restricted)
    ):
        raise Http404
    return poll, participant


def zone_of(participant: Participant) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(participant.user.time_zone) if participant.user.time_zone else _default_zone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return _default_zone()


def _default_zone() -> tzinfo:
    return timezone.get_default_timezone()


@dataclass
class SlotView:
    """One proposed time for one reader: in their zone, with the answers the reader may see."""

    slot: Slot
    local: slots.LocalSlot
    tally: slots.Tally
    best: bool = False
    mine: str = ""
    names: dict[str, list[str]] = field(default_factory=dict)  # the Secretariat only
    outside_for: int = 0  # respondents for whom it falls outside 07:00-22:00


_MY_ANSWERS = PreparedQuery(
    lambda poll_id, participant_id: Vote.objects.filter(
        slot__poll_id=poll_id, participant_id=participant_id
    ).values_list("slot_id", "availability")
)
_SLOTS = PreparedQuery(lambda poll_id: Slot.objects.filter(poll_id=poll_id))  # in time order (Slot.Meta)


def my_answers(poll: Poll, participant: Participant) -> dict[int, str]:
    return dict(_MY_ANSWERS(poll_id=poll.pk, participant_id=participant.pk))


def poll_for_participant(poll: Poll, participant: Participant) -> list[SlotView]:
    """The proposed times in the participant's zone, with their own answers; no one else's."""
    zone = zone_of(participant)
    mine = my_answers(poll, participant)
    return [
        SlotView(
            slot=slot,
            local=slots.in_zone(slot.starts_at, slot.ends_at, zone),
            tally=slots.Tally(slot.pk),
            mine=mine.get(slot.pk, ""),
        )
        for slot in _SLOTS(poll_id=poll.pk)
    ]


@dataclass
class PollResults:
    poll: Poll
    slots: list[SlotView]
    respondents: int
    eligible: int
    names_shown: bool


def poll_results(poll: Poll, *, zone: tzinfo, with_names: bool) -> PollResults:
    """Counts per proposed time in the reader's zone; names (and who finds it late) for the Secretariat only."""
    poll_slots = list(poll.slots.all())
    votes = list(
        Vote.objects.filter(slot__poll=poll).select_related("participant__user").order_by("participant__full_name")
    )
    tallies = slots.tally([slot.pk for slot in poll_slots], [(vote.slot_id, vote.availability) for vote in votes])
    top = slots.best(tallies)
    views = [
        SlotView(slot=slot, local=slots.in_zone(slot.starts_at, slot.ends_at, zone), tally=tally, best=slot.pk in top)
        for slot, tally in zip(poll_slots, tallies, strict=True)
    ]
    if with_names:
        _add_names(views, votes)
    respondents = len({vote.participant_id for vote in votes})
    eligible = eligible_participants(poll.round).count()
    return PollResults(poll=poll, slots=views, respondents=respondents, eligible=eligible, names_shown=with_names)


def _add_names(views: list[SlotView], votes: list[Vote]) -> None:
    by_slot = {view.slot.pk: view for view in views}
    people: dict[int, Participant] = {}
    for vote in votes:
        view = by_slot[vote.slot_id]
        view.names.setdefault(vote.availability, []).append(str(vote.participant))
        people[vote.participant_id] = vote.participant
    for view in views:
        view.outside_for = sum(
            1
            for person in people.values()
            if slots.in_zone(view.slot.starts_at, view.slot.ends_at, zone_of(person)).outside_hours
        )


# --- Replies and attendance ----------------------------------------------------------------------------


class ReplyStatus(models.TextChoices):
    """Where an invited participant stands: their reply, or the waiting list when the room is full."""

    ACCEPTED = Response.ACCEPTED.value, Response.ACCEPTED.label
    WAITING = "waiting", _("Waiting list")
    TENTATIVE = Response.TENTATIVE.value, Response.TENTATIVE.label
    DECLINED = Response.DECLINED.value, Response.DECLINED.label
    NO_REPLY = "no_reply", _("No reply")


NO_REPLY, WAITING = ReplyStatus.NO_REPLY, ReplyStatus.WAITING


@state_flags("status", ReplyStatus)
@dataclass
class Row:
    participant: Participant
    attendance: Attendance | None
    waiting_position: int | None = None

    @property
    def status(self) -> str:
        if self.attendance is None or not self.attendance.response:
            return NO_REPLY
        return WAITING if self.attendance.waitlisted else self.attendance.response


@dataclass
class Replies:
    """Who was invited and what each said: for the Secretariat only."""

    round: Round
    meeting: Meeting | None
    rows: list[Row]
    counts: dict[str, int]

    @property
    def over_capacity(self) -> bool:
        capacity = self.meeting.capacity if self.meeting else None
        return capacity is not None and self.counts.get(Response.ACCEPTED, 0) > capacity


def replies(round_: Round) -> Replies:
    """Every invited participant (and anyone who replied before losing eligibility) with their reply."""
    invited = list(eligible_participants(round_).order_by("full_name", "pk"))
    by_participant = {
        row.participant_id: row for row in Attendance.objects.filter(round=round_).select_related("participant__user")
    }
    meeting = Meeting.objects.filter(round=round_).first()
    waiting = _waiting(round_, meeting)
    known = {participant.pk for participant in invited}
    others = [row.participant for pid, row in by_participant.items() if pid not in known and row.response]
    rows = [
        Row(
            person,
            by_participant.get(person.pk),
            waitlist.position(waiting, getattr(by_participant.get(person.pk), "pk", -1)),
        )
        for person in invited + others
    ]
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
    counts["attended"] = sum(1 for row in rows if row.attendance is not None and row.attendance.attended)
    return Replies(round=round_, meeting=meeting, rows=rows, counts=dict(counts))


def _waiting(round_: Round, meeting: Meeting | None) -> tuple[int, ...]:
    accepted = Attendance.objects.filter(round=round_, response=Response.ACCEPTED)
    acceptances = [waitlist.Acceptance(row.pk, row.responded_at, row.waitlisted) for row in accepted]
    return waitlist.allocate(acceptances, meeting.capacity if meeting else None).waiting


def own_reply(round_: Round, participant: Participant) -> Row:
    """The participant's own reply, with their place in line when waiting."""
    attendance = Attendance.objects.filter(round=round_, participant=participant).first()
    meeting = Meeting.objects.filter(round=round_).first()
    position = waitlist.position(_waiting(round_, meeting), attendance.pk) if attendance else None
    return Row(participant, attendance, position)


@dataclass(frozen=True)
class AttendanceNumbers:
    """What the Chair sees: counts only, each hidden (None) when small enough to point at someone."""

    invited: int
    replies: dict[str, int | None]
    attended: int | None
    attendance_taken: bool
    min_cell: int


REPLY_KEYS = (Response.ACCEPTED, WAITING, Response.TENTATIVE, Response.DECLINED, NO_REPLY)


def attendance_numbers(round_: Round) -> AttendanceNumbers:
    overview = replies(round_)
    min_cell = settings.ANONYMITY_MIN_CELL
    counts = {key: overview.counts.get(key, 0) for key in REPLY_KEYS}
    meeting = overview.meeting
    taken = meeting is not None and meeting.attendance_taken_at is not None
    return AttendanceNumbers(
        invited=sum(counts.values()),
        replies=cells.protect(counts, min_cell=min_cell),
        attended=cells.shown(overview.counts.get("attended", 0), min_cell=min_cell) if taken else None,
        attendance_taken=taken,
        min_cell=min_cell,
    )


@dataclass(frozen=True)
class Panel:
    """The meeting's part of the round page, for one viewer."""

    poll: Poll | None
    secretariat: bool
    chair: bool
    numbers: AttendanceNumbers | None = None  # the Chair: counts under the small-cell rule
    counts: dict[str, int] | None = None  # the Secretariat: exact counts (names on the attendance page)
    own: Row | None = None  # a participant: their reply
    answerable: bool = False


def panel(user: Any, round_: Round) -> Panel | None:
    """What the round page shows about the meeting; None for written rounds."""
    if not round_.is_meeting:
        return None
    poll = live_poll(round_)
    if is_secretariat(user):
        return Panel(poll=poll, secretariat=True, chair=False, counts=replies(round_).counts)
    if is_chair(user):
        return Panel(poll=poll, secretariat=False, chair=True, numbers=attendance_numbers(round_))
    participant = approved_participant(user)
    if participant is None:
        return None
    return Panel(
        poll=poll if poll is not None and poll.state in (PollState.OPEN, PollState.CLOSED) else None,
        secretariat=False,
        chair=False,
        own=own_reply(round_, participant),
        answerable=accepts_replies(round_, timezone.now()),
    )
