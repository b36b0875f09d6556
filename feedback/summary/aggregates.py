"""Pure aggregates for the summary: participation cells with small-cell suppression, distributions.

No database access: the builder streams values in, these functions count them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median

OTHER_LABEL = "Other categories"
OTHER_ANSWER = "Other (own words)"  # the bar of "Other, please specify" answers


@dataclass(frozen=True)
class Cell:
    label: str
    count: int


@dataclass(frozen=True)
class Participation:
    """Respondents by category, with every shown cell at least `min_cell` (docs/anonymity.md)."""

    total: int
    cells: tuple[Cell, ...]
    suppressed: bool  # True when the total itself is too small to break down
    min_cell: int


def participation_by_category(counts: Mapping[str, int], *, min_cell: int) -> Participation:
    """Merge categories below `min_cell` into "Other categories".

    A merged cell that is still too small absorbs the next smallest category until it is big
    enough, so no cell, shown or derivable by subtraction from the total, is below the threshold.
    """
    total = sum(counts.values())
    if total < min_cell or total == 0:
        return Participation(total=total, cells=(), suppressed=True, min_cell=min_cell)
    shown = sorted(((label, n) for label, n in counts.items() if n >= min_cell), key=lambda cell: (-cell[1], cell[0]))
    other = sum(n for n in counts.values() if 0 < n < min_cell)
    while 0 < other < min_cell and shown:
        _label, smallest = shown.pop()
        other += smallest
    cells = [Cell(label, n) for label, n in shown]
    if other:
        cells.append(Cell(OTHER_LABEL, other))
    return Participation(total=total, cells=tuple(cells), suppressed=False, min_cell=min_cell)


@dataclass
class Bar:
    label: str
    count: int
    percent: float


@dataclass
class Distribution:
    """Counts per option for a closed question; percentages of those who answered it."""

    answered: int
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None


def _bars(options: Sequence[str], counter: Counter, denominator: int) -> list[Bar]:
    return [
        Bar(label=option, count=counter.get(option, 0), percent=_percent(counter.get(option, 0), denominator))
        for option in options
    ]


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


RATING_OPTIONS = ("1", "2", "3", "4", "5")
YES_NO_OPTIONS = ("Yes", "No")


def rating_distribution(values: Iterable[int]) -> Distribution:
    ratings = [int(value) for value in values]
    counter = Counter(str(value) for value in ratings)
    answered = len(ratings)
    return Distribution(
        answered=answered,
        bars=_bars(RATING_OPTIONS, counter, answered),
        mean=round(sum(ratings) / answered, 2) if answered else None,
        median=float(median(ratings)) if answered else None,
    )


def choice_distribution(values: Iterable[str], choices: Sequence[str]) -> Distribution:
    picked = [str(value) for value in values]
    counter = Counter(picked)
    options = list(choices) + sorted(set(counter) - set(choices))  # keep answers to since-renamed options
    return Distribution(answered=len(picked), bars=_bars(options, counter, len(picked)))


def multi_choice_distribution(values: Iterable[Sequence[str]], choices: Sequence[str]) -> Distribution:
    """Each respondent may tick several options: percentages are of respondents, not of ticks."""
    answered = 0
    counter: Counter = Counter()
    for selection in values:
        answered += 1
        counter.update(set(map(str, selection)))
    options = list(choices) + sorted(set(counter) - set(choices))
    return Distribution(answered=answered, bars=_bars(options, counter, answered))


def yes_no_distribution(values: Iterable[bool]) -> Distribution:
    answers = ["Yes" if value else "No" for value in values]
    return Distribution(answered=len(answers), bars=_bars(YES_NO_OPTIONS, Counter(answers), len(answers)))


@dataclass(frozen=True)
class Ranked:
    """One item of a ranking question: its mean rank (1 = first) and how often it came first."""

    label: str
    mean_rank: float | None
    first: int
    first_percent: float


def ranking_summary(values: Iterable[Sequence[str]], choices: Sequence[str]) -> tuple[Distribution, list[Ranked]]:
    """How often each item came first (a distribution, for the chart) and each item's mean rank, best first."""
    rankings = [list(map(str, value)) for value in values if value]
    firsts = Counter(ranking[0] for ranking in rankings)
    answered = len(rankings)
    ranks: dict[str, list[int]] = {choice: [] for choice in choices}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            ranks.setdefault(item, []).append(rank)
    items = [
        Ranked(
            label=item,
            mean_rank=round(sum(given) / len(given), 2) if given else None,
            first=firsts.get(item, 0),
            first_percent=_percent(firsts.get(item, 0), answered),
        )
        for item, given in ranks.items()
    ]
    items.sort(key=lambda ranked: (ranked.mean_rank is None, ranked.mean_rank or 0, -ranked.first))
    return Distribution(answered=answered, bars=_bars(list(ranks), firsts, answered)), items


def grid_summary(values: Iterable[Mapping[str, str]], rows: Sequence[str], scale: Sequence[str]) -> list[Distribution]:
    """One distribution on the scale per statement; percentages of those who rated that statement."""
    counters = [Counter() for _row in rows]
    for value in values:
        for number, item in (value or {}).items():
            if str(number).isdigit() and 1 <= int(number) <= len(rows):
                counters[int(number) - 1][str(item)] += 1
    return [
        Distribution(answered=sum(counter.values()), bars=_bars(scale, counter, sum(counter.values())))
        for counter in counters
    ]


def number_summary(values: Iterable[float]) -> tuple[int, float | None, float | None]:
    """(answered, mean, median) of a number question: no lowest or highest, which single out one person."""
    numbers = [float(value) for value in values]
    if not numbers:
        return 0, None, None
    return len(numbers), round(sum(numbers) / len(numbers), 2), float(median(numbers))
