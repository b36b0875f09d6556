"""The Chair's list of responses reads a page of pseudonyms and their total in one query: the same page
as Django's paginator gives, for every page number a link or a hand-typed address can carry."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback import services
from feedback.models import Submission
from feedback.selectors import page_respondents, pseudonym_page, pseudonyms_in_order, questions, respondents
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round, submit

pytestmark = pytest.mark.django_db

NUMBERS = [None, "", "1", "2", "3", "4", "99", "0", "-1", "abc", "2.5", 2, "1" + "0" * 30]


def same_page(round_, number, per_page: int) -> None:
    expected = Paginator(pseudonyms_in_order(round_), per_page).get_page(number)

    page = pseudonym_page(round_, number, per_page)

    assert list(page.object_list) == list(expected.object_list), number
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (
        expected.number,
        expected.paginator.count,
        expected.paginator.num_pages,
    ), number
    assert (page.has_previous(), page.has_next(), page.start_index()) == (
        expected.has_previous(),
        expected.has_next(),
        expected.start_index(),
    ), number


@pytest.mark.parametrize("number", NUMBERS)
def test_a_page_is_the_paginators_page(number):
    round_ = make_round()  # required questions: the responses that may be linked are counted per response
    for _ in range(7):
        submit(round_, factories.make_participant(), GOOD_ANSWERS)

    same_page(round_, number, per_page=3)


@pytest.mark.parametrize("number", [None, "1", "5"])
def test_no_response_is_an_empty_first_page(number):
    same_page(make_round(), number, per_page=3)


def test_a_page_in_range_is_one_query():
    round_ = make_round()
    for _ in range(4):
        submit(round_, factories.make_participant(), GOOD_ANSWERS)

    questions(round_)  # the page has read them already
    with CaptureQueriesContext(connection) as captured:
        page = pseudonym_page(round_, "2", 3)

    assert len(captured) == 1 and len(page.object_list) == 1 and page.paginator.count == 4


def test_the_first_page_of_no_response_is_one_query_too():
    """As many queries with no response as with many (tests/site/test_page_query_counts.py)."""
    round_ = make_round()
    questions(round_)
    with CaptureQueriesContext(connection) as captured:
        page = pseudonym_page(round_, None, 3)

    assert len(captured) == 1 and page.paginator.count == 0 and page.number == 1


def test_a_pages_respondents_are_those_of_its_pseudonyms_only():
    """The answers of a page are read by range of pseudonyms: a written response in that range which
    skips a required question (not shown one by one) must not come with them."""
    round_ = make_round()
    for number in range(12):
        if number % 3 == 1:  # every third one written, without the required rating
            services.record_offline_submission(
                round_id=round_.pk,
                participant_id=factories.make_participant().pk,
                answers={"format": "Word template", "comments": f"Letter {number}"},
                by=None,
            )
        else:
            submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "comments": f"Online {number}"})
    # Pseudonyms in the order of arrival, so that written responses sit inside each page's range.
    submissions = list(Submission.objects.filter(round=round_).order_by("pk"))
    for submission in submissions:
        Submission.objects.filter(pk=submission.pk).update(pseudonym=submission.pseudonym + 100_000)
    for number, submission in enumerate(submissions, start=1):
        Submission.objects.filter(pk=submission.pk).update(pseudonym=number)
    linked = {respondent.pseudonym: respondent for respondent in respondents(round_)}
    assert sorted(linked) == [1, 3, 4, 6, 7, 9, 10, 12]

    pages = [pseudonym_page(round_, number, 3) for number in (1, 2, 3)]
    shown = [page_respondents(round_, list(page.object_list)) for page in pages]

    assert [[r.pseudonym for r in page] for page in shown] == [[1, 3, 4], [6, 7, 9], [10, 12]]
    assert [r for page in shown for r in page] == list(linked.values())
    assert not any("Letter" in str(r.answers) for page in shown for r in page)
