"""E-mails about rounds: one message per recipient, in their time zone, respecting their choices.

Runs in the worker (consult.tasks.announce), after the change it reports has committed. Each
fan-out is one transaction: if rendering fails half-way, nothing is queued and huey's retry starts
clean, so nobody gets a message twice.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from consult import calendar, responses
from consult.events import meeting_event, organizer, round_url
from consult.meetings import invitations
from consult.meetings.services import accepts_replies
from consult.models import Document, Round, RoundState
from consult.news import NOW, audience_of, hears_of, scheduling_message
from consult.selectors import eligible_participants
from consult.services._events import announce_on_commit
from participants import audit
from participants.eligibility import may_take_part
from participants.mail import Attachment, queue_email
from participants.models import Notification, Participant, User
from participants.permissions import SECRETARIAT
from participants.policy import require

TEMPLATES = "consult/emails/"

# Files another app attaches to a round's announcement for participants who asked for them (feedback
# answers with the questionnaire as Word and Excel). Sent with `round_`; each receiver returns a list of
# participants.mail.Attachment. Consult knows nothing of how they are made.
announcement_attachments = Signal()


def _zone(participant: Participant) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(participant.user.time_zone) if participant.user.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _answer_url(round_: Round) -> str:
    return settings.SITE_URL + reverse("feedback:answer", kwargs={"round_id": round_.pk})


def _send(
    participant: Participant,
    template: str,
    round_: Round,
    *,
    ics: bytes | None = None,
    files: list[Attachment] | None = None,
    **extra: Any,
) -> None:
    """Render in the recipient's own time zone and queue one message to them alone."""
    zone = _zone(participant)
    context = {
        "participant": participant,
        "round": round_,
        "round_url": round_url(round_),
        "answer_url": _answer_url(round_),
        "questionnaire_attached": bool(files),
        **extra,
    }
    if round_.is_meeting and accepts_replies(round_, timezone.now()):
        context["reply"] = invitations.personal(round_, participant)
    attachments = list(files or [])
    if ics is not None:
        method = "CANCEL" if template.endswith("cancelled") else "REQUEST"
        attachments.append(Attachment("invite.ics", ics, f"text/calendar; method={method}"))
    with timezone.override(zone or timezone.get_default_timezone()):
        queue_email(template=TEMPLATES + template, to=participant.email, context=context, attachments=attachments)


def _invitation(round_: Round, participant: Participant, method: calendar.Method) -> bytes | None:
    event = meeting_event(round_)
    if event is None:
        return None
    attendee = calendar.Person(email=participant.email, name=participant.full_name)
    partstat = invitations.personal(round_, participant).partstat
    return calendar.invitation(event, method=method, organizer=organizer(), attendee=attendee, partstat=partstat)


def _fan_out(round_: Round, send_one: Callable[[Participant], bool], *, news: bool = False) -> int:
    """Call send_one for each eligible participant; news only reaches those who hear of it now."""
    sent = 0
    with transaction.atomic():
        for participant in audience_of(round_).order_by("pk"):
            if news and hears_of(participant, round_) != NOW:
                continue
            sent += bool(send_one(participant))
    return sent


# --- One function per event ---------------------------------------------------------------------------


class _AnnouncementFiles:
    """The announcement's attachments, made once per fan-out and only if someone asked for them."""

    def __init__(self, round_: Round) -> None:
        self.round = round_
        self._files: list[Attachment] | None = None

    def for_participant(self, participant: Participant) -> list[Attachment]:
        if not participant.wants(Notification.QUESTIONNAIRE_FILES):
            return []
        if self._files is None:
            answers = announcement_attachments.send(sender=Round, round_=self.round)
            self._files = [attachment for _receiver, files in answers for attachment in files or []]
        return self._files


def round_scheduled(*, round_id: int, **_: Any) -> int:
    """Announce a round; for a meeting, those who want invitations get it as a calendar invitation.
    Those who asked for it get the questionnaire attached (see announcement_attachments)."""
    round_ = Round.objects.select_related("cycle", "tool", "att_meeting").get(pk=round_id)
    files = _AnnouncementFiles(round_)

    def send_one(participant: Participant) -> bool:
        message = scheduling_message(participant, round_)
        if message == "meeting_invitation":
            ics = _invitation(round_, participant, "REQUEST")
            _send(participant, message, round_, ics=ics, files=files.for_participant(participant))
        elif message == "round_scheduled":
            _send(participant, message, round_, files=files.for_participant(participant))
        else:
            return False  # outside their topics, kept for the weekly digest, or not wanted
        return True

    return _fan_out(round_, send_one)


def invite_to_upcoming_meetings(*, participant_id: int, now: datetime | None = None) -> int:
    """Someone approved after meetings were announced gets their calendar invitations too."""
    now = now or timezone.now()
    participant = Participant.objects.select_related("user").get(pk=participant_id)
    if not participant.wants(Notification.MEETING_INVITATIONS):
        return 0
    meetings = Round.objects.select_related("cycle", "tool", "att_meeting").filter(
        state__in=(RoundState.SCHEDULED, RoundState.OPEN), meeting_starts_at__gt=now
    )
    sent = 0
    for round_ in meetings:
        if (
            round_.is_meeting
            and may_take_part(participant, restricted=round_.restricted)
            and hears_of(participant, round_) is not None
        ):
            _send(participant, "meeting_invitation", round_, ics=_invitation(round_, participant, "REQUEST"))
            sent += 1
    return sent


def meeting_changed(*, round_id: int, **_: Any) -> int:
    """Send the updated invitation (same UID, higher SEQUENCE) to those who receive invitations.

    Those who declined hear no more about it (the round page still shows the change).
    """
    round_ = Round.objects.select_related("cycle", "tool", "att_meeting").get(pk=round_id)

    def send_one(participant: Participant) -> bool:
        if not participant.wants(Notification.MEETING_INVITATIONS) or hears_of(participant, round_) is None:
            return False
        if invitations.personal(round_, participant).declined:
            return False
        _send(participant, "meeting_updated", round_, ics=_invitation(round_, participant, "REQUEST"))
        return True

    return _fan_out(round_, send_one)


def round_cancelled(*, round_id: int, **_: Any) -> int:
    """Tell those who were told of the round; meetings come off their calendars with METHOD:CANCEL."""
    round_ = Round.objects.select_related("cycle", "tool", "att_meeting").get(pk=round_id)

    def send_one(participant: Participant) -> bool:
        if hears_of(participant, round_) is None:
            return False  # outside their topics: they were never told of it
        invited = round_.is_meeting and participant.wants(Notification.MEETING_INVITATIONS)
        if not invited and not participant.wants(Notification.ROUND_SCHEDULED):
            return False
        ics = _invitation(round_, participant, "CANCEL") if invited else None
        _send(participant, "round_cancelled", round_, ics=ics)
        return True

    return _fan_out(round_, send_one)


def round_opened(*, round_id: int, **_: Any) -> int:
    round_ = Round.objects.select_related("cycle", "tool").get(pk=round_id)
    has_questions = round_.questions.active().exists()

    def send_one(participant: Participant) -> bool:
        if not participant.wants(Notification.ROUND_OPENED):
            return False
        _send(participant, "round_opened", round_, has_questions=has_questions)
        return True

    return _fan_out(round_, send_one, news=True)


def round_closed(*, round_id: int, **_: Any) -> int:
    round_ = Round.objects.select_related("cycle", "tool").get(pk=round_id)

    def send_one(participant: Participant) -> bool:
        if not participant.wants(Notification.ROUND_CLOSED):
            return False
        _send(participant, "round_closed", round_)
        return True

    return _fan_out(round_, send_one)


def documents_updated(*, round_id: int, document_ids: list[int] | None = None, **_: Any) -> int:
    round_ = Round.objects.select_related("cycle", "tool").get(pk=round_id)
    if round_.state not in (RoundState.SCHEDULED, RoundState.OPEN):
        return 0
    documents = list(
        Document.objects.filter(round=round_, pk__in=document_ids or []).prefetch_related("versions").order_by("title")
    )
    if not documents:
        return 0

    def send_one(participant: Participant) -> bool:
        if not participant.wants(Notification.DOCUMENTS_UPDATED):
            return False
        _send(participant, "documents_updated", round_, documents=documents)
        return True

    return _fan_out(round_, send_one, news=True)


def send_reminders(*, round_id: int, by: User | None = None, now: datetime | None = None) -> int:
    """E-mail every eligible participant who has not submitted a response to this open round.

    Used by the automatic reminder (by=None) and by the Secretariat's one-click button. Respects each
    participant's choice about reminders. Does nothing and returns 0 unless the round is open and
    its deadline has not passed. Returns how many messages were queued.
    """
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = Round.objects.select_related("cycle", "tool").get(pk=round_id)
    if not round_.accepts_answers(now):
        return 0
    with transaction.atomic():
        sent = 0
        for participant in reminder_recipients(round_):
            _send(participant, "round_reminder", round_)
            sent += 1
        audit.record(actor=by, action="round.remind", target=round_, sent=sent, automatic=by is None)
    return sent


def reminder_recipients(round_: Round) -> list[Participant]:
    """Eligible participants who have not submitted and have not turned reminders off."""
    waiting = eligible_participants(round_).exclude(pk__in=responses.submitted_participants(round_.pk))
    return [participant for participant in waiting.order_by("pk") if participant.wants(Notification.REMINDER)]


def queue_reminders(*, round_id: int, by: User) -> int:
    """The Secretariat's one-click reminder: returns how many will receive one; the worker sends them."""
    require(by, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    count = len(reminder_recipients(round_)) if round_.accepts_answers(timezone.now()) else 0
    if count:
        announce_on_commit("reminder", round_id, by_id=by.pk)
    return count


def reminder(*, round_id: int, now: str | None = None, by_id: int | None = None, **_: Any) -> int:
    """A reminder from the worker: the automatic one N days before closing (claimed once by the clock), or
    the Secretariat's one-click reminder (by_id)."""
    by = User.objects.filter(pk=by_id).first() if by_id else None
    return send_reminders(round_id=round_id, by=by, now=datetime.fromisoformat(now) if now else None)


EVENTS: dict[str, Callable[..., int]] = {
    "scheduled": round_scheduled,
    "meeting_changed": meeting_changed,
    "cancelled": round_cancelled,
    "opened": round_opened,
    "closed": round_closed,
    "documents_updated": documents_updated,
    "reminder": reminder,
}


def announce(*, event: str, round_id: int, **extra: Any) -> int:
    """Send the e-mails for one event about one round; returns how many were queued."""
    return EVENTS[event](round_id=round_id, **extra)
