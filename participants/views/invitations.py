"""Invitations (§6): the Secretariat and the Chair invite; the invitee registers through the link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participants import services
from participants.forms import AcceptInvitationForm, InvitationForm
from participants.permissions import chair_required
from participants.selectors import access_invitation, invitation_for_token, invitations_visible_to
from participants.services.invitations import unusable_reason

MODEL_BACKEND = "participants.backends.EmailBackend"


@chair_required
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_participant(request=form.invitation_request(), by=request.user)
        except (services.DuplicateEmail, services.AlreadyInvited) as error:
            form.add_error("email", error.message)
        except services.ParticipantError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Invitation sent to %(email)s. The link works once, for %(days)s days; "
                    "you can resend or revoke it below."
                )
                % {"email": invitation.email, "days": settings.INVITATION_VALID_DAYS},
            )
            return redirect("participants:invitation_list")
    return render(request, "participants/invite.html", {"form": form, "valid_days": settings.INVITATION_VALID_DAYS})


@chair_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(invitations_visible_to(request.user), 50).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(invitation, unusable_reason(invitation, now)) for invitation in page]
    return render(request, "participants/invitation_list.html", {"page": page, "rows": rows})


@require_POST
@chair_required
def resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    try:
        services.resend_invitation(invitation_id=invitation.pk, by=request.user)
    except services.ParticipantError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A new link is on its way to %(email)s, valid for %(days)s days. The previous link no longer works.")
            % {"email": invitation.email, "days": settings.INVITATION_VALID_DAYS},
        )
    return redirect("participants:invitation_list")


@require_POST
@chair_required
def revoke_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    try:
        services.revoke_invitation(invitation_id=invitation.pk, by=request.user)
    except services.ParticipantError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The invitation for %(email)s is revoked: its link no longer works.") % {"email": invitation.email},
        )
    return redirect("participants:invitation_list")


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the link from the e-mail. An unusable link explains why and what to do."""
    invitation = invitation_for_token(token)
    reason = unusable_reason(invitation, timezone.now())
    if reason:
        context = {"reason": reason, "invitation": invitation}
        # A known invitation in the wrong state is explained (200); an unknown token is simply not found.
        status = 404 if reason == "unknown" else 200
        return render(request, "participants/invitation_unusable.html", context, status=status)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.accept_invitation(
                token=token, password=form.cleaned_data["password1"], application=form.application(invitation.category)
            )
        except services.InvitationUnusable:
            return redirect(request.path)  # accepted or revoked meanwhile: the GET explains
        except services.ParticipantError as error:
            form.add_error(None, error.message)
        else:
            login(request, participant.user, backend=MODEL_BACKEND)
            messages.success(
                request, _("Thank you. Your application is with the Secretariat, which will e-mail you its decision.")
            )
            return redirect("participants:application_status")
    return render(request, "participants/accept_invitation.html", {"form": form, "invitation": invitation})
