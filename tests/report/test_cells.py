"""The report's tables of people: no category under the minimum is shown or found by any subtraction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from feedback.report.cells import OTHER_LABEL, category_table
from tests.report.attacker import recovered_small_cells

COLUMNS = ("At the end", "Joined", "Left")
CATEGORIES = (
    "State Party",
    "Signatory State",
    "Observer State",
    "International organisation",
    "Regional organisation",
    "Civil society",
    "Industry",
)


def as_group(table) -> dict:
    return {
        "columns": list(table.columns),
        "broken_down": list(table.broken_down),
        "rows": [{"label": row.label, "counts": list(row.counts)} for row in table.rows],
        "total": list(table.totals),
    }


def test_categories_that_are_large_in_every_column_stand_alone_and_the_others_are_merged():
    counts = {"State Party": (12, 4, 0), "Civil society": (5, 3, 3), "Industry": (2, 0, 0), "Observer State": (1, 1, 0)}

    table = category_table(counts, columns=COLUMNS, min_cell=3)

    # Industry and Observer State merge into (3, 1, 0): still a 1, so the smallest category left joins them.
    assert table.broken_down == (0, 1, 2)
    assert [(row.label, row.counts) for row in table.rows] == [("State Party", (12, 4, 0)), (OTHER_LABEL, (8, 4, 3))]
    assert table.totals == (20, 8, 3)


def test_a_merged_row_still_too_small_absorbs_the_next_smallest_category():
    counts = {"State Party": (10, 3, 0), "Industry": (4, 0, 0), "Civil society": (1, 1, 0)}

    table = category_table(counts, columns=COLUMNS, min_cell=3)

    labels = [row.label for row in table.rows]
    assert OTHER_LABEL in labels
    assert all(count == 0 or count >= 3 for row in table.rows for count in row.counts)


def test_a_column_whose_total_is_small_is_not_broken_down_and_reads_fewer_than_the_minimum():
    counts = {"State Party": (10, 3, 1), "Industry": (6, 3, 1)}

    table = category_table(counts, columns=COLUMNS, min_cell=3)

    assert table.broken_down == (0, 1)
    assert table.totals == (16, 6, None)


def test_when_nothing_can_be_broken_down_only_the_totals_are_given():
    counts = {"State Party": (2, 1, 0), "Industry": (2, 2, 0)}

    table = category_table(counts, columns=COLUMNS, min_cell=3)

    assert table.rows == ()
    assert table.totals == (4, 3, 0)


def test_the_attacker_finds_a_small_cell_when_a_table_is_published_without_the_rule():
    """The check can fail: publishing every category but one next to the total gives the last one away."""
    true_counts = {"State Party": (10, 0, 0), "Industry": (1, 0, 0)}
    naive = {
        "columns": list(COLUMNS),
        "broken_down": [0],
        "rows": [{"label": "State Party", "counts": [10]}],
        "total": [11, 0, 0],
    }

    assert recovered_small_cells(naive, true_counts, 3) == [("Industry", 0, 1)]


counts_strategy = st.dictionaries(
    st.sampled_from(CATEGORIES),
    st.tuples(st.integers(0, 12), st.integers(0, 6), st.integers(0, 4)),
    min_size=1,
    max_size=len(CATEGORIES),
)


@settings(max_examples=200, deadline=None)
@given(counts=counts_strategy, min_cell=st.integers(2, 5))
def test_no_subtraction_across_the_table_recovers_a_small_cell(counts, min_cell):
    table = category_table(counts, columns=COLUMNS, min_cell=min_cell)

    group = as_group(table)

    assert recovered_small_cells(group, counts, min_cell) == []
    shown = [count for row in table.rows for count in row.counts] + [t for t in table.totals if t is not None]
    assert all(count == 0 or count >= min_cell for count in shown)
