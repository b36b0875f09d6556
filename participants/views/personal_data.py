"""Data protection pages: a person asks for deletion; the Secretariat carries it out."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from participants.forms.personal_data import EraseForm, ErasureRequestForm
from participants.permissions import login_required, secretariat_required
from participants.selectors import access_participant, application_of
from participants.services import erasure


@login_required
def request_erasure(request: HttpRequest) -> HttpResponse:
    """Any person with a participant record (applicants too) may ask; staff have none (404)."""
    participant = application_of(request.user)
    form = ErasureRequestForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and participant.erasure_requested_at is None and form.is_valid():
        erasure.request_erasure(participant_id=participant.pk, by=request.user)
        messages.success(
            request,
            _(
                "Your request is recorded and the Secretariat is told. When they carry it out your account closes "
                "and you can no longer log in."
            ),
        )
        return redirect("participants:request_erasure")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "participants/erasure_request.html", {"form": form, "participant": participant}, status=status
    )


@secretariat_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    participant = access_participant(request.user, pk)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and participant.erased_at is None and form.is_valid():
        erasure.erase_participant(participant_id=participant.pk, by=request.user)
        messages.success(request, _("The person's identity is erased and their account closed. Their answers stay."))
        return redirect("participants:participant_detail", pk=participant.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "participants/erase.html", {"form": form, "participant": participant}, status=status)
