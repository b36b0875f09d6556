"""Build the cycle report's content from the database: plain, anonymized, JSON-serialisable data.

The content keeps the figures of the day it was built. Texts people wrote (round titles, tool names,
follow-up actions) pass through the anonymizer; the Chair's own words (approved narratives, theme
names) are taken as written, and the leak gate reads them without the registry before approval and
every export.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from consult.meetings.cells import shown
from consult.models import Cycle, Mode, Round, RoundState
from feedback.anonymizer import Anonymizer
from feedback.models import Summary, SummaryState
from feedback.report import cells, figures
from feedback.report.models import FollowUp
from feedback.summary import gate as summary_gate

SCHEMA_VERSION = 1
REPORTED_STATES = (RoundState.SCHEDULED, RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED)
FINISHED_STATES = (RoundState.CLOSED, RoundState.SUMMARISED)
APPROVED_SUMMARY_STATES = (SummaryState.APPROVED, SummaryState.PUBLISHED)
MAIN_THEMES = 8  # per round, the most raised first

Progress = Callable[[int], None]


def build_content(
    cycle: Cycle,
    *,
    anonymizer: Anonymizer,
    min_cell: int | None = None,
    progress: Progress | None = None,
    now: Any = None,
) -> dict[str, Any]:
    """The report as plain data: the group, the rounds with their figures and themes, the follow-up."""
    min_cell = settings.ANONYMITY_MIN_CELL if min_cell is None else min_cell
    report = progress or (lambda percent: None)
    period = figures.period_of(cycle, now)

    def clean(text: str) -> str:
        return anonymizer.redact(text).text

    rounds = list(
        Round.objects.filter(cycle=cycle, state__in=REPORTED_STATES).select_related("tool").order_by("opens_at", "pk")
    )
    report(5)
    numbers = {round_.pk: number for number, round_ in enumerate(rounds, start=1)}
    follow_ups = _follow_ups(rounds, numbers, clean)
    report(15)
    group = _group(period, min_cell)
    report(30)
    rates = figures.round_figures(rounds)
    attended = figures.attended(rounds)
    summaries = {summary.round_id: summary for summary in Summary.objects.filter(round__in=rounds)}
    built_rounds = []
    for index, round_ in enumerate(rounds):
        built_rounds.append(
            _round(round_, numbers[round_.pk], rates, attended, summaries.get(round_.pk), follow_ups, clean, min_cell)
        )
        report(30 + int(65 * (index + 1) / max(len(rounds), 1)))
    content = {
        "schema": SCHEMA_VERSION,
        "generated_on": timezone.localdate().isoformat(),  # the day only, like the summaries
        "cycle": {
            "name": cycle.name,
            "starts_on": cycle.starts_on.isoformat(),
            "ends_on": cycle.ends_on.isoformat(),
            "figures_as_at": period.ends_on.isoformat(),
            "under_way": period.ends_on < cycle.ends_on,
        },
        "min_cell": min_cell,
        "group": group,
        "rounds": built_rounds,
        "follow_ups": follow_ups,
    }
    report(100)
    return content


def _group(period: figures.Period, min_cell: int) -> dict[str, Any]:
    table = cells.category_table(figures.membership(period), columns=figures.MEMBERSHIP_COLUMNS, min_cell=min_cell)
    activity = figures.activity(period)
    return {
        "columns": list(table.columns),
        "broken_down": list(table.broken_down),
        "rows": [{"label": row.label, "counts": list(row.counts)} for row in table.rows],
        "total": list(table.totals),
        "activity": [
            {"key": key, "label": label, "count": shown(activity[key], min_cell=min_cell)}
            for key, label in figures.ACTIVITY_LABELS.items()
        ],
    }


def _round(
    round_: Round,
    number: int,
    rates: dict[int, figures.RoundFigures],
    attended: dict[int, int],
    summary: Summary | None,
    follow_ups: list[dict[str, Any]],
    clean: Callable[[str], str],
    min_cell: int,
) -> dict[str, Any]:
    finished = round_.state in FINISHED_STATES
    rate = rates.get(round_.pk)
    built: dict[str, Any] = {
        "number": number,
        "title": clean(round_.title),
        "tool": clean(round_.tool.name),
        "articles": list(round_.tool.articles or []),
        "stage": str(round_.get_stage_display()),
        "mode": round_.mode,
        "mode_label": str(round_.get_mode_display()),
        "meeting": round_.mode in (Mode.ONLINE, Mode.IN_PERSON),
        "restricted": round_.restricted,
        "state": round_.state,
        "state_label": str(round_.get_state_display()),
        "opens_on": timezone.localdate(round_.opens_at).isoformat(),
        "closes_on": timezone.localdate(round_.closes_at).isoformat(),
        "held_on": timezone.localdate(round_.meeting_starts_at).isoformat() if round_.meeting_starts_at else None,
        "respondents": rate.respondents if finished and rate else None,
        "rate": rate.percent if finished and rate else None,
        "attended": shown(attended[round_.pk], min_cell=min_cell) if round_.pk in attended else None,
        "attendance_taken": round_.pk in attended,
        "summary": _summary(summary),
        "follow_ups": [item["number"] for item in follow_ups if number in item["rounds"]],
    }
    return built


def _summary(summary: Summary | None) -> dict[str, Any] | None:
    """The approved summary's narrative and main themes; None when no summary is approved."""
    if summary is None or summary.state not in APPROVED_SUMMARY_STATES or not summary.is_ready:
        return None
    themes = [
        {
            "name": theme["name"],
            "respondents": theme["respondents"],
            "percent": theme["percent"],
            "question": question["number"],
        }
        for question in summary.content.get("questions", [])
        for theme in question.get("themes", [])
    ]
    themes.sort(key=lambda theme: -theme["respondents"])
    return {
        "approved_on": timezone.localdate(summary.approved_at).isoformat() if summary.approved_at else None,
        "respondents": summary.content.get("respondents", 0),
        "narrative": summary.narrative,
        "themes": themes[:MAIN_THEMES],
        "more_themes": max(len(themes) - MAIN_THEMES, 0),
        # the words of the consultation's own texts, which the narrative may repeat (the gate's reading)
        "vocabulary": sorted(summary_gate.vocabulary(summary.content)),
    }


def _follow_ups(rounds: list[Round], numbers: dict[int, int], clean: Callable[[str], str]) -> list[dict[str, Any]]:
    actions = (
        FollowUp.objects.filter(rounds__in=rounds)
        .distinct()
        .select_related("tool")
        .prefetch_related(Prefetch("rounds", queryset=Round.objects.only("pk")), "themes")
        .order_by("created_at", "pk")
    )
    built = []
    for number, action in enumerate(actions, start=1):
        built.append(
            {
                "number": number,
                "action": clean(action.action),
                "status": action.status,
                "status_label": str(action.get_status_display()),
                "reason": clean(action.reason),
                "tool": clean(action.tool.name) if action.tool else "",
                "completed_on": action.completed_on.isoformat() if action.completed_on else None,
                "rounds": sorted(numbers[item.pk] for item in action.rounds.all() if item.pk in numbers),
                # the Chair's words: read by the gate without the registry, never cleaned with it (a
                # registered name typed into a theme would otherwise come back as a placeholder)
                "themes": sorted(theme.name for theme in action.themes.all()),
            }
        )
    return built
