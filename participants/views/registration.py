"""Self-registration and e-mail confirmation: public pages for visitors (Annex 1, §3 and §5)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participants import services
from participants.client_address import client_address
from participants.forms import RegistrationForm
from participants.permissions import login_required
from participants.selectors import application_of
from participants.throttle import client_may_proceed

REGISTERED_EMAIL_KEY = "participants_registered_email"


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The answer to a client that sent too many registrations or password-reset requests this hour."""
    return render(request, "registration/too_many_requests.html", status=429)


def register(request: HttpRequest) -> HttpResponse:
    """Anyone may fill in the form; only the §3 categories are offered."""
    if request.user.is_authenticated:
        messages.info(request, _("You already have an account, so there is nothing to register."))
        return redirect("dashboard")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not client_may_proceed(action="register", client=client_address(request)):
            return too_many_requests(request)
        try:
            services.apply_to_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                application=form.application(form.cleaned_data["category"]),
            )
        except services.ParticipantError as error:
            form.add_error(None, error.message)
        else:
            request.session[REGISTERED_EMAIL_KEY] = form.cleaned_data["email"]
            return redirect("participants:register_done")
    return render(request, "participants/register.html", {"form": form})


def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "participants/register_done.html", {"email": request.session.get(REGISTERED_EMAIL_KEY, "")})


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail; confirming twice is harmless."""
    try:
        participant = services.confirm_email(token=token)
    except services.InvalidConfirmationLink as error:
        return render(request, "participants/confirm_email_failed.html", {"message": error.message}, status=400)
    return render(request, "participants/confirm_email_done.html", {"participant": participant})


@require_POST
@login_required
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    participant = application_of(request.user)
    if services.resend_confirmation(participant_id=participant.pk):
        messages.success(
            request, _("A new confirmation link is on its way to %(email)s.") % {"email": request.user.email}
        )
    else:
        messages.warning(
            request,
            _(
                "Several links went to %(email)s in the last hour, so no new one was sent. Look for them (also in "
                "your spam folder), or ask again in an hour."
            )
            % {"email": request.user.email},
        )
    return redirect("participants:application_status")
