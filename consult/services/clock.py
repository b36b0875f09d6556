"""The clock: rounds open and close on time, and due reminders go out, with no manual step.

Run every minute by a huey periodic task. Safe to run twice at once: each change goes through a
service that locks the round and re-checks its state, and a lost race is simply skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from consult.models import Round, RoundState
from consult.services.rounds import RoundNotOpen, RoundNotScheduled, close_round, mark_reminder_due, open_round


@dataclass
class Advanced:
    """The ids of the rounds this run changed."""

    opened: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)


def advance_rounds(*, now: datetime | None = None) -> Advanced:
    """Open what is due, close what is due, claim due reminders. The system is the actor (None)."""
    now = now or timezone.now()
    done = Advanced()
    for round_id in Round.objects.filter(state=RoundState.SCHEDULED, opens_at__lte=now).values_list("pk", flat=True):
        try:
            open_round(round_id=round_id, by=None, now=now)
        except RoundNotScheduled:
            continue  # another worker, or the Secretariat, got there first
        done.opened.append(round_id)
    for round_id in Round.objects.filter(state=RoundState.OPEN, closes_at__lte=now).values_list("pk", flat=True):
        try:
            close_round(round_id=round_id, by=None, now=now)
        except RoundNotOpen:
            continue
        done.closed.append(round_id)
    for round_id in reminders_due(now=now):
        if mark_reminder_due(round_id=round_id, now=now):
            done.reminded.append(round_id)
    return done


def reminder_at(round_: Round) -> datetime | None:
    """When the automatic reminder goes out: N days before closing, if that falls after the opening."""
    if not round_.reminder_days:
        return None
    moment = round_.closes_at - timedelta(days=round_.reminder_days)
    return moment if moment > round_.opens_at else None


def reminders_due(*, now: datetime) -> list[int]:
    candidates = Round.objects.filter(
        state=RoundState.OPEN, reminder_sent_at__isnull=True, reminder_days__gt=0, closes_at__gt=now
    ).only("pk", "opens_at", "closes_at", "reminder_days")
    return [round_.pk for round_ in candidates if (moment := reminder_at(round_)) is not None and moment <= now]
