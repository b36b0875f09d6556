"""Forms of the cycle report pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from consult.models import Round, Tool
from feedback.analysis.models import Theme
from feedback.report.models import FollowUpStatus
from feedback.report.services import FollowUpData

SECRETARIAT_TEXT_HELP = _(
    "Do not name participants, their States or organisations: the leak gate checks every save, and approval "
    "and downloads are blocked while it finds anything."
)


class ReportTextsForm(forms.Form):
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Follows the standard opening paragraph. Separate paragraphs with a blank line: each is numbered."),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=SECRETARIAT_TEXT_HELP,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RoundChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Round) -> str:
        return f"{obj.title} ({obj.cycle.name})"


class ThemeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.name} ({obj.round.title})"


class FollowUpForm(forms.Form):
    rounds = RoundChoice(
        label=_("In response to the consultations"),
        queryset=Round.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Participants who took part in these consultations see this action."),
    )
    themes = ThemeChoice(
        label=_("Themes it answers"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional: the Chair's themes of those consultations that this action answers."),
    )
    action = forms.CharField(
        label=_("What was done or is planned"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “The annual report template now pre-fills from the previous year's report.”"),
    )
    tool = forms.ModelChoiceField(
        label=_("Tool changed"), queryset=Tool.objects.all(), required=False, empty_label=_("No tool / not applicable")
    )
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why it was not taken up"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the status is “Not taken up”."),
    )
    completed_on = forms.DateField(
        label=_("Done on"), required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=_("Optional.")
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        rounds = Round.objects.filter(state__in=("closed", "summarised")).select_related("cycle").order_by("-opens_at")
        self.fields["rounds"].queryset = rounds
        self.fields["themes"].queryset = (
            Theme.objects.filter(round__in=rounds).select_related("round").order_by("round__opens_at", "name")
        )

    def data_for_service(self) -> FollowUpData:
        data = self.cleaned_data
        return FollowUpData(
            rounds=list(data["rounds"]),
            themes=list(data["themes"]),
            tool=data["tool"],
            action=data["action"],
            status=data["status"],
            reason=data["reason"],
            completed_on=data["completed_on"],
        )
