"""RFC 5545 calendars built with icalendar: invitations, the personal feed, the per-round download.

Pure: plain data in, bytes out, no database. Times are written in UTC (allowed by RFC 5545 and
understood by Outlook, Google Calendar and Apple Calendar), so no VTIMEZONE is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from icalendar import Calendar, Event, vCalAddress, vDuration

PRODID = "-//ATT Secretariat//WGTR advisory group//EN"

Method = Literal["REQUEST", "CANCEL"]


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    """One event. A deadline has no end (a moment); a meeting has both ends."""

    uid: str
    sequence: int
    summary: str
    starts_at: datetime
    ends_at: datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""


def invitation(
    event: CalendarEvent,
    *,
    method: Method,
    organizer: Person,
    attendee: Person,
    now: datetime | None = None,
    partstat: str = "NEEDS-ACTION",
) -> bytes:
    """An iTIP invitation (REQUEST) or cancellation (CANCEL) for one attendee only.

    A REQUEST asks for a reply (RSVP); `partstat` carries the answer already given, so an update
    does not make the attendee's calendar forget it.
    """
    ical_event = _event(event, organizer=organizer, now=now, cancelled=method == "CANCEL")
    ical_event.add(
        "attendee",
        vCalAddress.new(
            attendee.email,
            cn=attendee.name or None,
            rsvp=method == "REQUEST",
            partstat=partstat,
            role="REQ-PARTICIPANT",
        ),
    )
    calendar = Calendar.new(prodid=PRODID, method=method, uid=event.uid, subcomponents=[ical_event])
    return calendar.to_ical()


def feed(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    uid: str,
    organizer: Person,
    now: datetime | None = None,
    refresh: timedelta = timedelta(hours=1),
) -> bytes:
    """A subscribable calendar (METHOD:PUBLISH) that clients refresh by themselves. `uid` names the calendar."""
    calendar = Calendar.new(
        prodid=PRODID,
        name=name,
        uid=uid,
        refresh_interval=refresh,
        subcomponents=[_event(event, organizer=organizer, now=now) for event in events],
    )
    calendar.add("method", "PUBLISH")
    # Outlook reads this older name for the refresh interval (icalendar adds X-WR-CALNAME itself).
    calendar.add("x-published-ttl", vDuration(refresh))
    return calendar.to_ical()


def _event(event: CalendarEvent, *, organizer: Person, now: datetime | None, cancelled: bool = False) -> Event:
    ical_event = Event.new(
        uid=event.uid,
        sequence=event.sequence,
        stamp=_utc(now or datetime.now(UTC)),
        start=_utc(event.starts_at),
        end=_utc(event.ends_at) if event.ends_at else None,
        summary=event.summary,
        description=event.description or None,
        location=event.location or None,
        url=event.url or None,
        organizer=vCalAddress.new(organizer.email, cn=organizer.name or None),
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    return ical_event


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("Calendar times must be time-zone aware.")
    return moment.astimezone(UTC)
