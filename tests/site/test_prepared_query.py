"""A prepared query answers what its queryset would, for whatever values it is called with."""

from __future__ import annotations

import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from config.prepared import PreparedQuery
from consult.models import Question, Round, RoundState
from tests.consult.helpers import make_round

pytestmark = pytest.mark.django_db

ROUND_WITH_TOOL = PreparedQuery(lambda round_id: Round.objects.select_related("cycle", "tool").filter(pk=round_id))
KEYS_OF_ROUND = PreparedQuery(
    lambda round_id: Question.objects.filter(round_id=round_id).order_by("order", "id").values_list("key", flat=True)
)
QUESTIONS_COUNTED = PreparedQuery(
    lambda round_id, skip_id: (
        Round.objects.filter(pk=round_id)
        .annotate(asked=Count("questions", filter=~Q(questions__id=skip_id)))
        .values("title", "asked")
    )
)


def test_each_call_answers_for_its_own_values_not_the_first_ones():
    first = make_round(title="Reporting templates", questions=2)
    second = make_round(title="Information exchange", questions=3)

    assert [round_.title for round_ in ROUND_WITH_TOOL(round_id=first.pk)] == ["Reporting templates"]
    assert [round_.title for round_ in ROUND_WITH_TOOL(round_id=second.pk)] == ["Information exchange"]
    assert ROUND_WITH_TOOL(round_id=second.pk + 1000) == []
    assert ROUND_WITH_TOOL.one(round_id=first.pk).title == "Reporting templates"
    assert ROUND_WITH_TOOL.one(round_id=second.pk + 1000) is None
    assert list(KEYS_OF_ROUND(round_id=second.pk)) == ["q1", "q2", "q3"]
    assert list(KEYS_OF_ROUND(round_id=first.pk)) == ["q1", "q2"]


def test_the_results_are_the_querysets_own_with_related_objects_and_annotations():
    round_ = make_round(title="Reporting templates", questions=3, state=RoundState.SCHEDULED)
    skipped = round_.questions.get(key="q2")
    expected = Round.objects.select_related("cycle", "tool").get(pk=round_.pk)

    with CaptureQueriesContext(connection) as queries:
        (found,) = ROUND_WITH_TOOL(round_id=round_.pk)
        seen = (found.cycle.name, found.tool.name, found.state)
        assert seen == (expected.cycle.name, expected.tool.name, "scheduled")
    assert len(queries) == 1  # the cycle and the tool came with the round
    assert QUESTIONS_COUNTED(round_id=round_.pk, skip_id=skipped.pk) == [{"title": "Reporting templates", "asked": 2}]
    assert QUESTIONS_COUNTED(round_id=round_.pk, skip_id=0) == [{"title": "Reporting templates", "asked": 3}]


def test_a_list_of_keys_is_compiled_once_per_length_and_an_empty_one_finds_nothing():
    rounds = [make_round(title=title) for title in ("First", "Second", "Third")]
    titles = PreparedQuery(lambda ids: Round.objects.filter(pk__in=ids).order_by("pk").values_list("title", flat=True))

    assert list(titles(ids=[rounds[0].pk, rounds[2].pk])) == ["First", "Third"]
    assert list(titles(ids=[rounds[1].pk, rounds[0].pk])) == ["First", "Second"]
    assert list(titles(ids=[rounds[1].pk])) == ["Second"]
    with CaptureQueriesContext(connection) as queries:
        assert titles(ids=[]) == []
    assert len(queries) == 0


def test_the_queryset_is_built_once_per_connection():
    builds = []

    def build(round_id):
        builds.append(round_id)
        return Round.objects.filter(pk=round_id)

    lookup = PreparedQuery(build)
    first, second = make_round(title="First"), make_round(title="Second")
    assert [r.title for r in lookup(round_id=first.pk)] + [r.title for r in lookup(round_id=second.pk)] == [
        "First",
        "Second",
    ]
    assert len(builds) == 1


def test_arguments_must_be_the_builders_and_keys():
    with pytest.raises(TypeError, match="round_id"):
        ROUND_WITH_TOOL(pk=1)
    with pytest.raises(TypeError):
        ROUND_WITH_TOOL(round_id="1 OR 1=1")


def test_a_small_integer_column_that_cannot_hold_the_placeholders_is_an_error_not_an_empty_answer():
    make_round(questions=2)
    later = PreparedQuery(lambda order: Question.objects.filter(order__gte=order))
    earlier = PreparedQuery(lambda order: Question.objects.filter(order__lte=order))

    with pytest.raises(EmptyResultSet):
        later(order=0)
    with pytest.raises(ValueError, match="order"):
        earlier(order=100)


def test_a_builder_that_would_freeze_a_value_in_its_sql_or_run_two_queries_is_refused():
    with pytest.raises(ValueError, match="limit"):
        PreparedQuery(lambda limit: Round.objects.order_by("pk")[:limit])(limit=3)
    with pytest.raises(ValueError, match="prefetch_related"):
        PreparedQuery(lambda round_id: Round.objects.filter(pk=round_id).prefetch_related("questions"))(round_id=1)
