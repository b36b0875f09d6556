"""Meetings for tests, made through the services, and calendar replies as calendar programs write them."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from consult.models import Mode, RoundState
from tests.consult.helpers import make_round

OUTLOOK_REPLY = """BEGIN:VCALENDAR
METHOD:REPLY
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;PARTSTAT={partstat};CN={name}:mailto:{attendee}
COMMENT;LANGUAGE=en-US:\\n
SUMMARY;LANGUAGE=en-US:{verb}: ATT advisory group: Testing session
DTSTART;TZID=W. Europe Standard Time:20261203T140000
DTEND;TZID=W. Europe Standard Time:20261203T160000
UID:{uid}
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:{stamp}
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:{sequence}
LOCATION;LANGUAGE=en-US:https://meet.example.org/att-wgtr
END:VEVENT
END:VCALENDAR
"""

VERBS = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentative"}


def meeting(**extra):
    """An announced online meeting (opens in a day, meets two days later), no e-mail sent."""
    return make_round(mode=Mode.ONLINE, state=RoundState.SCHEDULED, title="Testing session", **extra)


def reply_ics(
    *, uid: str, attendee: str, partstat: str = "ACCEPTED", sequence: int = 0, stamp: datetime | None = None
) -> str:
    written = (stamp or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return OUTLOOK_REPLY.format(
        partstat=partstat,
        name="Ingrid Johansson",
        attendee=attendee,
        verb=VERBS.get(partstat, partstat.title()),
        uid=uid,
        stamp=written,
        sequence=sequence,
    ).replace("\n", "\r\n")


def outlook_email(*, sender: str, ics: str, subject: str = "Accepted: ATT advisory group: Testing session") -> str:
    """Outlook: the reply is the text/calendar alternative of the body."""
    return (
        f"From: Ingrid Johansson <{sender}>\r\nTo: ATT Secretariat <advisory-group@example.org>\r\n"
        f"Subject: {subject}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/alternative; boundary="outlook"\r\n\r\n'
        "--outlook\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\r\n"
        '--outlook\r\nContent-Type: text/calendar; charset="utf-8"; method=REPLY\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{base64.encodebytes(ics.encode()).decode()}\r\n--outlook--\r\n"
    )


def google_email(*, sender: str, ics: str) -> str:
    """Google Calendar: the reply in the body's alternatives and again as an invite.ics attachment."""
    encoded = base64.encodebytes(ics.encode()).decode()
    return (
        f"From: Ingrid Johansson <{sender}>\r\nTo: advisory-group@example.org\r\n"
        "Subject: Invitation: ATT advisory group: Testing session - Accepted\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="mixed"\r\n\r\n'
        '--mixed\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n'
        "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nIngrid Johansson has accepted this invitation.\r\n"
        "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Ingrid Johansson has accepted.</p>\r\n"
        '--alt\r\nContent-Type: text/calendar; charset="UTF-8"; method=REPLY\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{encoded}\r\n--alt--\r\n"
        '--mixed\r\nContent-Type: application/ics; name="invite.ics"\r\n'
        'Content-Disposition: attachment; filename="invite.ics"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        f"{encoded}\r\n--mixed--\r\n"
    )


def draft_meeting(**extra):
    """An online meeting still in draft: a time poll decides when it takes place."""
    return make_round(mode=Mode.ONLINE, state=RoundState.DRAFT, title="Testing session", **extra)


def proposed_times(days: int = 5, hours: tuple[int, ...] = (13, 7)) -> list[tuple[datetime, datetime]]:
    """Two-hour slots `days` from now at these UTC hours (13:00 UTC is 02:00 the next day in Auckland)."""
    from datetime import timedelta

    base = (datetime.now(UTC) + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    return [(base.replace(hour=hour), base.replace(hour=hour) + timedelta(hours=2)) for hour in hours]
