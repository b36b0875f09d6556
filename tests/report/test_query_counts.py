"""The report pages read a bounded number of queries, however many rounds, themes and actions they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.report import services
from participants.todo import forget_menu_counts
from tests.report.helpers import a_cycle, approve_summary, record_action

pytestmark = pytest.mark.django_db

# Measured: session, user, second factor, roles and the menu's counts, then the cycle, its report and
# the registry's fingerprint for the gate. The page reads the report's stored content, not the rounds.
REPORT_PAGE_LIMIT = 11


def queries(client, url: str) -> int:
    client.get(url)  # warm the anonymizer's cache and the session
    forget_menu_counts()  # kept a few seconds: counted on every measured page, not when the clock says
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_report_page_does_not_query_per_round_or_action(secretariat_client, secretariat, chair):
    small, _rounds, _ = a_cycle(respondents=3, rounds=1)
    large, large_rounds, _ = a_cycle(respondents=6, rounds=2)
    for round_ in large_rounds:
        approve_summary(round_, chair)
        for number in range(3):
            record_action([round_], secretariat, action=f"Change number {number} was made.")
    for cycle in (small, large):
        services.generate_now(cycle_id=cycle.pk, by=secretariat)

    few = queries(secretariat_client, reverse("report:detail", args=[small.pk]))
    many = queries(secretariat_client, reverse("report:detail", args=[large.pk]))

    assert many == few
    assert few <= REPORT_PAGE_LIMIT


def test_the_follow_up_list_does_not_query_per_action(secretariat_client, secretariat):
    _cycle, rounds, _ = a_cycle(respondents=3, rounds=2)
    record_action([rounds[0]], secretariat)
    few = queries(secretariat_client, reverse("report:follow_ups"))
    for number in range(5):
        record_action(rounds, secretariat, action=f"Change number {number} was made.")

    many = queries(secretariat_client, reverse("report:follow_ups"))

    assert many == few
