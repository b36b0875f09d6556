"""Rounds as calendar events: the bridge between the models and the pure calendar module."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from consult.calendar import CalendarEvent, Person
from consult.models import Mode, Round


def round_url(round_: Round) -> str:
    return settings.SITE_URL + reverse("consult:round_detail", kwargs={"round_id": round_.pk})


def organizer() -> Person:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return Person(email=address or "advisory-group@localhost", name=name or "ATT Secretariat")


def meeting_event(round_: Round) -> CalendarEvent | None:
    """The meeting, with the same UID in every invitation, update, cancellation and feed."""
    if not round_.is_meeting or round_.meeting_starts_at is None or round_.meeting_ends_at is None:
        return None
    if round_.mode == Mode.ONLINE:
        where = round_.meeting_link
        how = _("Join online: %(link)s") % {"link": round_.meeting_link}
    else:
        where = round_.venue
        how = _("Venue: %(venue)s, on the margins of %(meeting)s.") % {
            "venue": round_.venue,
            "meeting": round_.att_meeting.name if round_.att_meeting else "",
        }
    lines = [
        how,
        _("Consultation page: %(url)s") % {"url": round_url(round_)},
        round_.description,
        _("Deliberations are confidential (Annex 1 §12)."),
    ]
    return CalendarEvent(
        uid=str(round_.calendar_uid),
        sequence=round_.calendar_sequence,
        summary=_("ATT advisory group: %(title)s") % {"title": round_.title},
        starts_at=round_.meeting_starts_at,
        ends_at=round_.meeting_ends_at,
        description="\n\n".join(line for line in lines if line),
        location=where,
        url=round_.meeting_link or round_url(round_),
    )


def deadline_event(round_: Round) -> CalendarEvent:
    """The moment written input is due. Its UID is derived from the round's, so it stays stable too."""
    return CalendarEvent(
        uid=f"{round_.calendar_uid}-deadline",
        sequence=round_.calendar_sequence,
        summary=_("Deadline: %(title)s") % {"title": round_.title},
        starts_at=round_.closes_at,
        description=_("Written input for this consultation is due. Answer at %(url)s") % {"url": round_url(round_)},
        url=round_url(round_),
    )


def round_events(round_: Round, *, has_questions: bool) -> list[CalendarEvent]:
    """A meeting and, when there is something to answer, its deadline."""
    events = [event] if (event := meeting_event(round_)) else []
    if has_questions or round_.mode == Mode.WRITTEN:
        events.append(deadline_event(round_))
    return events
