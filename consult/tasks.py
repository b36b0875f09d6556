"""Background work for consultations: the minute clock, and notification fan-out after commit."""

from __future__ import annotations

from typing import Any

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from consult import digests, notifications
from consult.services.clock import advance_rounds


@db_periodic_task(crontab(minute="*"))
def advance_rounds_on_time() -> None:
    """Every minute: open and close rounds on time and send due reminders (safe if two workers run it)."""
    advance_rounds()


@db_task(retries=3, retry_delay=60)
def announce(event: str, round_id: int, extra: dict[str, Any] | None = None) -> int:
    """Send the e-mails for one round event; each fan-out is all or nothing, so a retry sends no duplicates."""
    return notifications.announce(event=event, round_id=round_id, **(extra or {}))


@db_task(retries=3, retry_delay=60)
def invite_to_upcoming_meetings(participant_id: int) -> int:
    """A newly approved participant's calendar invitations to the meetings already announced."""
    return notifications.invite_to_upcoming_meetings(participant_id=participant_id)


def invite_on_approval(*, participant_id: int, **_: Any) -> None:
    """participant_approved, sent after the approval commits: the worker sends the invitations."""
    invite_to_upcoming_meetings(participant_id)


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="0"))
def send_weekly_digests() -> None:
    """Mondays at 07:00 UTC: each weekly subscriber's digest of news on their topics (claimed once each)."""
    digests.send_weekly_digests()
