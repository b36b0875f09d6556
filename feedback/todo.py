"""The feedback app's part of the staff to-do list: closed consultations waiting for their summary."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consult.models import Round, RoundState
from feedback.models import GenerationStatus, Summary, SummaryState
from participants.permissions import is_chair, is_secretariat
from participants.todo import Task, register


def waiting_for_summary(user: Any) -> list[Task]:
    """Closed rounds whose summary is not generated yet, and summaries ready for review and approval."""
    if not (is_chair(user) or is_secretariat(user)):
        return []
    counts = Round.objects.filter(state=RoundState.CLOSED).aggregate(
        without=Count("pk", filter=Q(summary__isnull=True) | ~Q(summary__generation_status=GenerationStatus.DONE)),
        to_approve=Count(
            "pk", filter=Q(summary__state=SummaryState.DRAFT, summary__generation_status=GenerationStatus.DONE)
        ),
    )
    overview = reverse("feedback:chair_dashboard")
    menu = "feedback:chair_dashboard" if is_chair(user) and not is_secretariat(user) else "consult:round_list"
    return [
        Task(
            "summaries_to_prepare",
            counts["without"],
            ngettext(
                "closed consultation has no summary yet",
                "closed consultations have no summary yet",
                counts["without"],
            ),
            f"{overview}#waiting-title",
            _("Prepare the summary"),
            menu=menu,
        ),
        Task(
            "summaries_to_approve",
            counts["to_approve"],
            ngettext("summary to review and approve", "summaries to review and approve", counts["to_approve"]),
            f"{overview}#waiting-title",
            _("Review and approve"),
            menu=menu,
        ),
    ]


def register_todo() -> None:
    register(waiting_for_summary, order=30, counts=(Round, Summary))
