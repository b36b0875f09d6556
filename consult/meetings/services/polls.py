"""Time polls: open one with two to six proposed times, collect answers, close on time, choose a time.

Choosing a time sets the round's meeting times and announces the meeting exactly as scheduling
does (a place in the cycle, e-mails and calendar invitations); for a round already announced it
moves the meeting, which sends everyone invited an update.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from consult import services as round_services
from consult.meetings.models import MAX_SLOTS, MIN_SLOTS, Availability, Poll, PollState, Slot, Vote
from consult.meetings.services._effects import after_commit
from consult.models import Round, RoundState
from consult.rules import round_problems
from participants import audit
from participants.domain_errors import DomainError
from participants.eligibility import may_take_part
from participants.models import Participant, User
from participants.permissions import SECRETARIAT
from participants.policy import require

POLLABLE_STATES = (RoundState.DRAFT, RoundState.SCHEDULED, RoundState.OPEN)


class PollError(DomainError):
    """The poll cannot do what was asked; the message says why and what to do."""


class PollInvalid(ValidationError):
    """Problems with the proposed times or the closing time, by field, for the form."""


class PollClosed(PollError):
    def __init__(self, poll: Poll) -> None:
        super().__init__(
            _("This poll is %(state)s: answers can no longer change.") % {"state": poll.get_state_display().lower()}
        )


class PollNotEligible(PollError):
    def __init__(self) -> None:
        super().__init__(_("Only participants invited to this meeting can answer its time poll."))


class PollNotDecidable(PollError):
    def __init__(self, poll: Poll) -> None:
        super().__init__(
            _("This poll is %(state)s: a time can only be chosen while it is open or closed.")
            % {"state": poll.get_state_display().lower()}
        )


def _locked(poll_id: int) -> Poll:
    return Poll.objects.select_for_update(of=("self",)).select_related("round").get(pk=poll_id)


@transaction.atomic
def open_poll(
    *,
    round_id: int,
    by: User | None,
    slots: Sequence[tuple[datetime, datetime]],
    closes_at: datetime,
    message: str = "",
    now: datetime | None = None,
) -> Poll:
    """Propose times for a meeting and ask eligible participants. Raises PollInvalid."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = Round.objects.select_for_update(of=("self",)).select_related("att_meeting").get(pk=round_id)
    _check_round(round_)
    times = sorted(set(slots))
    _check_times(round_, times, closes_at, now)
    poll = Poll.objects.create(round=round_, closes_at=closes_at, message=message.strip(), created_by=_user(by))
    Slot.objects.bulk_create([Slot(poll=poll, starts_at=start, ends_at=end) for start, end in times])
    audit.record(actor=by, action="poll.open", target=round_, slots=len(times), closes_at=closes_at.isoformat())
    after_commit("poll_opened", poll_id=poll.pk)
    return poll


def _user(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def _check_round(round_: Round) -> None:
    if not round_.is_meeting:
        raise PollInvalid({"slots": _("A time poll is for online and in-person meetings; this is a written round.")})
    if round_.state not in POLLABLE_STATES:
        raise PollInvalid(
            {
                "slots": _("The round is %(state)s: its meeting time can no longer change.")
                % {"state": round_.get_state_display().lower()}
            }
        )
    if Poll.objects.filter(round=round_).exclude(state=PollState.CANCELLED).exists():
        raise PollInvalid({"slots": _("This round already has a time poll. Cancel it to start another.")})


def _check_times(round_: Round, times: list[tuple[datetime, datetime]], closes_at: datetime, now: datetime) -> None:
    problems: dict[str, list[str]] = {}
    if not MIN_SLOTS <= len(times) <= MAX_SLOTS:
        problems.setdefault("slots", []).append(
            _("Propose between %(min)s and %(max)s different times; you proposed %(n)s.")
            % {"min": MIN_SLOTS, "max": MAX_SLOTS, "n": len(times)}
        )
    for start, end in times:
        problems.setdefault("slots", []).extend(_slot_problems(round_, start, end, now))
    if closes_at <= now:
        problems.setdefault("closes_at", []).append(_("The poll must close in the future."))
    elif times and closes_at > times[0][0]:
        problems.setdefault("closes_at", []).append(
            _("The poll must close before the earliest proposed time, so that a time can be chosen and announced.")
        )
    if any(problems.values()):
        raise PollInvalid({field: messages for field, messages in problems.items() if messages})


def _slot_problems(round_: Round, start: datetime, end: datetime, now: datetime) -> list[str]:
    when = timezone.localtime(start).strftime("%d %b %Y %H:%M")
    if end <= start:
        return [_("The time proposed for %(when)s must end after it starts.") % {"when": when}]
    if start <= now:
        return [_("The time proposed for %(when)s has already passed.") % {"when": when}]
    candidate = Round(**{field.attname: getattr(round_, field.attname) for field in Round._meta.concrete_fields})
    candidate.att_meeting = round_.att_meeting
    candidate.meeting_starts_at, candidate.meeting_ends_at = start, end
    broken = round_problems(candidate)
    return [broken[field] for field in ("meeting_starts_at", "meeting_ends_at") if field in broken]


@transaction.atomic
def answer_poll(
    *, poll_id: int, participant: Participant, answers: Mapping[int, str], now: datetime | None = None
) -> Poll:
    """Record (or change) a participant's availability for every proposed time.

    Raises PollClosed (closed, decided, cancelled or past its closing time), PollNotEligible, PollInvalid.
    """
    now = now or timezone.now()
    poll = _locked(poll_id)
    if poll.state != PollState.OPEN or poll.closes_at <= now or poll.round.state == RoundState.CANCELLED:
        raise PollClosed(poll)
    if not may_take_part(participant, restricted=poll.round.restricted):
        raise PollNotEligible
    slot_ids = list(poll.slots.values_list("pk", flat=True))
    missing = [slot_id for slot_id in slot_ids if answers.get(slot_id) not in Availability.values]
    if missing or set(answers) - set(slot_ids):
        raise PollInvalid({"answers": _("Say yes, if need be or no for every proposed time.")})
    for slot_id in slot_ids:
        Vote.objects.update_or_create(
            slot_id=slot_id, participant=participant, defaults={"availability": answers[slot_id]}
        )
    audit.record(actor=participant.user, action="poll.answer", target=poll.round, poll=poll.pk)
    return poll


@transaction.atomic
def close_poll(*, poll_id: int, by: User | None, now: datetime | None = None) -> Poll:
    """Stop taking answers (on time by the clock, or early) and tell the Secretariat. Raises PollClosed."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    poll = _locked(poll_id)
    if not can_proceed(poll.close):
        raise PollClosed(poll)
    poll.close(at=now)
    poll.save(update_fields=["state", "closed_at"])
    audit.record(actor=by, action="poll.close", target=poll.round, poll=poll.pk, from_state="open", to_state="closed")
    after_commit("poll_closed", poll_id=poll.pk)
    return poll


@transaction.atomic
def cancel_poll(*, poll_id: int, by: User | None, now: datetime | None = None) -> Poll:
    """Withdraw a poll that is open or closed; its answers are kept for the record. Raises PollNotDecidable."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    poll = _locked(poll_id)
    if not can_proceed(poll.cancel):
        raise PollNotDecidable(poll)
    from_state = poll.state
    poll.cancel(at=now)
    poll.save(update_fields=["state", "closed_at"])
    audit.record(actor=by, action="poll.cancel", target=poll.round, poll=poll.pk, from_state=from_state)
    return poll


@transaction.atomic
def decide_poll(*, poll_id: int, slot_id: int, by: User | None, now: datetime | None = None) -> Poll:
    """Choose a proposed time: the meeting takes it and is announced (or moved) at once.

    Raises PollNotDecidable, and the round's errors (CycleCapReached, RoundInvalid...) unchanged,
    in which case nothing is saved.
    """
    require(by, SECRETARIAT)
    now = now or timezone.now()
    poll = _locked(poll_id)
    if not can_proceed(poll.decide) or poll.round.state not in POLLABLE_STATES:
        raise PollNotDecidable(poll)
    slot = Slot.objects.get(pk=slot_id, poll=poll)
    from_state = poll.state
    round_services.update_round(
        round_id=poll.round_id, by=by, meeting_starts_at=slot.starts_at, meeting_ends_at=slot.ends_at
    )
    if poll.round.state == RoundState.DRAFT:
        round_services.schedule_round(round_id=poll.round_id, by=by, now=now)
    poll.decide(slot=slot, at=now)
    poll.save(update_fields=["state", "chosen_slot", "decided_at", "closed_at"])
    audit.record(
        actor=by, action="poll.decide", target=poll.round, poll=poll.pk, from_state=from_state, to_state=poll.state
    )
    return poll


def close_polls_due(*, now: datetime | None = None) -> list[int]:
    """The clock's part: close every open poll whose time has come (cancel those of cancelled rounds)."""
    now = now or timezone.now()
    closed = []
    due = Poll.objects.filter(state=PollState.OPEN, closes_at__lte=now).values_list("pk", "round__state")
    for poll_id, round_state in due:
        try:
            if round_state == RoundState.CANCELLED:
                cancel_poll(poll_id=poll_id, by=None, now=now)
            else:
                close_poll(poll_id=poll_id, by=None, now=now)
        except PollError:
            continue  # another worker, or the Secretariat, got there first
        closed.append(poll_id)
    return closed
