"""A round's audience and response figures: counted live until it closes, then fixed at closing.

The audience is who may take part (participants.eligibility), plus those who could while the round was
open and have left since: a departing person moves no figure, whether or not they had answered. At
closing the figures by category are written into `Round.closing_figures` and never change again
(approvals, withdrawals, category changes and written answers recorded later leave them as they were).
Every page, export and summary reads them through `response_rates`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from consult.models import Round, RoundState
from participants.eligibility import audience_of, in_audience
from participants.models import Category, Participant

# The feedback app's Submission states, read through the Round → submissions relation (consult never
# imports feedback).
SUBMITTED, DRAFT = "submitted", "draft"
FIXED_STATES = (RoundState.CLOSED, RoundState.SUMMARISED)


@dataclass(frozen=True)
class ResponseRate:
    """How many may answer (the audience), how many submitted, how many have a draft."""

    eligible: int
    submitted: int
    drafts: int = 0
    fixed: bool = False  # fixed at closing

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.eligible) if self.eligible else 0

    @property
    def rate(self) -> int:
        return self.percent

    @property
    def not_started(self) -> int:
        return max(self.eligible - self.submitted - self.drafts, 0)


@dataclass(frozen=True)
class RoundFigures:
    overall: ResponseRate
    by_category: dict[str, ResponseRate]  # category value → figures (only for the Secretariat's eyes)

    def categories(self) -> list[tuple[str, ResponseRate]]:
        """(label, figures) in the categories' order, for tables."""
        return [(str(text), self.by_category[value]) for value, text in Category.choices if value in self.by_category]


def _figures(audience: Counter, submitted: Counter, drafts: Counter, *, fixed: bool) -> RoundFigures:
    by_category = {
        category: ResponseRate(audience[category], submitted[category], drafts[category], fixed)
        for category in audience
    }
    overall = ResponseRate(sum(audience.values()), sum(submitted.values()), sum(drafts.values()), fixed)
    return RoundFigures(overall, by_category)


def _from_json(stored: dict[str, Any]) -> RoundFigures:
    return _figures(
        Counter(stored.get("audience", {})),
        Counter(stored.get("submitted", {})),
        Counter(stored.get("drafts", {})),
        fixed=True,
    )


def _to_json(figures: RoundFigures) -> dict[str, dict[str, int]]:
    items = figures.by_category.items()
    return {
        "audience": {category: rate.eligible for category, rate in items},
        "submitted": {category: rate.submitted for category, rate in items if rate.submitted},
        "drafts": {category: rate.drafts for category, rate in items if rate.drafts},
    }


def _live(rounds: list[Round]) -> dict[int, RoundFigures]:
    """Figures now, for many rounds in two queries: everyone in any of their audiences (the query form of
    the rule), then sorted per round by the predicate."""
    if not rounds:
        return {}
    anyone = reduce(or_, (audience_of(restricted=r.restricted, opened_at=r.opened_at) for r in rounds))
    people = list(Participant.objects.filter(anyone).only("pk", "status", "category", "status_changed_at"))
    states: dict[int, dict[int, str]] = {round_.pk: {} for round_ in rounds}
    rows = Round.objects.filter(pk__in=list(states), submissions__isnull=False).values_list(
        "pk", "submissions__participant_id", "submissions__state"
    )
    for round_id, participant_id, state in rows:
        states[round_id][participant_id] = state
    result = {}
    for round_ in rounds:
        audience: Counter = Counter()
        answered: dict[str, Counter] = {SUBMITTED: Counter(), DRAFT: Counter()}
        for person in people:
            if not in_audience(person, restricted=round_.restricted, opened_at=round_.opened_at):
                continue
            audience[person.category] += 1
            state = states[round_.pk].get(person.pk)
            if state in answered:
                answered[state][person.category] += 1
        result[round_.pk] = _figures(audience, answered[SUBMITTED], answered[DRAFT], fixed=False)
    return result


def round_figures(rounds: list[Round]) -> dict[int, RoundFigures]:
    """Each round's figures: as fixed at closing for closed and summarised rounds, live otherwise."""
    fixed = {
        round_.pk: _from_json(round_.closing_figures)
        for round_ in rounds
        if round_.state in FIXED_STATES and round_.closing_figures
    }
    return {**fixed, **_live([round_ for round_ in rounds if round_.pk not in fixed])}


def figures_at_closing(round_: Round) -> dict[str, dict[str, int]]:
    """The figures to fix on the round as it closes (called inside the close transition's service)."""
    return _to_json(_live([round_])[round_.pk])
