"""Render e-mails from template triples and queue them; the worker sends them (never a request)."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from participants import audit
from participants.models import EmailStatus, OutboundEmail


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def queue_email(
    *,
    template: str,
    to: str,
    context: dict[str, Any],
    attachments: Iterable[Attachment] = (),
) -> OutboundEmail:
    """Render `templates/<template>.{subject.txt,txt,html}` for one recipient and send it after commit."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
    message = OutboundEmail.objects.create(
        to=to,
        subject=subject[:300],
        body=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
        attachments=[
            {
                "filename": item.filename,
                "content": base64.b64encode(item.content).decode("ascii"),
                "mimetype": item.mimetype,
            }
            for item in attachments
        ],
        template=template,
    )
    from participants.tasks import deliver_email

    transaction.on_commit(lambda: deliver_email(message.pk))
    return message


@transaction.atomic
def retry_failed(*, message_ids: Iterable[int], by: Any) -> int:
    """Give failed messages a fresh set of attempts and queue them again; returns how many. Audited."""
    from participants.tasks import deliver_email

    failed = list(OutboundEmail.objects.select_for_update().filter(pk__in=list(message_ids), status=EmailStatus.FAILED))
    for message in failed:
        message.status, message.attempts = EmailStatus.QUEUED, 0
        message.save(update_fields=["status", "attempts"])
        transaction.on_commit(lambda pk=message.pk: deliver_email(pk))
    if failed:
        audit.record(actor=by, action="email.retry", messages=[message.pk for message in failed])
    return len(failed)


STALLED_AFTER = timedelta(minutes=15)


def requeue_stalled(*, now: datetime | None = None) -> int:
    """Queue again the messages no worker finished (it crashed or was stopped mid-task); returns how many.

    A message is sent at least once: a worker stopped between handing a message to the mail service and
    recording it may send it twice, which is better than never.
    """
    from participants.tasks import deliver_email

    cutoff = (now or timezone.now()) - STALLED_AFTER
    stalled = list(
        OutboundEmail.objects.filter(status=EmailStatus.QUEUED, created_at__lt=cutoff).values_list("pk", flat=True)
    )
    for message_id in stalled:
        deliver_email(message_id)
    return len(stalled)


def failed_count() -> int:
    """Messages the worker gave up on: the Secretariat is shown them until they are sent again."""
    return OutboundEmail.objects.filter(status=EmailStatus.FAILED).count()


def retry_delay_seconds(attempts: int) -> int:
    """Exponential back-off: 1, 2, 4, 8... minutes, capped at an hour."""
    return min(60 * 2 ** max(attempts - 1, 0), 3600)


def send_queued(*, message_id: int) -> OutboundEmail | None:
    """Send one stored message through the configured backend and record the outcome.

    None when another worker holds the message: each attempt is claimed first (the attempt count moves
    on only for the one that read it), so a message queued twice is still sent once.
    """
    message = OutboundEmail.objects.get(pk=message_id)
    if message.status in (EmailStatus.SENT, EmailStatus.FAILED):
        return message
    claimed = OutboundEmail.objects.filter(pk=message.pk, status=message.status, attempts=message.attempts).update(
        attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    message.attempts += 1  # already saved by the claim
    try:
        email.send()
    except Exception as exc:  # any backend or ESP failure: keep it visible and retry
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.status = EmailStatus.FAILED if message.attempts >= settings.EMAIL_MAX_ATTEMPTS else EmailStatus.RETRYING
    else:
        message.status = EmailStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
    message.save(update_fields=["status", "last_error", "sent_at"])
    return message
