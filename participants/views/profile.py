"""An approved participant's own profile: details, affiliation changes, acknowledgements, notifications."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from participants import services
from participants.eligibility import registration_complete
from participants.forms import AffiliationChangeForm, NotificationsForm, ProfileForm, WithdrawForm
from participants.permissions import member_required
from participants.selectors import application_of, own_data

SECTIONS = ("details", "affiliation", "notifications", "acknowledge")


def initial_forms(participant, user) -> dict[str, object]:
    return {
        "details": ProfileForm(
            initial={
                "full_name": participant.full_name,
                "phone": participant.phone,
                "expertise": participant.expertise,
                "statement": participant.statement,
                "time_zone": user.time_zone,
            },
            prefix="details",
        ),
        "affiliation": AffiliationChangeForm(
            initial={
                name: getattr(participant, name)
                for name in ("category", "country", "organisation", "acronym", "website")
            },
            prefix="affiliation",
        ),
        "notifications": NotificationsForm(
            initial={"notifications": participant.notifications}, prefix="notifications"
        ),
    }


def _save(section: str, form, participant) -> str:
    """Call the service for one section; return the success message."""
    if section == "details":
        services.update_profile(participant_id=participant.pk, details=form.details())
        return _("Your profile is saved.")
    if section == "affiliation":
        updated = services.request_affiliation_change(participant_id=participant.pk, change=form.change())
        if not updated.pending_changes:
            return _("That is your current category and affiliation, so there is nothing to change.")
        return _("Your change is sent to the Secretariat. It applies once they accept it; we will e-mail you.")
    services.set_notifications(participant_id=participant.pk, notifications=form.cleaned_data["notifications"])
    return _("Your e-mail choices are saved.")


@member_required
def profile(request: HttpRequest) -> HttpResponse:
    participant = application_of(request.user)
    forms = initial_forms(participant, request.user)
    section = request.POST.get("section")
    if request.method == "POST" and section == "acknowledge":
        services.acknowledge(participant_id=participant.pk)
        messages.success(request, _("Thank you: your acknowledgements are recorded with today's date."))
        return redirect("participants:profile")
    if request.method == "POST" and section in forms:
        form = type(forms[section])(request.POST, prefix=section)
        forms[section] = form
        if form.is_valid():
            messages.success(request, _save(section, form, participant))
            return redirect("participants:profile")
    context = {"participant": participant, "forms": forms, "registration_complete": registration_complete(participant)}
    return render(request, "participants/profile.html", context, status=400 if section in forms else 200)


@member_required
def withdraw(request: HttpRequest) -> HttpResponse:
    participant = application_of(request.user)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.withdraw_participant(
            participant_id=participant.pk, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("You have left the advisory group. Thank you for your contributions."))
        return redirect("participants:application_status")
    return render(request, "participants/withdraw.html", {"form": form, "participant": participant})


@member_required
def download_data(request: HttpRequest) -> HttpResponse:
    """Everything we hold about the participant, as JSON (their own data only)."""
    participant = application_of(request.user)
    content = json.dumps(own_data(participant), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-advisory-group-data-{timezone.now():%Y-%m-%d}.json"'
    return response
