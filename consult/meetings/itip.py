"""Read iTIP replies (RFC 5546 METHOD:REPLY) that calendar programs send to the organizer. Pure.

Outlook puts the reply in a text/calendar alternative of the body, Google Calendar adds it as an
attachment too (application/ics), Apple Calendar attaches it: every part of either type is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message

from icalendar import Calendar

CALENDAR_TYPES = frozenset({"text/calendar", "application/ics"})
# PARTSTAT values a reply can carry that mean an answer (RFC 5545 §3.2.12).
ANSWERS = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative"}
MAX_CALENDAR_BYTES = 256 * 1024


class MalformedReply(ValueError):
    """The calendar part cannot be read as one reply; the message says what is wrong, for the log."""


@dataclass(frozen=True)
class CalendarReply:
    """One attendee's answer to one event, as their calendar program wrote it."""

    uid: str
    sequence: int
    attendee: str  # the e-mail address, lower-cased
    partstat: str  # as written, upper-cased: ACCEPTED, DECLINED, TENTATIVE, DELEGATED...
    stamp: datetime | None

    @property
    def answer(self) -> str | None:
        """accepted, declined or tentative; None for anything else (delegated, needs-action)."""
        return ANSWERS.get(self.partstat)


def calendar_parts(message: Message) -> list[bytes]:
    """The raw content of every calendar part of an e-mail, in order."""
    parts = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_type() not in CALENDAR_TYPES:
            continue
        payload = part.get_payload(decode=True)
        if payload:
            parts.append(payload)
    return parts


def parse_reply(raw: bytes) -> CalendarReply | None:
    """The reply in a calendar part; None when the calendar is not a reply (a forwarded invitation, say).

    Raises MalformedReply when it claims to be a reply but cannot be read as one.
    """
    calendar = _calendar(raw)
    if str(calendar.get("METHOD", "")).strip().upper() != "REPLY":
        return None
    events = calendar.walk("VEVENT")
    if len(events) != 1:
        raise MalformedReply(f"A reply must hold exactly one event; this one holds {len(events)}.")
    event = events[0]
    uid = str(event.get("UID", "")).strip()
    if not uid:
        raise MalformedReply("The event has no UID.")
    return CalendarReply(
        uid=uid,
        sequence=_sequence(event),
        attendee=_attendee_address(event),
        partstat=_partstat(event),
        stamp=_stamp(event),
    )


def _calendar(raw: bytes) -> Calendar:
    if len(raw) > MAX_CALENDAR_BYTES:
        raise MalformedReply(f"The calendar part is {len(raw)} bytes long; a reply is a few kilobytes.")
    try:
        calendar = Calendar.from_ical(raw)
    except Exception as error:  # icalendar raises ValueError, KeyError, IndexError... on broken input
        raise MalformedReply(f"Not an iCalendar object: {error}") from error
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise MalformedReply("Not an iCalendar object.")
    return calendar


def _attendee_address(event: object) -> str:
    attendees = event.get("ATTENDEE")
    if attendees is None:
        raise MalformedReply("The reply names no attendee.")
    if isinstance(attendees, list):
        if len(attendees) != 1:
            raise MalformedReply(f"A reply names exactly one attendee; this one names {len(attendees)}.")
        attendees = attendees[0]
    address = str(attendees).strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    if "@" not in address:
        raise MalformedReply(f"The attendee {address!r} is not an e-mail address.")
    return address.strip().lower()


def _partstat(event: object) -> str:
    attendee = event.get("ATTENDEE")
    attendee = attendee[0] if isinstance(attendee, list) else attendee
    value = str(getattr(attendee, "params", {}).get("PARTSTAT", "")).strip().upper()
    if not value:
        raise MalformedReply("The attendee has no PARTSTAT: the reply carries no answer.")
    return value


def _sequence(event: object) -> int:
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError) as error:
        raise MalformedReply(f"SEQUENCE is not a number: {event.get('SEQUENCE')!r}.") from error


def _stamp(event: object) -> datetime | None:
    try:
        stamp = event.decoded("DTSTAMP")
    except (KeyError, ValueError):
        return None
    if not isinstance(stamp, datetime):
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp
