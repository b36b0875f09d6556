"""Lists stay cheap as rounds and documents grow: no query per row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consult.models import RoundState
from tests import factories
from tests.consult.helpers import add_document, make_round

pytestmark = pytest.mark.django_db


def add_rounds(count: int, *, start: int = 0) -> None:
    for number in range(start, start + count):
        round_ = make_round(state=RoundState.OPEN, title=f"Round {number}")  # written: no cap place
        add_document(round_, title=f"Document {number}")


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/rounds/", "/rounds/documents/"])
def test_staff_lists_cost_the_same_for_three_rounds_or_twelve(path, secretariat_client):
    add_rounds(3)
    few = queries_for(secretariat_client, path)
    add_rounds(9, start=3)

    many = queries_for(secretariat_client, path)

    assert many == few


def test_the_library_costs_a_participant_the_same_for_many_documents(client_for):
    client = client_for(factories.make_participant().user)
    add_rounds(2)
    few = queries_for(client, "/rounds/documents/")
    add_rounds(6, start=2)

    many = queries_for(client, "/rounds/documents/")

    assert many == few
