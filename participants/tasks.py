"""Background work for people: e-mail delivery with retries and back-off."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from participants.mail import requeue_stalled, retry_delay_seconds, send_queued


@db_task()
def deliver_email(message_id: int) -> None:
    """Send one queued e-mail; on failure try again later, backing off, until EMAIL_MAX_ATTEMPTS."""
    message = send_queued(message_id=message_id)
    if message is not None and message.status == "retrying":
        deliver_email.schedule((message_id,), delay=retry_delay_seconds(message.attempts))


@db_periodic_task(crontab(minute="*/15"))
def requeue_stalled_email() -> None:
    """Messages a crashed or stopped worker left half-way are sent again (retries are in the queue already)."""
    requeue_stalled()
