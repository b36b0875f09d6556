"""A cycle with closed rounds, answers, an approved summary and follow-up, made through the services."""

from __future__ import annotations

from consult.models import Cycle, Round, RoundState
from feedback.report import services
from feedback.report.models import FollowUpStatus
from feedback.summary import services as summaries
from tests import factories
from tests.feedback.helpers import make_round, move_round, submit


def closed_round_in(cycle: Cycle | None, *, respondents: list, title: str | None = None) -> Round:
    """A closed written round (in `cycle`, when given) answered by `respondents`."""
    round_ = make_round(title=title, cycle=cycle)
    for participant in respondents:
        submit(round_, participant)
    return move_round(round_, RoundState.CLOSED)


def approve_summary(round_: Round, chair, narrative: str = "Experts asked for pre-filled reports.") -> None:
    summary = summaries.generate_now(round_id=round_.pk, by=chair)
    summaries.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative=narrative)
    summaries.approve(summary_id=summary.pk, by=chair)


def record_action(rounds: list[Round], by, action: str = "The template now pre-fills from last year.", **extra):
    data = services.FollowUpData(
        rounds=rounds,
        themes=extra.pop("themes", []),
        tool=None,
        action=action,
        status=extra.pop("status", FollowUpStatus.DONE),
        reason=extra.pop("reason", ""),
    )
    return services.save_follow_up(follow_up_id=None, data=data, by=by)


def a_cycle(*, respondents: int = 4, rounds: int = 2) -> tuple[Cycle, list[Round], list]:
    people = [factories.make_participant() for _ in range(respondents)]
    first = closed_round_in(None, respondents=people, title="Online reporting tool: pre-filling")
    made = [first]
    for number in range(1, rounds):
        made.append(closed_round_in(first.cycle, respondents=people[:2], title=f"Guidance review {number}"))
    assert all(round_.state == RoundState.CLOSED for round_ in made)
    return first.cycle, made, people
