"""Rounds: create, edit, and every change of state, each locked, checked, audited and announced.

The two-per-cycle cap (§10) counts consultations, online and in person together, and lives in the
database: such a round takes a place (`slot` 1 or 2, unique per cycle) when it is scheduled, or when a
scheduled request for written input becomes a meeting. Written requests take no place. Under concurrent
requests the unique constraint decides who wins; the Python check before it only gives a friendly message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from consult.figures import figures_at_closing
from consult.models import AttMeeting, Cycle, Mode, Round, RoundState, Tool
from consult.rules import round_problems
from consult.services._events import announce_on_commit
from participants import audit
from participants.domain_errors import DomainError
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require


class RoundError(DomainError):
    """A round could not change as asked; the message is written for the person who asked."""


class CycleCapReached(RoundError):
    def __init__(self, cycle: Cycle) -> None:
        super().__init__(
            _(
                "%(cycle)s already has %(limit)s consultations scheduled or held, the most a cycle may have "
                "(Annex 1 §10, online and in-person together). Cancel one that has not opened yet to free its "
                "place, plan this consultation in another cycle, or make it a request for written input, "
                "which takes no place."
            )
            % {"cycle": cycle.name, "limit": settings.ROUNDS_PER_CYCLE}
        )


class RoundNotDraft(RoundError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _("“%(title)s” is %(state)s: only a draft can be scheduled.")
            % {"title": round_.title, "state": round_.get_state_display().lower()}
        )


class RoundNotScheduled(RoundError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _("“%(title)s” is %(state)s: only a scheduled round can be opened.")
            % {"title": round_.title, "state": round_.get_state_display().lower()}
        )


class RoundNotOpen(RoundError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _("“%(title)s” is %(state)s, not open: only an open round can be closed.")
            % {"title": round_.title, "state": round_.get_state_display().lower()}
        )


class RoundNotCancellable(RoundError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _("“%(title)s” is %(state)s: only a draft or scheduled round can be cancelled.")
            % {"title": round_.title, "state": round_.get_state_display().lower()}
        )


class RoundNotClosed(RoundError):
    def __init__(self, round_: Round) -> None:
        super().__init__(_("“%(title)s” must be closed before it is summarised.") % {"title": round_.title})


class RoundNotEditable(RoundError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _("“%(title)s” is %(state)s and can no longer be changed.")
            % {"title": round_.title, "state": round_.get_state_display().lower()}
        )


class RoundInvalid(ValidationError):
    """Broken rules by field ({field: message}), so forms can show each next to its field."""


# What the Secretariat may set on a round, in the order its form asks.
ROUND_FIELDS = (
    "title",
    "cycle",
    "tool",
    "stage",
    "description",
    "mode",
    "restricted",
    "opens_at",
    "closes_at",
    "reminder_days",
    "meeting_starts_at",
    "meeting_ends_at",
    "meeting_link",
    "venue",
    "att_meeting",
    "justification",
)
# Fixed once participants have been told: who may take part, and in which cycle. The mode may change
# until the round opens, under the cap's rule (see _change_mode).
FIXED_AFTER_DRAFT = frozenset({"cycle", "restricted"})
FIXED_ONCE_OPEN = frozenset({"mode", "opens_at"})
# What a calendar invitation shows: changing any of these sends an update with a higher SEQUENCE.
INVITATION_FIELDS = frozenset({"title", "description", "meeting_starts_at", "meeting_ends_at", "meeting_link", "venue"})
MEETING_ONLY_FIELDS = {
    "meeting_starts_at": None,
    "meeting_ends_at": None,
    "meeting_link": "",
    "venue": "",
    "att_meeting": None,
    "justification": "",
}
IN_PERSON_ONLY_FIELDS = ("venue", "att_meeting", "justification")


def _locked(round_id: int) -> Round:
    # Lock the round only (not the joined cycle): concurrent schedulings race to the unique constraint.
    return Round.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=round_id)


def _clear_fields_of_other_modes(round_: Round) -> None:
    """Keep only the meeting details the mode uses, so nothing stale reaches an invitation."""
    if round_.mode == Mode.WRITTEN:
        for name, empty in MEETING_ONLY_FIELDS.items():
            setattr(round_, name, empty)
    elif round_.mode == Mode.ONLINE:
        for name in IN_PERSON_ONLY_FIELDS:
            setattr(round_, name, MEETING_ONLY_FIELDS[name])


def _validate(round_: Round) -> None:
    problems = round_problems(round_)
    if problems:
        raise RoundInvalid(problems)


@transaction.atomic
def create_round(
    *,
    by: User | None,
    cycle: Cycle,
    tool: Tool,
    title: str,
    stage: str,
    opens_at: datetime,
    closes_at: datetime,
    mode: str = Mode.WRITTEN,
    description: str = "",
    restricted: bool | None = None,
    unrestricted_reason: str = "",
    reminder_days: int = 3,
    meeting_starts_at: datetime | None = None,
    meeting_ends_at: datetime | None = None,
    meeting_link: str = "",
    venue: str = "",
    att_meeting: AttMeeting | None = None,
    justification: str = "",
) -> Round:
    """Create a draft round (it takes no place in the cycle until scheduled). Raises RoundInvalid.

    `restricted` defaults to whether the tool is hosted in the restricted area (§9); a round on such a
    tool open to everyone needs `unrestricted_reason`, kept in the audit trail.
    """
    require(by, SECRETARIAT)
    if restricted is None:
        restricted = tool.restricted_area
    round_ = Round(
        cycle=cycle,
        tool=tool,
        title=title,
        stage=stage,
        opens_at=opens_at,
        closes_at=closes_at,
        mode=mode,
        description=description,
        restricted=restricted,
        reminder_days=reminder_days,
        meeting_starts_at=meeting_starts_at,
        meeting_ends_at=meeting_ends_at,
        meeting_link=meeting_link,
        venue=venue,
        att_meeting=att_meeting,
        justification=justification,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    _clear_fields_of_other_modes(round_)
    _validate(round_)
    reason = _restriction_reason(round_, unrestricted_reason)
    round_.save()
    audit.record(actor=by, action="round.create", target=round_, to_state=round_.state)
    if reason:
        audit.record(actor=by, action="round.unrestricted", target=round_, reason=reason, tool=tool.name)
    return round_


def _restriction_reason(round_: Round, reason: str) -> str:
    """§9: a round on a tool in the restricted area is restricted unless a reason says why not."""
    if round_.restricted or not round_.tool.restricted_area:
        return ""
    if not reason.strip():
        raise RoundInvalid(
            {
                "restricted": _(
                    "%(tool)s is hosted in the restricted area of the ATT website, so its consultations are for "
                    "States Parties' representatives (Annex 1 §9). To open this one to every participant, say why."
                )
                % {"tool": round_.tool.name}
            }
        )
    return reason.strip()


@transaction.atomic
def update_round(*, round_id: int, by: User | None, unrestricted_reason: str = "", **changes: Any) -> Round:
    """Change a round's details. A meeting already announced gets a calendar update.

    A scheduled request for written input made online or in person must find a free place in the cycle
    (§10). Raises RoundNotEditable (closed or cancelled), RoundInvalid (a broken rule, no free place,
    cycle or restricted changed after scheduling, mode or opening time changed once open, a round on a
    restricted-area tool opened to everyone without a reason).
    """
    require(by, SECRETARIAT)
    unknown = set(changes) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"Not round fields: {sorted(unknown)}")
    round_ = _locked(round_id)
    if not round_.is_editable:
        raise RoundNotEditable(round_)
    before = {name: getattr(round_, name) for name in ROUND_FIELDS}
    _refuse_fixed_changes(round_, before, changes)
    for name, value in changes.items():
        setattr(round_, name, value)
    _clear_fields_of_other_modes(round_)
    _validate(round_)
    changed = sorted(name for name in ROUND_FIELDS if getattr(round_, name) != before[name])
    if not changed:
        return round_
    reason = ""
    if {"restricted", "tool"} & set(changed):
        reason = _restriction_reason(round_, unrestricted_reason)
    announced_meeting = round_.is_meeting and round_.state != RoundState.DRAFT
    becomes_meeting = "mode" in changed and round_.is_meeting and before["mode"] == Mode.WRITTEN
    sends_update = announced_meeting and (becomes_meeting or bool(INVITATION_FIELDS.intersection(changed)))
    if sends_update:
        round_.calendar_sequence += 1
    fields = [*changed, "calendar_sequence", "updated_at"]
    if round_.state == RoundState.SCHEDULED and "mode" in changed:
        round_ = _change_mode(round_, before_mode=before["mode"], fields=fields)
    else:
        round_.save(update_fields=fields)
    audit.record(actor=by, action="round.update", target=round_, changed=changed)
    if "mode" in changed and round_.state != RoundState.DRAFT:
        audit.record(
            actor=by,
            action="round.mode_change",
            target=round_,
            before=before["mode"],
            after=round_.mode,
            slot=round_.slot,
        )
    if reason:
        audit.record(actor=by, action="round.unrestricted", target=round_, reason=reason, tool=round_.tool.name)
    if sends_update:
        announce_on_commit("meeting_changed", round_.pk)
    return round_


def _change_mode(round_: Round, *, before_mode: str, fields: list[str]) -> Round:
    """A rule change (§10): a scheduled written request made a meeting must take a free place."""
    if before_mode != Mode.WRITTEN and not round_.takes_cap_place:
        raise RoundInvalid(
            {
                "mode": _(
                    "A meeting already announced cannot become a request for written input: cancel it (its place "
                    "is freed and the invitations withdrawn), then create the written request."
                )
            }
        )
    if before_mode != Mode.WRITTEN:  # online and in person share the place it already holds
        round_.save(update_fields=fields)
        return round_
    try:
        return _claim_place(round_, fields=[*fields, "slot"])
    except CycleCapReached as full:
        raise RoundInvalid({"mode": str(full)}) from full


def _refuse_fixed_changes(round_: Round, before: dict[str, Any], changes: dict[str, Any]) -> None:
    fixed = set(FIXED_AFTER_DRAFT) if round_.state != RoundState.DRAFT else set()
    if round_.state == RoundState.OPEN:
        fixed |= FIXED_ONCE_OPEN
    refused = {name: _("This cannot change once the round is %(state)s.") for name in fixed if name in changes}
    refused = {name: message for name, message in refused.items() if changes[name] != before[name]}
    if refused:
        state = round_.get_state_display().lower()
        raise RoundInvalid({name: message % {"state": state} for name, message in refused.items()})


@transaction.atomic
def schedule_round(
    *,
    round_id: int,
    by: User | None,
    now: datetime | None = None,
    notify: bool = True,
    past_closing_allowed: bool = False,
) -> Round:
    """Announce a draft and tell participants; an online or in-person round takes one of the cycle's two
    places, a request for written input none.

    `past_closing_allowed` is for recording a consultation already held (offline answers are then
    imported): the command line's round definitions may have ended. Raises RoundNotDraft,
    RoundInvalid, CycleCapReached.
    """
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = _locked(round_id)
    if not can_proceed(round_.schedule):
        raise RoundNotDraft(round_)
    _validate(round_)
    if round_.closes_at <= now and not past_closing_allowed:
        raise RoundInvalid({"closes_at": _("The closing time has passed. Move it to the future before scheduling.")})
    round_.schedule(slot=None, at=now)
    fields = ["state", "scheduled_at", "updated_at"]
    if round_.takes_cap_place:
        round_ = _claim_place(round_, fields=[*fields, "slot"])
    else:
        round_.save(update_fields=fields)
    audit.record(
        actor=by,
        action="round.schedule",
        target=round_,
        from_state=RoundState.DRAFT,
        to_state=round_.state,
        slot=round_.slot,
    )
    if notify:
        announce_on_commit("scheduled", round_.pk)
    return round_


def _claim_place(round_: Round, *, fields: list[str]) -> Round:
    """Save the round in the first free place of its cycle; when a concurrent request took that place
    first (the unique constraint refuses the save), try the next. Raises CycleCapReached."""
    places = range(1, settings.ROUNDS_PER_CYCLE + 1)
    taken = set(
        Round.objects.filter(cycle_id=round_.cycle_id, slot__isnull=False)
        .exclude(pk=round_.pk)
        .values_list("slot", flat=True)
    )
    for place in places:
        if place in taken:
            continue
        round_.slot = place
        try:
            with transaction.atomic():  # a savepoint: a lost race rolls back only this attempt
                round_.save(update_fields=fields)
        except IntegrityError:
            continue
        return round_
    raise CycleCapReached(round_.cycle)


@transaction.atomic
def open_round(*, round_id: int, by: User | None, now: datetime | None = None, notify: bool = True) -> Round:
    """Open a scheduled round (on time by the clock, or early by the Secretariat). Raises RoundNotScheduled."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = _locked(round_id)
    if not can_proceed(round_.open):
        raise RoundNotScheduled(round_)
    fields = ["state", "opened_at", "updated_at"]
    if now < round_.opens_at:  # opened early: answers are accepted from now
        round_.opens_at = now
        fields.append("opens_at")
    round_.open(at=now)
    round_.save(update_fields=fields)
    audit.record(actor=by, action="round.open", target=round_, from_state=RoundState.SCHEDULED, to_state=round_.state)
    if notify:
        announce_on_commit("opened", round_.pk)
    return round_


