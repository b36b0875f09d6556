"""Widgets and field groups shared by the registration, invitation and profile forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from participants.countries import COUNTRY_CHOICES
from participants.eligibility import is_state_category
from participants.models import ExpertiseArea, User
from participants.validators import (
    normalise_website,
    validate_acronym,
    validate_free_text,
    validate_organisation_name,
    validate_person_name,
    validate_phone,
    validate_website,
)


class ChoiceListMixin:
    template_name = "participants/widgets/choice_list.html"


class CheckboxList(ChoiceListMixin, forms.CheckboxSelectMultiple):
    pass


class RadioList(ChoiceListMixin, forms.RadioSelect):
    pass


def country_field(required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Country"),
        required=required,
        choices=[("", _("Choose a country…")), *COUNTRY_CHOICES],
        help_text=_("For States Parties, Signatory States and observer States: the State you represent."),
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )


def full_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Full name"),
        max_length=200,
        validators=[validate_person_name],
        help_text=_("As the Secretariat should address you. It is never shown next to your views (Annex 1, §11)."),
        error_messages={"required": _("Give your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def phone_field() -> forms.CharField:
    return forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        validators=[validate_phone],
        help_text=_(
            "Optional. With the international prefix, e.g. +41 22 555 01 23, so the Secretariat can reach you."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )


def expertise_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Areas of expertise"),
        choices=ExpertiseArea.choices,
        widget=CheckboxList,
        help_text=_("Tick every article and tool you can advise on (Annex 1, §4 and §7). At least one."),
        error_messages={"required": _("Tick at least one area of expertise.")},
    )


def statement_field() -> forms.CharField:
    return forms.CharField(
        label=_("Statement of expertise and commitment"),
        min_length=50,
        max_length=2000,
        validators=[validate_free_text],
        help_text=_(
            "In a few sentences: your experience with reporting or information exchange, and the time you can give "
            "to consultations (50 to 2,000 characters)."
        ),
        error_messages={
            "required": _("Describe your expertise and commitment in a few sentences."),
            "min_length": _("Write at least %(limit_value)d characters (this has %(show_value)d)."),
            "max_length": _("Write at most %(limit_value)d characters (this has %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 6, "data-counter": "2000"}),
    )


def instrument_field() -> forms.CharField:
    """Asked on self-registration; the registration page shows it only for the categories that must answer it."""
    return forms.CharField(
        label=_("Reporting or information-exchange instrument"),
        max_length=300,
        required=False,
        validators=[validate_free_text],
        help_text=_(
            "International and regional organisations only (Annex 1, §3): name the treaty, arrangement or "
            "programme under which your organisation manages reporting or information exchange, e.g. “UN Register "
            "of Conventional Arms”. Leave it empty if you represent a State."
        ),
        error_messages={"max_length": _("Write at most %(limit_value)d characters (this has %(show_value)d).")},
    )


class AffiliationFields(forms.Form):
    """Country for the State categories, organisation (with acronym and website) for the others."""

    country = country_field()
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        validators=[validate_organisation_name],
        help_text=_("For organisations, civil society and industry: its full name."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    acronym = forms.CharField(
        label=_("Acronym"),
        max_length=40,
        required=False,
        validators=[validate_acronym],
        help_text=_("Optional, e.g. OSCE."),
    )
    website = forms.CharField(
        label=_("Website"),
        max_length=200,
        required=False,
        help_text=_("Optional, e.g. https://www.example.org."),
        widget=forms.TextInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )

    def category_value(self) -> str:
        return self.cleaned_data.get("category", "")

    def clean_website(self) -> str:
        value = normalise_website(self.cleaned_data.get("website", ""))
        validate_website(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        category = self.category_value()
        if not category:
            return cleaned
        if is_state_category(category):
            if not cleaned.get("country") and "country" not in self.errors:
                self.add_error("country", _("Choose the State you represent."))
            cleaned.update(organisation="", acronym="", website="")
        else:
            if not cleaned.get("organisation") and "organisation" not in self.errors:
                self.add_error("organisation", _("Give the name of the organisation you represent."))
            cleaned["country"] = ""
        return cleaned


class PasswordFields(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters, not a common password and not only digits."),
        error_messages={"required": _("Choose a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        help_text=_("Type the same password, to be sure."),
        error_messages={"required": _("Type the password again.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def account_email(self) -> str:
        return self.cleaned_data.get("email", "")

    def clean_password2(self) -> str:
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2", "")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords are different. Type the same one twice."))
        return second

    def _post_clean(self) -> None:
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            candidate = User(email=self.account_email(), name=self.cleaned_data.get("full_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class AcknowledgementFields(forms.Form):
    personal_capacity = forms.BooleanField(
        label=_(
            "I will contribute in my personal expert capacity; my views will not be attributed to my State or "
            "organisation (Annex 1, §11)."
        ),
        error_messages={"required": _("Tick this box to confirm you take part in your personal expert capacity.")},
    )
    confidentiality = forms.BooleanField(
        label=_("I will not comment publicly on the group's deliberations (Annex 1, §12)."),
        error_messages={"required": _("Tick this box to confirm you will keep the deliberations confidential.")},
    )
