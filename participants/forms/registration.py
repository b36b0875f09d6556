"""The forms a visitor fills in: self-registration (§3, §5) and accepting an invitation (§6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.eligibility import may_self_register, must_name_instrument
from participants.forms.fields import (
    AcknowledgementFields,
    AffiliationFields,
    PasswordFields,
    RadioList,
    expertise_field,
    full_name_field,
    instrument_field,
    phone_field,
    statement_field,
)
from participants.models import Category, Invitation, normalise_email
from participants.services.errors import InstrumentMissing
from participants.services.registration import Application

SELF_REGISTRATION_CHOICES = [(value, label) for value, label in Category.choices if may_self_register(value)]
# The categories the registration page shows the instrument question to (static/js/participants.js).
INSTRUMENT_CATEGORIES = " ".join(value for value, _label in SELF_REGISTRATION_CHOICES if must_name_instrument(value))
FIELD_ORDER = [
    "full_name",
    "email",
    "phone",
    "category",
    "country",
    "organisation",
    "acronym",
    "website",
    "instrument",
    "expertise",
    "statement",
    "password1",
    "password2",
    "personal_capacity",
    "confidentiality",
]


class ApplicationForm(AffiliationFields, PasswordFields, AcknowledgementFields):
    """What both ways in ask: who you are, whom you represent, your expertise, a password, two acknowledgements."""

    full_name = full_name_field()
    phone = phone_field()
    expertise = expertise_field()
    statement = statement_field()

    field_order = FIELD_ORDER

    def application(self, category: str) -> Application:
        data = self.cleaned_data
        return Application(
            full_name=data["full_name"],
            category=category,
            phone=data.get("phone", ""),
            country=data.get("country", ""),
            organisation=data.get("organisation", ""),
            acronym=data.get("acronym", ""),
            website=data.get("website", ""),
            instrument=data.get("instrument", ""),
            expertise=list(data["expertise"]),
            statement=data["statement"],
            personal_capacity=data["personal_capacity"],
            confidentiality=data["confidentiality"],
        )


class RegistrationForm(ApplicationForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Your professional address. We send a confirmation link to it; it is also how you log in."),
        error_messages={
            "required": _("Give your e-mail address."),
            "invalid": _("Write a whole e-mail address, like name@ministry.gov."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    category = forms.ChoiceField(
        label=_("You represent"),
        choices=SELF_REGISTRATION_CHOICES,
        widget=RadioList,
        help_text=_(
            "Annex 1, §3: States Parties, Signatory States, and international or regional organisations that manage "
            "reporting or information exchange under similar instruments may register. Observer States, civil society "
            "and industry take part when invited by the Chair or the Secretariat (§6)."
        ),
        error_messages={
            "required": _("Choose whom you represent."),
            "invalid_choice": _(
                "This category cannot register itself: observer States, civil society and industry join by "
                "invitation (§6)."
            ),
        },
    )

    instrument = instrument_field()

    field_order = FIELD_ORDER
    instrument_categories = INSTRUMENT_CATEGORIES

    def clean_email(self) -> str:
        """The address in its stored form. Whether it already has an account is never said here (the
        e-mail sent to it says so): the form must not tell strangers who has an account."""
        return normalise_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, Any]:
        """§3: international and regional organisations name their instrument; nobody else keeps one."""
        cleaned = super().clean()
        if not must_name_instrument(cleaned.get("category", "")):
            cleaned["instrument"] = ""
        elif not cleaned.get("instrument") and "instrument" not in self.errors:
            self.add_error("instrument", str(InstrumentMissing.default_message))
        return cleaned


class AcceptInvitationForm(ApplicationForm):
    """Pre-filled with what the inviter entered; the category and address come from the invitation."""

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        self.invitation = invitation
        kwargs.setdefault(
            "initial",
            {"full_name": invitation.full_name, "country": invitation.country, "organisation": invitation.organisation},
        )
        super().__init__(*args, **kwargs)

    def category_value(self) -> str:
        return self.invitation.category

    def account_email(self) -> str:
        return self.invitation.email
