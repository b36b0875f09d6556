"""Nothing lost: failing e-mail is retried with back-off by the worker and shown to the Secretariat, who
sends it again; a crashed worker's message goes out anyway; a concurrent edit of a response is detected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.utils import utcnow

from feedback.models import Submission
from participants.mail import queue_email, requeue_stalled
from participants.models import AuditEvent, EmailStatus, OutboundEmail
from tests import factories
from tests.feedback.helpers import make_round

pytestmark = pytest.mark.django_db

FAILING = "tests.participants.failing_backend.AlwaysFailingBackend"
WORKING = "anymail.backends.test.EmailBackend"
CONTEXT = {"email": "ingrid@example.org", "uid": "MQ", "token": "abc-123"}


@pytest.fixture
def worker_queue():
    """huey's queue, empty before and after (tasks run in this process, as the worker would run them)."""
    HUEY.flush()
    yield HUEY
    HUEY.flush()


def run_the_worker_clock(queue) -> list[int]:
    """Let time pass task by task, as the worker's scheduler does; return each retry's delay in minutes."""
    delays = []
    while scheduled := queue.read_schedule(utcnow() + timedelta(days=1)):
        for task in scheduled:
            delays.append(round((task.eta - utcnow()).total_seconds() / 60))
            queue.execute(task, timestamp=task.eta)
    return delays


def test_a_failing_mail_service_is_retried_with_back_off_shown_to_the_secretariat_and_sent_again(
    settings, worker_queue, secretariat_client, secretariat, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    settings.EMAIL_MAX_ATTEMPTS = 4
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_email(template="participants/emails/password_reset", to="ingrid@example.org", context=CONTEXT)

    delays = run_the_worker_clock(worker_queue)
    message.refresh_from_db()
    overview = secretariat_client.get(reverse("consult:secretariat_dashboard")).content.decode()
    failed_list = secretariat_client.get(
        reverse("admin:participants_outboundemail_changelist") + "?status__exact=failed"
    )

    assert delays == [1, 2, 4]  # minutes between the four attempts
    assert (message.status, message.attempts) == (EmailStatus.FAILED, 4)
    assert "Simulated ESP outage" in message.last_error
    assert (
        '<span class="todo__count">1</span>\n      <span class="todo__text">e-mail could not be delivered</span>'
        in overview
    )
    assert "?status__exact=failed" in overview
    assert "ingrid@example.org" in failed_list.content.decode()

    settings.EMAIL_BACKEND = WORKING  # the outage is over
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            reverse("admin:participants_outboundemail_changelist"),
            {"action": "retry_selected", "_selected_action": [message.pk]},
        )

    message.refresh_from_db()
    assert message.status == EmailStatus.SENT
    assert [sent.to for sent in mail.outbox][-1] == ["ingrid@example.org"]
    assert (
        "could not be delivered"
        not in secretariat_client.get(reverse("consult:secretariat_dashboard")).content.decode()
    )
    assert AuditEvent.objects.get(action="email.retry").actor == secretariat


def test_a_message_a_crashed_worker_left_behind_is_sent_by_the_next_sweep(worker_queue):
    message = OutboundEmail.objects.create(to="ingrid@example.org", subject="Hello", body="Hello", template="x")
    OutboundEmail.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(hours=1))
    fresh = OutboundEmail.objects.create(to="anna@example.org", subject="Hello", body="Hello", template="x")

    requeued = requeue_stalled()

    assert requeued == 1
    assert OutboundEmail.objects.get(pk=message.pk).status == EmailStatus.SENT
    assert OutboundEmail.objects.get(pk=fresh.pk).status == EmailStatus.QUEUED  # its worker may still be on it


def test_a_message_queued_twice_is_sent_once(worker_queue):
    from participants.tasks import deliver_email

    message = OutboundEmail.objects.create(to="ingrid@example.org", subject="Hello", body="Hello", template="x")

    deliver_email(message.pk)
    deliver_email(message.pk)

    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get(pk=message.pk).attempts == 1


# --- Concurrent edits of the same response --------------------------------------------------------------


def test_an_edit_from_a_stale_tab_is_refused_not_silently_saved(client_for):
    round_ = make_round(questions=[{"key": "comments", "text": "Comments?", "kind": "text"}])
    participant = factories.make_participant()
    laptop: Client = client_for(participant.user)
    phone: Client = client_for(participant.user)
    url = reverse("feedback:autosave", args=[round_.pk])

    first = laptop.post(url, {"version": 0, "q_comments": "Written on the laptop."})
    version = first.json()["version"]
    phone_save = phone.post(url, {"version": version, "q_comments": "Rewritten on the phone."})
    stale = laptop.post(url, {"version": version, "q_comments": "The laptop, unaware of the phone."})

    assert phone_save.status_code == 200
    assert stale.status_code == 409
    submission = Submission.objects.get(round=round_, participant=participant)
    assert submission.working_answers == {"comments": "Rewritten on the phone."}
