"""Forms for the Secretariat's planning pages. They parse and show errors; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import SiteErrors
from consult.documents import ALLOWED_EXTENSIONS
from consult.models import (
    ARTICLE_CHOICES,
    AttMeeting,
    Cycle,
    Frequency,
    Mode,
    Question,
    QuestionKind,
    Round,
    Stage,
    Tool,
)
from consult.rules import cycle_problems, round_problems
from consult.services.rounds import FIXED_AFTER_DRAFT, FIXED_ONCE_OPEN, ROUND_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def moment_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CycleForm(SiteErrors, forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def _post_clean(self) -> None:
        # The shared rules (no overlap, one name however spelled, rounds inside), each next to its field.
        super()._post_clean()
        for field, message in cycle_problems(self.instance).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)


class ToolForm(SiteErrors, forms.ModelForm):
    articles = forms.TypedMultipleChoiceField(
        label=_("Articles it serves"),
        choices=ARTICLE_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Annex 1 §7: reporting and information exchange under Articles 11, 13, 15 and 17."),
    )

    class Meta:
        model = Tool
        fields = ["name", "description", "articles", "restricted_area"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AttMeetingForm(SiteErrors, forms.ModelForm):
    class Meta:
        model = AttMeeting
        fields = ["name", "location", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"name": _("For example: CSP12, or the Working Groups and Preparatory meetings of February.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The meeting must end on or after the day it starts."))
        return data


class RoundForm(SiteErrors, forms.ModelForm):
    """The round's details. After scheduling, cycle, mode and the restriction are fixed (shown disabled)."""

    meeting_link = forms.URLField(
        label=_("Meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("The link participants use to join (Teams, Zoom, Webex...)."),
    )
    unrestricted_reason = forms.CharField(
        label=_("Why is it open to every participant?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only for a tool hosted in the restricted area of the ATT website (Annex 1 §9), whose consultations "
            "are otherwise for States Parties' representatives. Kept in the audit trail."
        ),
    )

    class Meta:
        model = Round
        fields = list(ROUND_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "justification": forms.Textarea(attrs={"rows": 3}),
            "mode": forms.RadioSelect,
        }
        help_texts = {
            "description": _("What you are asking for and why; participants read this first."),
            "venue": _("The room and building, for example: Room XXIII, Palais des Nations, Geneva."),
            "att_meeting": _("Annex 1 §10: in-person meetings only on the margins of ATT meetings."),
            "mode": _(
                "Online and in-person consultations share the cycle's two places; requests for written input take "
                "none (Annex 1 §10)."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        for name in ("opens_at", "closes_at", "meeting_starts_at", "meeting_ends_at"):
            field = self.fields[name]
            field.widget = moment_widget()
            note = _("In your time zone, %(zone)s.") % {"zone": zone}
            field.help_text = f"{field.help_text} {note}".strip() if field.help_text else note
        self.fields["opens_at"].help_text = _(
            "The round opens by itself at this time (%(zone)s); you can also open it early."
        ) % {"zone": zone}
        self.fields["closes_at"].help_text = _("The deadline for written input, in your time zone (%(zone)s).") % {
            "zone": zone
        }
        self.fields["mode"].choices = Mode.choices
        self.fields["stage"].choices = [("", _("Choose the stage")), *Stage.choices]
        self.fields["tool"].empty_label = _("Choose the tool or initiative")
        self.fields["cycle"].empty_label = _("Choose the cycle")
        self.fields["att_meeting"].empty_label = _("Choose the ATT meeting")
        if self.instance.pk and self.instance.state != "draft":
            for name in FIXED_AFTER_DRAFT:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the round is scheduled.")
        if self.instance.pk and self.instance.state == "open":
            for name in FIXED_ONCE_OPEN:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("The round is already open.")

    def _post_clean(self) -> None:
        # Only the shared rules, each next to its field (the model's constraint messages would repeat them).
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        except ValidationError as error:
            self._update_errors(error)
        for field, message in round_problems(self.instance).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)

    def service_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if not self.fields[name].disabled}


class CancelRoundForm(SiteErrors, forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit trail. Participants are told the round is cancelled, not why."),
    )


class QuestionForm(SiteErrors, forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: the options of a choice question, the items to rank, or a grid's scale."),
    )
    rows_text = forms.CharField(
        label=_("Statements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a grid: one statement per line, each rated on the scale given as choices."),
    )
    show_if_question = forms.ChoiceField(
        label=_("Ask only if this earlier question…"),
        required=False,
        help_text=_("Leave empty to ask everyone. Otherwise this is a follow-up question."),
    )
    show_if_values = forms.CharField(
        label=_("…is answered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One answer per line, as written in the earlier question (Yes or No, 1 to 5, or a choice)."),
    )

    class Meta:
        model = Question
        fields = [
            "key",
            "text",
            "help_text",
            "kind",
            "choices_text",
            "rows_text",
            "other",
            "min_value",
            "max_value",
            "show_if_question",
            "show_if_values",
            "required",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "help_text": forms.Textarea(attrs={"rows": 2})}
        labels = {"help_text": _("Guidance for participants")}
        help_texts = {
            "key": _("A short identifier used in imports and exports, for example q1 or data-quality."),
            "help_text": _("Shown under the question: what a good answer covers, examples, definitions."),
            "kind": _("Ratings are 1 (poor) to 5 (excellent)."),
            "required": _("Participants cannot submit without answering it."),
            "min_value": _("For number questions; leave empty for no limit."),
            "max_value": _("For number questions; leave empty for no limit."),
        }

    def __init__(self, *args: Any, earlier: list[Question] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = QuestionKind.choices
        if self.instance.pk and self.instance.choices:
            self.initial["choices_text"] = "\n".join(self.instance.choices)
        if self.instance.pk and self.instance.rows:
            self.initial["rows_text"] = "\n".join(self.instance.rows)
        self.fields["show_if_question"].choices = [("", _("— everyone is asked —"))] + [
            (question.key, f"{question.key}: {question.text[:70]}") for question in earlier or []
        ]
        show_if = self.instance.show_if or {}
        if show_if:
            self.initial["show_if_question"] = show_if.get("question", "")
            self.initial["show_if_values"] = "\n".join(_shown_value(value) for value in show_if.get("in", []))

    def _post_clean(self) -> None:
        pass  # uniqueness and the kind rules are the service's (QuestionInvalid comes back by field)

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = data.pop("choices_text", "").splitlines()
        data["rows"] = data.pop("rows_text", "").splitlines()
        key, values = data.pop("show_if_question", ""), data.pop("show_if_values", "")
        data["show_if"] = {"question": key, "in": [v.strip() for v in values.splitlines() if v.strip()]} if key else {}
        return data


def _shown_value(value: str) -> str:
    return {"yes": "Yes", "no": "No"}.get(value, value)


class CopyQuestionnaireForm(SiteErrors, forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy the questions of"),
        queryset=Round.objects.none(),
        empty_label=_("Choose an earlier round"),
        help_text=_("Its current questions are added after this round's; a key already used here is skipped."),
    )

    def __init__(self, *args: Any, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            Round.objects.exclude(pk=round_.pk).filter(questions__isnull=False).distinct().select_related("cycle")
        )
        self.fields["source"].label_from_instance = lambda other: f"{other.title} ({other.cycle.name})"


class UploadField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            _("PDF, Word (.docx), Excel (.xlsx), CSV, JSON, XML or text; up to %(limit)s. In English (Annex 1 §14).")
            % {"limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)},
        )
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload is not None and upload.size > settings.DOCUMENT_MAX_BYTES:
            raise ValidationError(
                _("This file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)}
            )
        return upload


class DocumentForm(SiteErrors, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = UploadField(label=_("File"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=300,
        help_text=_("Words people may search the library for, separated by commas."),
    )
    english = forms.BooleanField(label=_("This document is in English, the group's working language (§14)."))
    notify = forms.BooleanField(
        label=_("E-mail participants that a document was added"),
        required=False,
        initial=True,
        help_text=_("Only once the round is scheduled or open, and only to those who chose these e-mails."),
    )


class DocumentVersionForm(SiteErrors, forms.Form):
    file = UploadField(label=_("New version"))
    change_note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        help_text=_("Shown to readers next to the “Updated” mark, e.g. “Section 3 rewritten after the meeting”."),
    )
    notify = forms.BooleanField(label=_("E-mail participants about the new version"), required=False, initial=True)


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), required=False, max_length=200)
    tool = forms.ModelChoiceField(label=_("Tool"), queryset=Tool.objects.all(), required=False, empty_label=_("All"))
    article = forms.TypedChoiceField(
        label=_("Article"), choices=[("", _("All")), *ARTICLE_CHOICES], coerce=int, required=False, empty_value=None
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("All")), *Stage.choices], required=False)
    cycle = forms.ModelChoiceField(label=_("Cycle"), queryset=Cycle.objects.all(), required=False, empty_label=_("All"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"


ARTICLE_TOPICS = [
    (11, _("Article 11: diversion")),
    (13, _("Article 13: reporting")),
    (15, _("Article 15: international cooperation")),
    (17, _("Article 17: Conference of States Parties")),
]


class SubscriptionForm(forms.Form):
    """A participant's topics (tools and Articles) and when to hear of news on them."""

    tools = forms.ModelMultipleChoiceField(
        label=_("Tools and initiatives"),
        queryset=Tool.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    articles = forms.TypedMultipleChoiceField(
        label=_("Articles of the Treaty"),
        choices=ARTICLE_TOPICS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A consultation on any tool serving a ticked Article counts."),
    )
    frequency = forms.ChoiceField(
        label=_("When"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("The weekly digest comes on Monday mornings, only when there is something new."),
    )
