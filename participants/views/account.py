"""Logging in and out, password reset, and the second factor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from participants import audit, second_factor
from participants import second_factor_enrolment as enrolment
from participants.client_address import client_address
from participants.forms_account import LoginForm, QueuedPasswordResetForm, TokenForm
from participants.permissions import SECOND_FACTOR_SESSION_FLAG, is_staff_role, login_required, needs_second_factor
from participants.services import accounts
from participants.throttle import client_may_proceed


def safe_next(request: HttpRequest, default: str = "") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default or reverse("dashboard")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        target = self.get_redirect_url() or reverse("dashboard")
        if needs_second_factor(self.request):
            return f"{reverse('two_factor')}?{urlencode({'next': target})}"
        return target


# Changing the password is for people who have given every factor they must: a stolen staff password
# alone must not be enough to change it (and lock the owner out).
password_change = login_required(
    auth_views.PasswordChangeView.as_view(template_name="registration/password_change_form.html")
)
password_change_done = login_required(
    auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html")
)


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not the address has an account; a client asking too often is paused."""

    form_class = QueuedPasswordResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        if not client_may_proceed(action="password_reset", client=client_address(self.request)):
            return render(self.request, "registration/too_many_requests.html", status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's single-use, expiring link; a new password also lifts a lockout (the person proved they own
    the address, which is what the lockout page suggests doing)."""

    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.password_was_reset(user=form.user)
        return response


def two_factor(request: HttpRequest) -> HttpResponse:
    """Give the second factor, or set one up (staff must; participants may from their profile)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
    if not user_has_device(request.user):
        return two_factor_setup(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.match_device(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session[SECOND_FACTOR_SESSION_FLAG] = True
            return redirect(safe_next(request))
        form.add_error("token", _("That code is not valid. Codes change every 30 seconds; try the newest one."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": safe_next(request)})


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, once the e-mailed set-up link was opened in this session."""
    if not enrolment.confirmed_in_session(request):
        return render(
            request,
            "registration/two_factor_enrol_email.html",
            {"next": safe_next(request), "staff": is_staff_role(request.user)},
        )
    device = second_factor.pending_totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_totp_device(user=request.user, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            enrolment.forget(request)
            otp_login(request, device)
            request.session[SECOND_FACTOR_SESSION_FLAG] = True
            return render(
                request, "registration/two_factor_backup_codes.html", {"codes": codes, "next": safe_next(request)}
            )
        form.add_error("token", _("That code does not match. Check the time on your phone and try the newest code."))
    context = {
        "form": form,
        "qr_svg": second_factor.qr_svg(device),
        "secret": second_factor.readable_secret(device),
        "next": safe_next(request),
        "staff": is_staff_role(request.user),
    }
    return render(request, "registration/two_factor_setup.html", context)


@require_POST
def two_factor_enrol_send(request: HttpRequest) -> HttpResponse:
    """E-mail the set-up link to the logged-in account's own address (never to one typed here)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?{urlencode({'next': reverse('two_factor')})}")
    if user_has_device(request.user):
        return redirect(safe_next(request))
    if enrolment.send_link(request.user):
        messages.success(
            request,
            _("A set-up link is on its way to %(email)s. Open it within an hour, in this browser.")
            % {"email": request.user.email},
        )
    else:
        messages.warning(
            request,
            _("Three links went to %(email)s in the last hour, so no new one was sent. Use one of those.")
            % {"email": request.user.email},
        )
    return redirect(f"{reverse('two_factor')}?{urlencode({'next': safe_next(request)})}")


def two_factor_enrol(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed set-up link: opened while logged in to the same account, it unlocks the set-up page."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
    if user_has_device(request.user):
        return redirect("account")
    if not enrolment.token_is_valid(request.user, token):
        return render(
            request,
            "registration/two_factor_enrol_email.html",
            {"next": reverse("dashboard"), "staff": is_staff_role(request.user), "link_failed": True},
            status=400,
        )
    enrolment.confirm_in_session(request)
    return redirect("two_factor")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's sign-in security: password, two-step verification and backup codes."""
    context = {
        "second_factor": second_factor.status(request.user),
        "staff": is_staff_role(request.user),
    }
    return render(request, "registration/account.html", context)


@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Replace the backup codes (the old ones stop working)."""
    if request.method != "POST":
        return redirect("account")
    codes = second_factor.regenerate_backup_codes(user=request.user)
    audit.record(actor=request.user, action="account.backup_codes_regenerated", target=request.user)
    messages.success(request, _("New backup codes were made. The old ones no longer work."))
    return render(request, "registration/two_factor_backup_codes.html", {"codes": codes, "next": reverse("account")})
