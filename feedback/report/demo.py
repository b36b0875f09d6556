"""Demo: follow-up actions on the closed round's themes and the cycle reports, so `make run` shows the
whole §13 workflow (idempotent: actions already recorded and reports already generated are left alone)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from consult.models import Round, Tool
from consult.selectors import current_cycle
from feedback.analysis.models import Theme
from feedback.report import services
from feedback.report.models import CycleReport, FollowUp, FollowUpStatus
from participants.models import User
from participants.permissions import SECRETARIAT

# Theme answered, what was done, status, why not (for actions not taken up), tool, days ago when done.
ACTIONS = [
    (
        "Excel template",
        "The annual report template is now offered as an Excel workbook that imports back into the online "
        "reporting tool, so no figure has to be typed twice.",
        FollowUpStatus.DONE,
        "",
        "Online reporting tool",
        20,
    ),
    (
        "Guidance beside the tables",
        "Short guidance and a worked example will appear beside each table of the annual report template.",
        FollowUpStatus.PLANNED,
        "",
        "Annual report template",
        None,
    ),
    (
        "Category definitions",
        "Experts asked for new definitions of the categories of conventional arms.",
        FollowUpStatus.NOT_TAKEN_UP,
        "The categories follow Article 2(1) of the Treaty and are for the Conference of States Parties to decide; "
        "the guidance now links to the existing definitions instead.",
        "",
        None,
    ),
]

INTRODUCTION = (
    "During the cycle, the Secretariat consulted the advisory group on its reporting tools by written request and "
    "in an online meeting, as foreseen in paragraph 10 of the terms of reference."
)


def seed(closed_round: Round) -> None:
    secretariat = User.objects.filter(groups__name=SECRETARIAT).order_by("pk").first()
    if secretariat is None:
        return
    closed_round.refresh_from_db()
    if not FollowUp.objects.filter(rounds=closed_round).exists():
        _actions(closed_round, secretariat)
    cycles = {closed_round.cycle_id, getattr(current_cycle(), "pk", closed_round.cycle_id)}
    for cycle_id in sorted(cycles):
        if not CycleReport.objects.filter(cycle_id=cycle_id).exists():
            report = services.generate_now(cycle_id=cycle_id, by=secretariat)
            services.save_texts(
                report_id=report.pk,
                by=secretariat,
                expected_version=report.version,
                introduction=INTRODUCTION,
                conclusions="",
            )


def _actions(closed_round: Round, by: User) -> None:
    themes = {theme.name: theme for theme in Theme.objects.filter(round=closed_round)}
    today = timezone.localdate()
    for theme_name, action, status, reason, tool_name, done_days_ago in ACTIONS:
        data = services.FollowUpData(
            rounds=[closed_round],
            themes=[themes[theme_name]] if theme_name in themes else [],
            tool=Tool.objects.filter(name=tool_name).first() if tool_name else None,
            action=action,
            status=status,
            reason=reason,
            completed_on=today - timedelta(days=done_days_ago) if done_days_ago is not None else None,
        )
        services.save_follow_up(follow_up_id=None, data=data, by=by)
