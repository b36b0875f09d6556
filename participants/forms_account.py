"""Forms for logging in, resetting a password and the second factor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participants.mail import Secret, queue_email


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an account. Check both and try again."),
        "inactive": _("This account is not active. Contact the Secretariat."),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through the background queue (never in the request), at most
    a few per address an hour, with the link kept out of the stored copy."""

    def get_users(self, email: str) -> Iterator[Any]:
        """Django skips accounts without a usable password; approved participants imported by the Secretariat
        have none yet, and this link is how they choose one (import_participants, docs/command-line.md)."""
        from participants.models import Status, User, normalise_email

        users = User.objects.filter(email=normalise_email(email), is_active=True).select_related("participant")
        for user in users:
            participant = getattr(user, "participant", None)
            if user.has_usable_password() or (participant is not None and participant.status == Status.APPROVED):
                yield user

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from participants.throttle import may_email

        if not may_email(action="password_reset", address=to_email):
            return  # the page answers the same; the inbox is not flooded
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        context = {"user": context["user"], "email": context["email"], "reset_url": Secret(settings.SITE_URL + path)}
        queue_email(template="participants/emails/password_reset", to=to_email, context=context)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())
