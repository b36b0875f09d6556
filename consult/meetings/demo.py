"""Demo meetings for `make run` (called by `manage.py seed_demo` after consult.demo; idempotent).

- a draft online round whose time is being found with a poll (three proposed times, some answers);
- replies to the announced online meeting of consult.demo (accepted by link, declined on the site,
  maybe from a calendar program), so the Secretariat's attendance page and the Chair's numbers show;
- a meeting already held in CSP11-CSP12, with its replies and attendance taken; feedback's demo adds
  its approved notes. No e-mail is sent.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from consult import services as round_services
from consult.meetings import services
from consult.meetings.models import Attendance, ReplySource
from consult.models import Cycle, Mode, Round, Stage, Tool
from consult.selectors import eligible_participants
from participants.models import Participant, User
from participants.permissions import SECRETARIAT

POLL_TITLE = "Reporting guidance and FAQ: walkthrough of the new help pages"
HELD_TITLE = "Online reporting tool: walkthrough of the first prototype"
# Some demo participants live far from Geneva: the poll shows them their own hours.
TIME_ZONES = {"hiroshi.tanaka@example.org": "Asia/Tokyo", "maria.fernandez@example.org": "America/Lima"}


@transaction.atomic
def seed(*, announced: Round, now: datetime | None = None) -> Round:
    """Create what is missing; returns the meeting already held (for its notes in feedback.demo)."""
    now = now or timezone.now()
    by = User.objects.filter(groups__name=SECRETARIAT).order_by("pk").first()
    _time_zones()
    _poll(by, now)
    _replies(announced, now)
    return Round.objects.filter(title=HELD_TITLE).first() or _held(by, now)


def _time_zones() -> None:
    for email, zone in TIME_ZONES.items():
        User.objects.filter(email=email, time_zone="").update(time_zone=zone)


def _people(round_: Round, count: int) -> list[Participant]:
    return list(eligible_participants(round_).order_by("user__email")[:count])


def _poll(by: User | None, now: datetime) -> None:
    if Round.objects.filter(title=POLL_TITLE).exists():
        return
    day = (now + timedelta(days=40)).replace(hour=12, minute=0, second=0, microsecond=0)
    round_ = round_services.create_round(
        by=by,
        cycle=Cycle.objects.get(name="CSP12-CSP13"),
        tool=Tool.objects.get(name="Reporting guidance and FAQ"),
        title=POLL_TITLE,
        stage=Stage.REVIEW,
        mode=Mode.ONLINE,
        opens_at=now + timedelta(days=35),
        closes_at=now + timedelta(days=50),
        meeting_starts_at=day,
        meeting_ends_at=day + timedelta(hours=2),
        meeting_link="https://meet.example.org/att-wgtr-guidance",
        description="A guided tour of the new help pages, then your questions.",
    )
    times = [
        (day + timedelta(days=offset, hours=hours), day + timedelta(days=offset, hours=hours + 2))
        for offset, hours in ((0, 0), (1, -5), (2, 6))
    ]
    poll = services.open_poll(
        round_id=round_.pk,
        by=by,
        slots=times,
        closes_at=now + timedelta(days=10),
        message="Please answer for every time, even if you can only come at one.",
    )
    slots = list(poll.slots.all())
    patterns = (("yes", "if_need_be", "no"), ("if_need_be", "yes", "no"), ("yes", "no", "yes"))
    for participant, pattern in zip(_people(round_, 3), patterns, strict=False):
        answers = {slot.pk: answer for slot, answer in zip(slots, pattern, strict=True)}
        services.answer_poll(poll_id=poll.pk, participant=participant, answers=answers, now=now)


def _replies(announced: Round, now: datetime) -> None:
    announced.refresh_from_db()
    if Attendance.objects.filter(round=announced).exists() or not services.accepts_replies(announced, now):
        return
    answers = (
        ("accepted", ReplySource.LINK),
        ("accepted", ReplySource.CALENDAR),
        ("declined", ReplySource.SITE),
        ("tentative", ReplySource.CALENDAR),
        ("accepted", ReplySource.SITE),
    )
    for participant, (answer, source) in zip(_people(announced, 5), answers, strict=False):
        services.reply(round_id=announced.pk, participant_id=participant.pk, answer=answer, source=source, now=now)


def _held(by: User | None, now: datetime) -> Round:
    start = (now - timedelta(days=180)).replace(hour=13, minute=0, second=0, microsecond=0)
    round_ = round_services.create_round(
        by=by,
        cycle=Cycle.objects.get(name="CSP11-CSP12"),
        tool=Tool.objects.get(name="Online reporting tool"),
        title=HELD_TITLE,
        stage=Stage.DEVELOPMENT,
        mode=Mode.ONLINE,
        opens_at=start - timedelta(days=3),
        closes_at=start + timedelta(days=10),
        meeting_starts_at=start,
        meeting_ends_at=start + timedelta(hours=2),
        meeting_link="https://meet.example.org/att-wgtr-prototype",
        description="A first look at the prototype of the new reporting workflow.",
    )
    round_services.schedule_round(round_id=round_.pk, by=by, now=start - timedelta(days=20), notify=False)
    people = _people(round_, 6)
    for number, participant in enumerate(people):
        answer = "declined" if number == 5 else "accepted"
        services.reply(
            round_id=round_.pk,
            participant_id=participant.pk,
            answer=answer,
            source=ReplySource.LINK,
            now=start - timedelta(days=10 - number),
        )
    round_services.open_round(round_id=round_.pk, by=None, now=start - timedelta(days=3), notify=False)
    services.record_attendance(
        round_id=round_.pk, attended=[p.pk for p in people[:4]], by=by, now=start + timedelta(hours=3)
    )
    return round_services.close_round(round_id=round_.pk, by=None, now=start + timedelta(days=10), notify=False)