@transaction.atomic
def close_round(*, round_id: int, by: User | None, now: datetime | None = None, notify: bool = True) -> Round:
    """Close an open round now (on time by the clock, or early). Raises RoundNotOpen."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = _locked(round_id)
    if not can_proceed(round_.close):
        raise RoundNotOpen(round_)
    fields = ["state", "closed_at", "closing_figures", "updated_at"]
    round_.closing_figures = figures_at_closing(round_)
    if round_.opens_at < now < round_.closes_at:  # closed early: the deadline shown is the real one
        round_.closes_at = now
        fields.append("closes_at")
    round_.close(at=now)
    round_.save(update_fields=fields)
    audit.record(actor=by, action="round.close", target=round_, from_state=RoundState.OPEN, to_state=round_.state)
    if notify:
        announce_on_commit("closed", round_.pk)
    return round_


@transaction.atomic
def cancel_round(
    *, round_id: int, by: User | None, reason: str, now: datetime | None = None, notify: bool = True
) -> Round:
    """Cancel a draft or scheduled round; it frees its place in the cycle. Raises RoundNotCancellable."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = _locked(round_id)
    if not can_proceed(round_.cancel):
        raise RoundNotCancellable(round_)
    from_state = round_.state
    announced = from_state == RoundState.SCHEDULED
    if announced and round_.is_meeting:
        round_.calendar_sequence += 1  # the CANCEL must outrank the invitation it withdraws
    round_.cancel(at=now)
    round_.save(update_fields=["state", "slot", "cancelled_at", "calendar_sequence", "updated_at"])
    audit.record(
        actor=by, action="round.cancel", target=round_, from_state=from_state, to_state=round_.state, reason=reason
    )
    if announced and notify:
        announce_on_commit("cancelled", round_.pk)
    return round_


@transaction.atomic
def mark_round_summarised(*, round_id: int, by: User | None) -> Round:
    """Record that a closed round's summary is done (called when the summary is approved). Raises RoundNotClosed."""
    require(by, SECRETARIAT, CHAIR)
    round_ = _locked(round_id)
    if not can_proceed(round_.mark_summarised):
        raise RoundNotClosed(round_)
    round_.mark_summarised()
    round_.save(update_fields=["state", "updated_at"])
    audit.record(
        actor=by, action="round.summarised", target=round_, from_state=RoundState.CLOSED, to_state=round_.state
    )
    return round_


@transaction.atomic
def mark_reminder_due(*, round_id: int, now: datetime | None = None) -> bool:
    """Claim the round's automatic reminder exactly once (two workers may race); True when this call did."""
    now = now or timezone.now()
    round_ = _locked(round_id)
    if round_.state != RoundState.OPEN or round_.reminder_sent_at is not None:
        return False
    round_.reminder_sent_at = now
    round_.save(update_fields=["reminder_sent_at", "updated_at"])
    audit.record(actor=None, action="round.reminder_due", target=round_, days_before=round_.reminder_days)
    announce_on_commit("reminder", round_.pk, now=now.isoformat())
    return True
