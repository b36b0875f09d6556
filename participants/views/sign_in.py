"""The Secretariat's help with signing in: unlock an account after failed logins, reset a second factor."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participants.permissions import secretariat_required
from participants.selectors import access_participant
from participants.services import ParticipantError, accounts


@require_POST
@secretariat_required
def unlock(request: HttpRequest, pk: int) -> HttpResponse:
    participant = access_participant(request.user, pk)
    accounts.unlock_account(user_id=participant.user_id, by=request.user)
    messages.success(request, _("The account is unlocked: %(email)s can log in again.") % {"email": participant.email})
    return redirect("participants:participant_detail", pk=participant.pk)


@require_POST
@secretariat_required
def reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    participant = access_participant(request.user, pk)
    try:
        accounts.reset_second_factor(user_id=participant.user_id, by=request.user)
    except ParticipantError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Two-step verification is reset: %(email)s sets up a new authenticator app at their next login.")
            % {"email": participant.email},
        )
    return redirect("participants:participant_detail", pk=participant.pk)
