"""Every write of meeting notes: save (anonymized and gated), approve, reopen. Locked, checked, audited."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from consult.models import Round, RoundState
from feedback.meeting_notes import check
from feedback.models import MeetingNotes, NotesState
from feedback.summary import gate
from participants import audit
from participants.domain_errors import DomainError
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require

NOTABLE_STATES = (RoundState.SCHEDULED, RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED)


class NotesError(DomainError):
    """The notes cannot change now; the message says why and what to do."""


class NotesBlocked(NotesError):
    """The leak gate still finds identities after anonymizing: nothing is saved or approved."""

    def __init__(self, leaks: list[gate.Leak]) -> None:
        self.leaks = leaks
        found = ", ".join(sorted({f"“{leak.text}”" for leak in leaks})[:5])
        super().__init__(
            _("The leak gate found identifying details (%(found)s). Rephrase these points without them.")
            % {"found": found}
        )


class NotesInvalid(NotesError):
    pass


@dataclass(frozen=True)
class NotesSaved:
    notes: MeetingNotes
    replaced: Counter
    flags: list[list[list[int]]]


def _round_for_notes(round_id: int, now: datetime) -> Round:
    round_ = Round.objects.get(pk=round_id)
    started = round_.meeting_starts_at is not None and round_.meeting_starts_at <= now
    if not round_.is_meeting or round_.state not in NOTABLE_STATES or not started:
        raise NotesInvalid(_("Points can be recorded once the meeting has taken place."))
    return round_


def _locked(round_: Round) -> MeetingNotes:
    MeetingNotes.objects.get_or_create(round=round_)
    return MeetingNotes.objects.select_for_update().get(round=round_)


@transaction.atomic
def save_points(
    *, round_id: int, by: User, points: list[str], expected_version: int, now: datetime | None = None
) -> NotesSaved:
    """Replace the points with these, anonymized; the leak gate must then find nothing.

    Raises NotesInvalid (no meeting yet, too many or too long points, someone saved meanwhile),
    NotesBlocked (the gate found an identity the anonymizer could not remove), NotesError (approved).
    """
    require(by, CHAIR, SECRETARIAT)
    now = now or timezone.now()
    notes = _locked(_round_for_notes(round_id, now))
    if notes.state != NotesState.DRAFT:
        raise NotesError(_("The notes are approved: reopen them to change them."))
    if notes.version != expected_version:
        raise NotesInvalid(_("Someone else saved these notes meanwhile. Reload the page and make your changes again."))
    _check_sizes(points)
    checked = check.check(points, _vocabulary(notes.round))
    if checked.leaks:
        raise NotesBlocked(checked.leaks)
    notes.points, notes.updated_at, notes.updated_by = checked.points, now, by
    notes.version += 1
    notes.save(update_fields=["points", "updated_at", "updated_by", "version"])
    audit.record(
        actor=by,
        action="meeting_notes.save",
        target=notes.round,
        points=len(checked.points),
        replaced=checked.replaced_total,
    )
    return NotesSaved(notes=notes, replaced=checked.replaced, flags=checked.flags)


def _vocabulary(round_: Round) -> frozenset[str]:
    """The round's own words (title, tool, questions), which the points may repeat, as in the narrative."""
    questions = round_.questions.active().values_list("text", flat=True)
    return gate.words_of([round_.title, round_.tool.name, *questions])


def _check_sizes(points: list[str]) -> None:
    if len(points) > check.MAX_POINTS:
        raise NotesInvalid(_("Keep to %(n)s points at most; merge related ones.") % {"n": check.MAX_POINTS})
    for number, point in enumerate(points, start=1):
        if len(point) > check.MAX_POINT_LENGTH:
            raise NotesInvalid(
                _("Point %(number)s is %(length)s characters long; keep each point under %(max)s.")
                % {"number": number, "length": len(point), "max": check.MAX_POINT_LENGTH}
            )


@transaction.atomic
def approve_notes(*, round_id: int, by: User, now: datetime | None = None) -> MeetingNotes:
    """Approve the notes for the summary, after the leak gate runs again (its rules may have changed).

    Raises NotesError (nothing to approve, already approved), NotesBlocked.
    """
    require(by, CHAIR, SECRETARIAT)
    now = now or timezone.now()
    notes = _locked(_round_for_notes(round_id, now))
    if not notes.points:
        raise NotesError(_("Record at least one point before approving the notes."))
    if not can_proceed(notes.approve):
        raise NotesError(_("The notes are already approved."))
    leaks = check.scan(notes.points, _vocabulary(notes.round))
    if leaks:
        raise NotesBlocked(leaks)
    notes.approve(by=by, at=now)
    notes.save(update_fields=["state", "approved_by", "approved_at"])
    audit.record(actor=by, action="meeting_notes.approve", target=notes.round, from_state="draft", to_state="approved")
    return notes


@transaction.atomic
def reopen_notes(*, round_id: int, by: User) -> MeetingNotes:
    """Back to draft to change approved notes (a summary generated since keeps its copy). Raises NotesError."""
    require(by, CHAIR, SECRETARIAT)
    notes = MeetingNotes.objects.select_for_update().filter(round_id=round_id).first()
    if notes is None or not can_proceed(notes.reopen):
        raise NotesError(_("Only approved notes can be reopened."))
    notes.reopen()
    notes.save(update_fields=["state", "approved_by", "approved_at"])
    audit.record(actor=by, action="meeting_notes.reopen", target=notes.round, from_state="approved", to_state="draft")
    return notes
