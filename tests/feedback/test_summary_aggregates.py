"""Participation cells never show (or let anyone derive) fewer than ANONYMITY_MIN_CELL respondents."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feedback.summary.aggregates import (
    OTHER_LABEL,
    choice_distribution,
    multi_choice_distribution,
    participation_by_category,
    rating_distribution,
    yes_no_distribution,
)


def test_large_categories_are_shown_and_small_ones_merged_into_other():
    result = participation_by_category(
        {"State Party": 9, "Signatory State": 4, "Civil society": 2, "Industry": 1}, min_cell=3
    )

    assert [(cell.label, cell.count) for cell in result.cells] == [
        ("State Party", 9),
        ("Signatory State", 4),
        (OTHER_LABEL, 3),
    ]
    assert result.total == 16


def test_other_too_small_absorbs_the_next_smallest_category():
    result = participation_by_category({"State Party": 9, "Signatory State": 4, "Industry": 1}, min_cell=3)

    assert [(cell.label, cell.count) for cell in result.cells] == [("State Party", 9), (OTHER_LABEL, 5)]


def test_a_total_below_the_threshold_shows_no_breakdown():
    result = participation_by_category({"State Party": 1, "Industry": 1}, min_cell=3)

    assert result.suppressed
    assert result.cells == ()


def test_threshold_comes_from_the_caller():
    result = participation_by_category({"State Party": 4, "Industry": 4}, min_cell=5)

    assert [(cell.label, cell.count) for cell in result.cells] == [(OTHER_LABEL, 8)]


@given(
    counts=st.dictionaries(st.sampled_from(["A", "B", "C", "D", "E", "F", "G"]), st.integers(0, 12)),
    min_cell=st.integers(1, 6),
)
def test_no_shown_cell_and_no_derivable_cell_is_below_the_threshold(counts, min_cell):
    result = participation_by_category(counts, min_cell=min_cell)

    assert sum(cell.count for cell in result.cells) == (0 if result.suppressed else sum(counts.values()))
    assert all(cell.count >= min_cell for cell in result.cells)


def test_rating_distribution_counts_every_option_with_mean_and_median():
    result = rating_distribution([5, 4, 4, 2])

    assert [(bar.label, bar.count) for bar in result.bars] == [("1", 0), ("2", 1), ("3", 0), ("4", 2), ("5", 1)]
    assert result.mean == 3.75
    assert result.median == 4.0
    assert result.bars[3].percent == 50.0


def test_multi_choice_percentages_are_of_respondents():
    result = multi_choice_distribution([["Excel", "CSV"], ["CSV"], ["XML", "CSV"]], ["Excel", "CSV", "XML", "JSON"])

    assert [(bar.label, bar.count, bar.percent) for bar in result.bars] == [
        ("Excel", 1, 33.3),
        ("CSV", 3, 100.0),
        ("XML", 1, 33.3),
        ("JSON", 0, 0.0),
    ]


def test_choice_answers_to_renamed_options_are_still_counted():
    result = choice_distribution(["Weekly", "Monthly", "Old option"], ["Weekly", "Monthly"])

    assert [bar.label for bar in result.bars] == ["Weekly", "Monthly", "Old option"]


def test_yes_no_distribution():
    result = yes_no_distribution([True, True, False])

    assert [(bar.label, bar.count) for bar in result.bars] == [("Yes", 2), ("No", 1)]
