"""Background work for meetings: polls close on time, and their e-mails go out after commit."""

from __future__ import annotations

from typing import Any

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from consult.meetings import notifications
from consult.meetings.services import close_polls_due


@db_periodic_task(crontab(minute="*"))
def close_polls_on_time() -> None:
    """Every minute: close the time polls whose closing time has passed (safe if two workers run it)."""
    close_polls_due()


@db_task(retries=3, retry_delay=60)
def notify(event: str, arguments: dict[str, Any]) -> int:
    """Send the e-mails for one meeting event; each fan-out is one transaction, so a retry sends no duplicates."""
    return notifications.EVENTS[event](**arguments)
