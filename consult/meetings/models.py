"""Time polls, replies to meeting invitations, attendance and places at in-person meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from participants.state_flags import state_flags

MIN_SLOTS, MAX_SLOTS = 2, 6


class PollState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Time chosen")
    CANCELLED = "cancelled", _("Cancelled")


@state_flags("state", PollState)
class Poll(FSMModelMixin, models.Model):
    """A scheduling poll: eligible participants say which proposed times suit them."""

    round = models.ForeignKey("consult.Round", on_delete=models.CASCADE, related_name="polls")
    message = models.TextField(_("message to participants"), blank=True)
    closes_at = models.DateTimeField(_("answers close at"))
    state = FSMField(default=PollState.OPEN, choices=PollState.choices, protected=True)
    chosen_slot = models.ForeignKey("Slot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # A round has at most one poll that is not cancelled: a new one replaces a cancelled one.
            models.UniqueConstraint(
                fields=["round"], condition=~Q(state=PollState.CANCELLED), name="poll_one_live_per_round"
            ),
        ]
        indexes = [models.Index(fields=["state", "closes_at"])]

    def __str__(self) -> str:
        return f"Time poll for {self.round}"

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        super().clean_fields(exclude={*(exclude or ()), "state"})  # a protected FSM field refuses assignment

    @property
    def accepts_answers(self) -> bool:
        return self.state == PollState.OPEN

    # Transition bodies only set fields; services lock, check, audit and notify.

    @transition(field=state, source=PollState.OPEN, target=PollState.CLOSED)
    def close(self, *, at: object) -> None:
        self.closed_at = at

    @transition(field=state, source=[PollState.OPEN, PollState.CLOSED], target=PollState.DECIDED)
    def decide(self, *, slot: Slot, at: object) -> None:
        self.chosen_slot = slot
        self.decided_at = at
        self.closed_at = self.closed_at or at

    @transition(field=state, source=[PollState.OPEN, PollState.CLOSED], target=PollState.CANCELLED)
    def cancel(self, *, at: object) -> None:
        self.closed_at = self.closed_at or at


class Slot(models.Model):
    """One proposed time (stored in UTC; every reader sees it in their own zone)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"),
            models.UniqueConstraint(fields=["poll", "starts_at", "ends_at"], name="slot_unique_in_poll"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"


class Availability(models.TextChoices):
    YES = "yes", _("Yes")
    IF_NEED_BE = "if_need_be", _("If need be")
    NO = "no", _("No")


class Vote(models.Model):
    """One participant's availability for one proposed time."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey("participants.Participant", on_delete=models.CASCADE, related_name="+")
    availability = models.CharField(max_length=16, choices=Availability.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slot", "participant"], name="vote_one_per_slot_and_participant"),
            models.CheckConstraint(condition=Q(availability__in=Availability.values), name="vote_availability_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_availability_display()} for {self.slot}"


class Meeting(models.Model):
    """What a meeting round adds to the round: places (in person) and whether attendance was taken."""

    round = models.OneToOneField("consult.Round", on_delete=models.CASCADE, related_name="meeting")
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("In-person meetings only. Acceptances past this number go on a waiting list. Empty: no limit."),
    )
    attendance_taken_at = models.DateTimeField(null=True, blank=True)
    attendance_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="capacity_positive")
        ]

    def __str__(self) -> str:
        return f"Meeting of {self.round}"


class Response(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    TENTATIVE = "tentative", _("Maybe")
    DECLINED = "declined", _("Declined")


class ReplySource(models.TextChoices):
    LINK = "link", _("E-mail link")
    SITE = "site", _("On the site")
    CALENDAR = "calendar", _("Calendar program")
    SECRETARIAT = "secretariat", _("Recorded by the Secretariat")


class Attendance(models.Model):
    """A participant's reply to a meeting invitation, their place (or waiting list) and whether they came.

    No row: invited, no reply yet. Names are for the Secretariat only; everyone else sees counts.
    """

    round = models.ForeignKey("consult.Round", on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey("participants.Participant", on_delete=models.CASCADE, related_name="+")
    response = models.CharField(max_length=16, choices=Response.choices, blank=True)
    source = models.CharField(max_length=16, choices=ReplySource.choices, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    # In-person meetings with a capacity: accepted, but waiting for a place (in order of responded_at).
    waitlisted = models.BooleanField(default=False)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["responded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "participant"], name="attendance_one_per_participant"),
            models.CheckConstraint(
                condition=Q(waitlisted=False) | Q(response=Response.ACCEPTED), name="only_acceptances_wait"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_response_display() or 'No reply'} ({self.round})"
