"""Render e-mails from template triples and queue them; the worker sends them (never a request).

A link that acts for the recipient (choosing a password, accepting an invitation, confirming an address)
is passed as a `Secret`: the stored body, which the Secretariat can read in the admin, holds a placeholder;
the link itself waits in a field the admin never shows, is put in by the worker as it sends, and is
erased once the message has gone.
"""

from __future__ import annotations

import base64
import html
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


class Secret(str):
    """A context value only the recipient may see (a link carrying a token)."""


def placeholder(name: str) -> str:
    """What the stored body shows instead of a secret link."""
    return f"⟦{name}: link sent to the recipient only⟧"


def with_secrets(text: str, secrets: dict[str, str], *, escape: bool = False) -> str:
    for name, value in secrets.items():
        text = text.replace(placeholder(name), html.escape(value) if escape else value)
    return text


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
    secrets = {name: str(value) for name, value in context.items() if isinstance(value, Secret)}
    context = {"site_url": settings.SITE_URL, **context, **{name: placeholder(name) for name in secrets}}
    subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
    message = OutboundEmail.objects.create(
        secret_links=secrets,
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
        body=with_secrets(message.body, message.secret_links),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
    )
    if message.html:
        email.attach_alternative(with_secrets(message.html, message.secret_links, escape=True), "text/html")
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
        message.secret_links = {}  # delivered: nobody needs the live link any more
    message.save(update_fields=["status", "last_error", "sent_at", "secret_links"])
    return message
