"""Double submission under real concurrency: two requests at once still make one response (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from feedback import services
from feedback.models import Submission, SubmissionRevision
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submission_records_one_response_and_one_revision():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writes, so it cannot show a race (CI runs PostgreSQL).")
    round_ = make_round()
    participant = factories.make_participant()
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def click() -> None:
        try:
            connection.ensure_connection()
            barrier.wait()
            result = services.submit_response(
                round_id=round_.pk,
                participant=participant,
                answers=GOOD_ANSWERS,
                version=services.NEW,
                confirm_personal_capacity=True,
            )
            outcomes.append("recorded" if result.changed else "already")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already"] * 3 + ["recorded"]
    assert Submission.objects.count() == 1
    assert SubmissionRevision.objects.count() == 1
