"""Forms for the Secretariat and the Chair: invitations, vetting decisions, change reviews, list filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import SiteErrors
from participants.audit.phrases import action_choices
from participants.forms.fields import AffiliationFields, full_name_field
from participants.models import Category, ExpertiseArea, Status, normalise_email
from participants.selectors import AuditFilters, ParticipantFilters
from participants.services.invitations import InvitationRequest


class InvitationForm(SiteErrors, AffiliationFields):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation link is sent here; it works once and expires."),
        error_messages={"required": _("Give the address to send the invitation to.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose a category…")), *Category.choices],
        error_messages={"required": _("Choose the category the person would represent.")},
        help_text=_(
            "Any category (Annex 1, §6): observer States, organisations, civil society and industry join only this way."
        ),
    )
    full_name = full_name_field()
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=2000,
        help_text=_("Optional. Added to the invitation e-mail, e.g. why their expertise matters."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = ["email", "full_name", "category", "country", "organisation", "message"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["acronym"], self.fields["website"]
        self.fields["full_name"].help_text = _("Pre-fills their registration form; they can correct it.")
        self.fields["full_name"].error_messages["required"] = _("Give the person's full name.")
        self.fields["country"].help_text = _(
            "For observer States, States Parties and Signatory States: the State they represent."
        )
        self.fields["organisation"].help_text = _(
            "For organisations, civil society and industry: the organisation's full name."
        )

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def invitation_request(self) -> InvitationRequest:
        data = self.cleaned_data
        return InvitationRequest(
            email=data["email"],
            category=data["category"],
            full_name=data["full_name"],
            country=data.get("country", ""),
            organisation=data.get("organisation", ""),
            message=data.get("message", ""),
        )


class DecisionForm(SiteErrors, forms.Form):
    """A decision button (its value names the transition) and a reason."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "decision-%s")  # unique ids beside the change review form
        super().__init__(*args, **kwargs)

    decision = forms.ChoiceField(
        choices=[(name, name) for name in ("approve", "decline", "reconsider", "remove", "withdraw")],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        help_text=_("Sent to the person by e-mail. Required when declining or removing."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision") in ("decline", "remove") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: it is sent to the person."))
        return cleaned


class ChangeReviewForm(SiteErrors, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "change-%s")
        super().__init__(*args, **kwargs)

    accept = forms.TypedChoiceField(
        choices=[("1", _("Accept")), ("0", _("Decline"))], coerce=lambda value: value == "1", widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        help_text=_("Sent to the participant. Required when declining the change."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("accept") is False and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: it is sent to the participant."))
        return cleaned


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or organisation"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices])
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("Any category")), *Category.choices]
    )
    affiliation = forms.CharField(label=_("Country, organisation or acronym"), required=False)
    expertise = forms.ChoiceField(
        label=_("Expertise"), required=False, choices=[("", _("Any expertise")), *ExpertiseArea.choices]
    )

    def filters(self) -> ParticipantFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ParticipantFilters(**{name: data.get(name) or "" for name in ParticipantFilters.__dataclass_fields__})


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("What happened"), required=False)
    actor = forms.CharField(label=_("Who (name or e-mail)"), required=False)
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the start date as a date, for example 2026-12-01.")},
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the end date as a date, for example 2026-12-31.")},
    )

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Anything")), *action_choices(actions)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date: choose an end date on or after it."))
        return cleaned

    def filters(self) -> AuditFilters | None:
        """The filters asked for, or None when they are wrong (the page then lists nothing, not everything)."""
        if not self.is_bound:
            return AuditFilters()
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return AuditFilters(
            action=data.get("action") or "",
            actor=data.get("actor") or "",
            since=data.get("since"),
            until=data.get("until"),
        )
