"""Reads for the cycle report pages and the participants' follow-up page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from consult.meetings.models import Attendance
from consult.models import Cycle, Round
from feedback.models import Submission, SubmissionState
from feedback.registry import current_anonymizer
from feedback.report.models import CycleReport, FollowUp
from participants.models import Participant


def cycles_with_reports() -> list[tuple[Cycle, CycleReport | None]]:
    """Every cycle, newest first, with its report if one was started. Two queries."""
    cycles = list(Cycle.objects.order_by("-starts_on"))
    reports = {report.cycle_id: report for report in CycleReport.objects.defer("content")}
    return [(cycle, reports.get(cycle.pk)) for cycle in cycles]


def follow_ups() -> QuerySet[FollowUp]:
    """Every action, newest first, with its rounds, themes and tool (three queries in all)."""
    return (
        FollowUp.objects.select_related("tool")
        .prefetch_related(Prefetch("rounds", queryset=Round.objects.select_related("cycle")), "themes")
        .order_by("-created_at", "-pk")
    )


def rounds_taken_part_in(participant: Participant) -> QuerySet[Round]:
    """The rounds the participant answered (a submitted response) or attended the meeting of."""
    answered = Submission.objects.filter(participant=participant, state=SubmissionState.SUBMITTED).values("round_id")
    attended = Attendance.objects.filter(participant=participant, attended=True).values("round_id")
    return Round.objects.filter(Q(pk__in=answered) | Q(pk__in=attended))


@dataclass(frozen=True)
class ParticipantFollowUp:
    follow_up: FollowUp
    rounds: list[Round]  # only those the participant took part in
    themes: list[str]  # the Chair's theme names, anonymized like the summary shows them


def follow_ups_for(participant: Participant) -> list[ParticipantFollowUp]:
    """The follow-up of the rounds the participant took part in; other rounds are never named."""
    mine = list(rounds_taken_part_in(participant).order_by("-opens_at"))
    ids = {round_.pk for round_ in mine}
    actions = (
        FollowUp.objects.filter(rounds__in=mine)
        .distinct()
        .select_related("tool")
        .prefetch_related(Prefetch("rounds", queryset=Round.objects.only("pk")), "themes")
        .order_by("-updated_at", "-pk")
    )
    anonymizer = current_anonymizer()
    by_id = {round_.pk: round_ for round_ in mine}
    return [
        ParticipantFollowUp(
            action,
            [by_id[item.pk] for item in action.rounds.all() if item.pk in ids],
            [anonymizer.redact(theme.name).text for theme in action.themes.all() if theme.round_id in ids],
        )
        for action in actions
    ]
