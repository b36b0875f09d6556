"""Forms for a person's own data: asking for deletion, and the Secretariat carrying it out."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    """Deleting an account is final: the person confirms it and gives their password again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("So that nobody else can ask for this from a computer you left logged in."),
    )
    confirm = forms.BooleanField(
        label=_(
            "Delete my account and my personal data. I understand this cannot be undone, and that my answers stay "
            "in the anonymized record."
        ),
        error_messages={"required": _("Tick this box to confirm the request.")},
    )

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Erase this person's identity and close their account now. This cannot be undone."),
        error_messages={"required": _("Tick this box to confirm the erasure.")},
    )
