"""The small-cell rule for the report's tables of people (Annex 1 §13). Pure: counts in, cells out.

One table gives, per category, several counts of the same people (members at the end of the cycle,
joined, left). A column whose total is itself below `min_cell` is not broken down at all (its total
reads “fewer than N”). In the other columns, a category gets its own row only when every count in
it is 0 or at least `min_cell`; the others are merged into "Other categories", which absorbs the
next smallest rows until it passes the same test. The total row is then a sum of rows that all
pass, so no count of a category below the minimum is shown or can be found by subtracting shown
rows from the total, in any column. When the columns cannot be broken down together, the first one (members at the end)
is broken down alone; when even that cannot pass, only the totals are shown.

Stand-alone totals (registrations, invitations, decisions) use consult.meetings.cells.shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consult.meetings.cells import shown

OTHER_LABEL = "Other categories"


def passes(counts: Sequence[int], min_cell: int) -> bool:
    return all(count == 0 or count >= min_cell for count in counts)


@dataclass(frozen=True)
class Row:
    label: str
    counts: tuple[int, ...]  # one per broken-down column


@dataclass(frozen=True)
class CategoryTable:
    columns: tuple[str, ...]  # every column, in order
    broken_down: tuple[int, ...]  # the indexes of the columns the rows give (empty: no breakdown)
    rows: tuple[Row, ...]
    totals: tuple[int | None, ...]  # every column's total; None: fewer than min_cell
    min_cell: int


def category_table(counts: Mapping[str, Sequence[int]], *, columns: Sequence[str], min_cell: int) -> CategoryTable:
    """Rows by category under the small-cell rule, the largest first, then "Other categories".

    Every column that can be broken down is; when they cannot all be together, the first column alone."""
    totals = tuple(sum(values[index] for values in counts.values()) for index in range(len(columns)))
    shown_totals = tuple(shown(total, min_cell=min_cell) for total in totals)
    kept = tuple(index for index, total in enumerate(totals) if total >= min_cell)
    for candidate in (kept, kept[:1]):
        rows = _rows({label: tuple(values[index] for index in candidate) for label, values in counts.items()}, min_cell)
        if rows:
            return CategoryTable(tuple(columns), candidate, rows, shown_totals, min_cell)
    return CategoryTable(tuple(columns), (), (), shown_totals, min_cell)


def _rows(counts: Mapping[str, tuple[int, ...]], min_cell: int) -> tuple[Row, ...]:
    """The rows, or none when no category can stand on its own."""
    present = {label: values for label, values in counts.items() if any(values)}
    width = len(next(iter(counts.values()), ()))
    own = sorted(
        ((label, values) for label, values in present.items() if passes(values, min_cell)),
        key=lambda row: (tuple(-value for value in row[1]), row[0]),
    )
    other = _add([values for values in present.values() if not passes(values, min_cell)], width)
    while any(other) and not passes(other, min_cell) and own:
        _label, smallest = own.pop()
        other = _add([other, smallest], width)
    if not width or not own or (any(other) and not passes(other, min_cell)):
        return ()
    rows = [Row(label, values) for label, values in own]
    if any(other):
        rows.append(Row(OTHER_LABEL, other))
    return tuple(rows)


def _add(rows: list[tuple[int, ...]], width: int) -> tuple[int, ...]:
    return tuple(sum(row[index] for row in rows) for index in range(width))
