"""The staff overviews are to-do lists: what waits for them comes first, with counts beside the menu."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consult.models import RoundState
from feedback.summary import services as summaries
from participants import services
from participants.mail import queue_email
from participants.models import Category, EmailStatus, OutboundEmail, Participant, Status
from participants.services.invitations import InvitationRequest
from tests import factories
from tests.consult.helpers import make_cycle, make_round
from tests.feedback.summary_data import answer, close, closed_round, open_round, respondents

pytestmark = pytest.mark.django_db

OVERVIEW = "/rounds/overview/"
CHAIR_OVERVIEW = "/feedback/chair/"


RESET_CONTEXT = {"email": "x@example.org", "uid": "MQ", "token": "abc-123"}


def applications(count: int) -> None:
    for _ in range(count):
        factories.make_participant(status=Status.REGISTERED)


def page_of(client, path: str) -> str:
    return client.get(path).content.decode()


def test_the_secretariat_overview_starts_with_what_waits(
    secretariat_client, secretariat, settings, django_capture_on_commit_callbacks
):
    applications(2)
    changing = factories.make_participant()
    services.request_affiliation_change(
        participant_id=changing.pk,
        change=services.AffiliationChange(category=Category.CIVIL_SOCIETY, organisation="Acme"),
    )
    services.invite_participant(
        request=InvitationRequest(
            email="kofi@example.org", category=Category.INDUSTRY, full_name="Kofi", organisation="A"
        ),
        by=secretariat,
        now=timezone.now() - timedelta(days=25),
    )
    make_round(title="Draft one")
    settings.EMAIL_BACKEND = "tests.participants.failing_backend.AlwaysFailingBackend"
    settings.EMAIL_MAX_ATTEMPTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(template="participants/emails/password_reset", to="x@example.org", context=RESET_CONTEXT)
    assert OutboundEmail.objects.get(to="x@example.org").status == EmailStatus.FAILED

    page = page_of(secretariat_client, OVERVIEW)

    waiting = page[page.index("Waiting for you") : page.index("Timeline")]
    for count, text in [
        (2, "applications to vet"),
        (1, "change of category or affiliation to review"),
        (1, "invitation expires within a week, unused"),
        (1, "draft consultation to schedule"),
        (1, "e-mail could not be delivered"),
    ]:
        assert f'<span class="todo__count">{count}</span>\n      <span class="todo__text">{text}</span>' in waiting
    assert page.index("Waiting for you") < page.index("Cap (Annex 1 §10)")


def test_nothing_waiting_says_so(secretariat_client):
    page = page_of(secretariat_client, OVERVIEW)

    assert "Nothing waits for you" in page


def test_counts_stand_beside_the_menu_items(secretariat_client):
    applications(3)
    make_round(title="Draft one")

    page = page_of(secretariat_client, "/participants/")

    assert 'Vetting <span class="nav-count">3<span class="visually-hidden"> waiting</span></span>' in page
    assert 'Consultations <span class="nav-count">1<span class="visually-hidden"> waiting</span></span>' in page


def test_the_chair_overview_starts_with_rounds_waiting_for_a_summary(chair_client, chair):
    closed_round(title="Annual report template")
    ready = open_round(title="Reporting workflow")
    for person in respondents(3):
        answer(ready, person, {"ease": 4})
    close(ready)
    summaries.generate_now(round_id=ready.pk, by=chair)

    page = page_of(chair_client, CHAIR_OVERVIEW)

    section = page[page.index("Waiting for a summary") : page.index("All consultations")]
    assert "Annual report template" in section and "Prepare the summary" in section
    assert "Reporting workflow" in section and "Draft summary ready to review and approve" in section
    assert 'Overview <span class="nav-count">2<span class="visually-hidden"> waiting</span></span>' in page


def test_an_approved_summary_no_longer_waits(chair_client, chair):
    round_ = open_round(title="Reporting workflow")
    for person in respondents(3):
        answer(round_, person, {"ease": 4})
    close(round_)
    summary = summaries.generate_now(round_id=round_.pk, by=chair)
    summaries.approve(summary_id=summary.pk, by=chair)

    page = page_of(chair_client, CHAIR_OVERVIEW)

    assert "No closed consultation is waiting for its summary." in page
    assert "nav-count" not in page


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def add_work(count: int, *, start: int = 0) -> None:
    """Applications, drafts and closed rounds: everything the overviews count, `count` of each."""
    applications(count)
    past = timezone.now() - timedelta(days=30)
    for number in range(start, start + count):
        make_round(title=f"Draft {number}", questions=2)
        make_round(title=f"Closed {number}", state=RoundState.CLOSED, now=past)  # written: no cap place


@pytest.mark.parametrize("path", [OVERVIEW, CHAIR_OVERVIEW, "/participants/"])
def test_overviews_and_menu_counts_cost_the_same_for_little_or_much_work(path, secretariat_client):
    add_work(1)
    if path == OVERVIEW:
        path += f"?cycle={make_cycle().pk}"  # the cycle holding the drafts, listed one per row
    few = queries(secretariat_client, path)
    add_work(6, start=1)

    many = queries(secretariat_client, path)

    assert many == few


def test_the_chair_overview_costs_the_same_for_little_or_much_work(chair_client):
    add_work(1)
    few = queries(chair_client, CHAIR_OVERVIEW)
    add_work(6, start=1)

    many = queries(chair_client, CHAIR_OVERVIEW)

    assert many == few


def test_the_menu_counts_are_kept_a_few_seconds_and_forgotten_when_the_work_changes(secretariat_client):
    applications(2)
    page_of(secretariat_client, "/participants/")
    ticket = Participant.objects.filter(status=Status.REGISTERED).first()
    Participant.objects.filter(pk=ticket.pk).update(status=Status.DECLINED)  # no signal: as another worker

    kept = page_of(secretariat_client, "/participants/")
    Participant.objects.get(pk=ticket.pk).save()  # a change this process sees
    fresh = page_of(secretariat_client, "/participants/")

    assert 'Vetting <span class="nav-count">2<' in kept
    assert 'Vetting <span class="nav-count">1<' in fresh
