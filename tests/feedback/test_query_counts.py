"""Saving an answer and loading the dashboard take a bounded number of queries, whatever the size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.consult.helpers import add_document
from tests.feedback.helpers import GOOD_ANSWERS, QUESTIONS, draft, make_round, submit

pytestmark = pytest.mark.django_db

# Measured, and the same at both sizes: session, user, second factor, roles and participant (5), then
# the page's own reads and writes. A new query per round, question or participant would break these.
# An autosave of a draft is session, user, participant, round, questions and one UPDATE (7 with the test
# client's): whether the person may take part now also reads their registration (statement, acknowledgements).
DASHBOARD_LIMIT = 8
AUTOSAVE_LIMIT = 7
SUBMIT_LIMIT = 19


def many_questions(count: int) -> list[dict]:
    extra = [{"key": f"extra{n}", "text": f"Extra question {n}", "kind": "text"} for n in range(count)]
    return QUESTIONS + extra


def build(*, rounds: int, questions: int, participants: int):
    """`rounds` rounds with documents, each answered by `participants` others; returns one participant."""
    me = factories.make_participant()
    others = [factories.make_participant() for _ in range(participants)]
    made = []
    for number in range(rounds):
        round_ = make_round(questions=many_questions(questions))
        for title in ("Template", "Guidance"):
            add_document(round_, title=f"{title} {number}")
        for other in others:
            submit(round_, other)
        draft(round_, me, {"comments": "started"})
        made.append(round_)
    return me, made


SIZES = [
    pytest.param({"rounds": 1, "questions": 0, "participants": 1}, id="small"),
    pytest.param({"rounds": 8, "questions": 40, "participants": 25}, id="large"),
]


@pytest.mark.parametrize("size", SIZES)
def test_the_dashboard_takes_a_bounded_number_of_queries(size, client_for, django_assert_max_num_queries):
    me, _rounds = build(**size)
    client = client_for(me.user)

    with django_assert_max_num_queries(DASHBOARD_LIMIT):
        response = client.get(reverse("feedback:participant_dashboard"))

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_saving_an_answer_takes_a_bounded_number_of_queries(size, client_for, django_assert_max_num_queries):
    me, rounds = build(**size)
    client = client_for(me.user)
    url = reverse("feedback:autosave", kwargs={"round_id": rounds[-1].pk})
    version = me.submissions.get(round=rounds[-1]).version
    data = {"version": version, **{f"q_{key}": value for key, value in GOOD_ANSWERS.items()}}
    data.update({f"q_extra{n}": f"answer {n}" for n in range(size["questions"])})

    with django_assert_max_num_queries(AUTOSAVE_LIMIT):
        response = client.post(url, data)

    assert response.json()["saved"] is True


@pytest.mark.parametrize("size", SIZES)
def test_submitting_takes_a_bounded_number_of_queries(size, client_for, django_assert_max_num_queries):
    me, rounds = build(**size)
    client = client_for(me.user)
    url = reverse("feedback:answer", kwargs={"round_id": rounds[-1].pk})
    version = me.submissions.get(round=rounds[-1]).version
    data = {
        "version": version,
        "action": "submit",
        "confirm": "yes",
        **{f"q_{key}": value for key, value in GOOD_ANSWERS.items()},
    }

    with django_assert_max_num_queries(SUBMIT_LIMIT):
        response = client.post(url, data)

    assert response.status_code == 302


def test_query_counts_do_not_grow_with_size(client_for):
    """The same page at two sizes: the counts are equal, not merely under a limit."""
    counts = []
    for size in ({"rounds": 1, "questions": 0, "participants": 1}, {"rounds": 5, "questions": 20, "participants": 10}):
        me, _rounds = build(**size)
        client = client_for(me.user)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("feedback:participant_dashboard"))
        counts.append(len(captured))

    assert counts[0] == counts[1]
