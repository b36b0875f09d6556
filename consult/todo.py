"""The consult app's part of the staff to-do list: draft consultations to schedule."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consult.models import Round, RoundState
from participants.permissions import is_secretariat
from participants.todo import Task, register


def drafts_to_schedule(user: Any) -> list[Task]:
    if not is_secretariat(user):
        return []
    drafts = Round.objects.filter(state=RoundState.DRAFT).count()
    return [
        Task(
            "drafts",
            drafts,
            ngettext("draft consultation to schedule", "draft consultations to schedule", drafts),
            reverse("consult:round_list") + "?state=draft",
            _("Finish and schedule"),
            menu="consult:round_list",
        )
    ]


def register_todo() -> None:
    register(drafts_to_schedule, order=20, counts=(Round,))
