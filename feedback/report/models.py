"""The cycle report (one per cycle) and the follow-up actions ("you said, we did") it lists.

The report keeps the content built at generation, so its figures are those of that day; the
Secretariat's introduction and conclusions are edited on top, checked by the leak gate each time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from consult.models import Cycle, Round, Tool
from feedback.analysis.models import Theme
from feedback.models import GeneratedDocument
from participants.state_flags import state_flags


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


@state_flags("state", ReportState)
class CycleReport(GeneratedDocument):
    """The Secretariat's report to the WGTR on the group's work in one cycle (§13)."""

    cycle = models.OneToOneField(Cycle, on_delete=models.PROTECT, related_name="report")
    state = FSMField(default=ReportState.DRAFT, choices=ReportState.choices, protected=True)
    introduction = models.TextField(_("introduction"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)

    def __str__(self) -> str:
        return f"Report on the advisory group's work in {self.cycle}"

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        super().clean_fields(exclude={*(exclude or ()), "state"})  # a protected FSM field refuses assignment

    @transition(field=state, source=ReportState.DRAFT, target=ReportState.APPROVED)
    def approve(self, *, by: object, at: object) -> None:
        self.approved_by = by
        self.approved_at = at

    @transition(field=state, source=ReportState.APPROVED, target=ReportState.DRAFT)
    def reopen(self) -> None:
        self.approved_by = None
        self.approved_at = None


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


@state_flags("status", FollowUpStatus)
class FollowUp(models.Model):
    """What the Secretariat did, or will do, with the experts' feedback; or why it did not take it up.

    Linked to the rounds whose feedback it answers and, optionally, to their themes. Participants see
    the follow-up of the rounds they took part in.
    """

    rounds = models.ManyToManyField(Round, related_name="follow_ups", verbose_name=_("consultations"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="follow_ups", verbose_name=_("themes"))
    tool = models.ForeignKey(
        Tool,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name=_("tool changed"),
    )
    action = models.TextField(_("what was done or is planned"), max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=FollowUpStatus.choices)
    reason = models.TextField(_("why it was not taken up"), blank=True, max_length=2000)
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=FollowUpStatus.NOT_TAKEN_UP) | ~Q(reason=""), name="follow_up_not_taken_up_says_why"
            ),
            models.CheckConstraint(condition=Q(status__in=FollowUpStatus.values), name="follow_up_status_valid"),
        ]

    def __str__(self) -> str:
        return self.action[:80]
