"""E-mail leaves through the huey worker, one message per recipient, and failures stay visible."""

from __future__ import annotations

import pytest
from anymail.exceptions import AnymailAPIError
from django.core import mail

from participants.mail import queue_email, retry_delay_seconds, send_queued
from participants.models import EmailStatus, OutboundEmail

pytestmark = pytest.mark.django_db

CONTEXT = {"email": "ingrid@example.org", "uid": "MQ", "token": "abc-123"}


def test_a_queued_email_is_delivered_by_the_worker_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email(template="participants/emails/password_reset", to="ingrid@example.org", context=CONTEXT)
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [["ingrid@example.org"]]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert OutboundEmail.objects.get().status == EmailStatus.SENT


def test_a_failing_backend_is_retried_then_marked_failed(settings):
    settings.ANYMAIL = {"TEST_SEND_DEFAULTS": {}}
    settings.EMAIL_MAX_ATTEMPTS = 2
    message = queue_email(template="participants/emails/password_reset", to="ingrid@example.org", context=CONTEXT)
    settings.EMAIL_BACKEND = "tests.participants.failing_backend.AlwaysFailingBackend"

    first = send_queued(message_id=message.pk)
    assert first.status == EmailStatus.RETRYING
    assert "AnymailAPIError" in first.last_error
    second = send_queued(message_id=message.pk)

    assert second.status == EmailStatus.FAILED
    assert second.attempts == 2


def test_retries_back_off():
    assert [retry_delay_seconds(n) for n in (1, 2, 3, 4, 10)] == [60, 120, 240, 480, 3600]


def test_a_sent_message_is_never_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_email(template="participants/emails/password_reset", to="ingrid@example.org", context=CONTEXT)

    send_queued(message_id=message.pk)

    assert len(mail.outbox) == 1


assert AnymailAPIError  # the failing backend raises it, like a real ESP outage
