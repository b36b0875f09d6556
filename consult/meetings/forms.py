"""Forms for polls, replies and attendance. They parse and show errors; the services decide."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consult.forms import moment_widget
from consult.meetings.models import MAX_SLOTS, MIN_SLOTS, Availability, Slot
from consult.models import Round

DURATIONS = [
    (minutes, _("%(h)s h %(m)02d") % {"h": minutes // 60, "m": minutes % 60}) for minutes in range(30, 301, 30)
]


class PollForm(forms.Form):
    """Two to six start times of one length, when answers close, and a note for participants."""

    duration = forms.TypedChoiceField(
        label=_("Length of the meeting"),
        choices=DURATIONS,
        coerce=int,
        initial=120,
        help_text=_("The same for every proposed time."),
    )
    closes_at = forms.DateTimeField(label=_("Answers close at"), widget=moment_widget())
    message = forms.CharField(
        label=_("Message to participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: shown on the poll and in the e-mail."),
    )

    def __init__(self, *args: Any, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        for number in range(1, MAX_SLOTS + 1):
            self.fields[f"start_{number}"] = forms.DateTimeField(
                label=_("Proposed start %(n)s") % {"n": number},
                required=number <= MIN_SLOTS,
                widget=moment_widget(),
            )
        self.fields["start_1"].help_text = _(
            "Times are in your time zone, %(zone)s. Participants see them in theirs."
        ) % {"zone": zone}
        self.fields["closes_at"].help_text = _(
            "The poll closes by itself at this time (%(zone)s), before the earliest proposed time."
        ) % {"zone": zone}
        if round_.meeting_starts_at and round_.meeting_ends_at and not self.is_bound:
            minutes = int((round_.meeting_ends_at - round_.meeting_starts_at).total_seconds() // 60)
            if minutes in dict(DURATIONS):
                self.initial["duration"] = minutes

    @property
    def start_fields(self) -> list[forms.BoundField]:
        return [self[f"start_{number}"] for number in range(1, MAX_SLOTS + 1)]

    @property
    def other_fields(self) -> list[forms.BoundField]:
        return [self["duration"], self["closes_at"], self["message"]]

    def slots(self) -> list[tuple[datetime, datetime]]:
        length = timedelta(minutes=self.cleaned_data["duration"])
        starts = [self.cleaned_data.get(f"start_{number}") for number in range(1, MAX_SLOTS + 1)]
        return [(start, start + length) for start in starts if start is not None]


class PollAnswerForm(forms.Form):
    """Yes, if need be or no for each proposed time."""

    def __init__(self, *args: Any, slots: list[Slot], initial_answers: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in slots:
            self.fields[f"slot_{slot.pk}"] = forms.ChoiceField(
                choices=Availability.choices,
                widget=forms.RadioSelect,
                initial=initial_answers.get(slot.pk),
                error_messages={"required": _("Say whether this time suits you.")},
            )

    def answers(self) -> dict[int, str]:
        return {int(name.removeprefix("slot_")): value for name, value in self.cleaned_data.items()}


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Places in the room"),
        required=False,
        min_value=1,
        help_text=_(
            "Acceptances past this number go on a waiting list, moved up when someone declines. Empty: no limit."
        ),
    )
