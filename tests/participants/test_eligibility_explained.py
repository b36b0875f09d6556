"""The eligibility sentence the Secretariat reads on the vetting pages, for every category."""

from __future__ import annotations

import pytest

from participants.eligibility import explain_category
from participants.models import Category


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (
            Category.STATE_PARTY,
            "may register themselves (§3) and, once approved, take part in restricted activities (§9).",
        ),
        (
            Category.SIGNATORY_STATE,
            "may register themselves (§3); restricted activities are for States Parties only (§9).",
        ),
        (
            Category.INTERNATIONAL_ORGANISATION,
            "may register themselves (§3); restricted activities are for States Parties only (§9).",
        ),
        (
            Category.REGIONAL_ORGANISATION,
            "may register themselves (§3); restricted activities are for States Parties only (§9).",
        ),
        (
            Category.OBSERVER_STATE,
            "join by invitation only (§6); restricted activities are for States Parties only (§9).",
        ),
        (
            Category.CIVIL_SOCIETY,
            "join by invitation only (§6); restricted activities are for States Parties only (§9).",
        ),
        (Category.INDUSTRY, "join by invitation only (§6); restricted activities are for States Parties only (§9)."),
    ],
)
def test_each_category_is_explained_by_its_annex_paragraphs(category, expected):
    assert explain_category(category) == expected
