"""The approved participant's own forms: details, a change of affiliation, notifications, withdrawal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.forms.fields import (
    AffiliationFields,
    CheckboxList,
    expertise_field,
    full_name_field,
    phone_field,
    statement_field,
)
from participants.models import Category, Notification
from participants.services.profile import AffiliationChange, ProfileDetails
from participants.time_zones import is_known, is_offered, zone_choices


class ProfileForm(forms.Form):
    full_name = full_name_field()
    phone = phone_field()
    expertise = expertise_field()
    statement = statement_field()
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Deadlines and meeting times are shown in this zone. Choose the place nearest to you."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[Any] = [("", _("Geneva time (the Secretariat's)")), *zone_choices()]
        current = self.data.get(self.add_prefix("time_zone")) if self.is_bound else self.initial.get("time_zone")
        if current and not is_offered(current) and is_known(current):
            choices.insert(1, (_("Your current setting"), [(current, current.replace("_", " "))]))
        self.fields["time_zone"].choices = choices

    def details(self) -> ProfileDetails:
        data = self.cleaned_data
        return ProfileDetails(
            full_name=data["full_name"],
            phone=data.get("phone", ""),
            expertise=list(data["expertise"]),
            statement=data["statement"],
            time_zone=data.get("time_zone", ""),
        )


class AffiliationChangeForm(AffiliationFields):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=Category.choices,
        help_text=_("A change of category or affiliation is vetted by the Secretariat before it applies."),
    )

    field_order = ["category", "country", "organisation", "acronym", "website"]

    def change(self) -> AffiliationChange:
        data = self.cleaned_data
        return AffiliationChange(
            category=data["category"],
            country=data.get("country", ""),
            organisation=data.get("organisation", ""),
            acronym=data.get("acronym", ""),
            website=data.get("website", ""),
        )


class NotificationsForm(forms.Form):
    notifications = forms.MultipleChoiceField(
        label=_("E-mail me when"),
        required=False,
        choices=Notification.choices,
        widget=CheckboxList,
        help_text=_("Decisions about your own participation always reach you."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        help_text=_("Helps the Secretariat; it is not shared with anyone else."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I want to leave the advisory group. I understand I will no longer see consultations or documents."),
        error_messages={"required": _("Tick this box to confirm that you want to leave.")},
    )
