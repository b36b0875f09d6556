"""Articles are named as a reader would write them: "Article 13", never "Articles 13"."""

from __future__ import annotations

import pytest

from consult.articles import articles_label
from tests.consult.helpers import make_round, make_tool


@pytest.mark.parametrize(
    ("numbers", "label"),
    [
        ([], ""),
        ([13], "Article 13"),
        ([13, 11], "Articles 11 and 13"),
        ([11, 13, 15, 17], "Articles 11, 13, 15 and 17"),
    ],
)
def test_articles_are_named_in_the_singular_or_the_plural(numbers, label):
    assert articles_label(numbers) == label


@pytest.mark.django_db
def test_the_round_page_names_a_single_article_in_the_singular(secretariat_client):
    round_ = make_round(tool=make_tool("Initial report template", articles=(13,)))

    page = secretariat_client.get(f"/rounds/{round_.pk}/").content.decode()

    assert "Article 13" in page
    assert "Articles 13" not in page
