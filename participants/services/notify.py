"""The e-mails people receive about their own account; one message per recipient, sent after commit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from participants.mail import Secret, queue_email
from participants.models import Invitation, Participant, Status, User
from participants.permissions import SECRETARIAT

# Which e-mail a status change sends; the person always hears about decisions on their own account.
DECISION_TEMPLATES = {
    Status.APPROVED: "participants/emails/approved",
    Status.DECLINED: "participants/emails/declined",
    Status.REGISTERED: "participants/emails/reconsidered",
    Status.REMOVED: "participants/emails/removed",
    Status.WITHDRAWN: "participants/emails/withdrawn",
}


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def email_confirmation(participant: Participant, token: str, valid_days: int) -> None:
    url = absolute(reverse("participants:confirm_email", args=[token]))
    queue_email(
        template="participants/emails/confirm_email",
        to=participant.user.email,
        context={"participant": participant, "confirm_url": Secret(url), "valid_days": valid_days},
    )


def already_registered(user: User) -> None:
    """Tell the owner of an address that someone tried to register with it (the form said nothing)."""
    participant = getattr(user, "participant", None)
    queue_email(
        template="participants/emails/already_registered",
        to=user.email,
        context={
            "email": user.email,
            "invited": participant is not None and participant.status == Status.INVITED,
            "login_url": absolute(reverse("login")),
            "reset_url": absolute(reverse("password_reset")),
        },
    )


def invitation(invitation: Invitation, token: str, inviter: User) -> None:
    url = absolute(reverse("participants:accept_invitation", args=[token]))
    queue_email(
        template="participants/emails/invitation",
        to=invitation.email,
        context={
            "invitation": invitation,
            "accept_url": Secret(url),
            "inviter_name": inviter.get_full_name(),
            "category": invitation.get_category_display(),
        },
    )


def decision(participant: Participant, reason: str) -> None:
    template = DECISION_TEMPLATES.get(participant.status)
    if template is None:
        return
    queue_email(
        template=template,
        to=participant.user.email,
        context={
            "participant": participant,
            "reason": reason,
            "login_url": absolute(reverse("login")),
            "status_url": absolute(reverse("participants:application_status")),
            "reset_url": absolute(reverse("password_reset")),
        },
    )


def change_reviewed(participant: Participant, *, accepted: bool, reason: str) -> None:
    queue_email(
        template="participants/emails/change_accepted" if accepted else "participants/emails/change_declined",
        to=participant.user.email,
        context={
            "participant": participant,
            "reason": reason,
            "profile_url": absolute(reverse("participants:profile")),
        },
    )


def secretariat_members() -> list[str]:
    group = Group.objects.filter(name=SECRETARIAT).first()
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).order_by("email").values_list("email", flat=True))


def new_application(participant: Participant) -> None:
    """Tell each Secretariat member that an application awaits vetting (one message per person)."""
    url = absolute(reverse("participants:participant_detail", args=[participant.pk]))
    for email in secretariat_members():
        queue_email(
            template="participants/emails/new_application",
            to=email,
            context={
                "participant": participant,
                "review_url": url,
                "queue_url": absolute(reverse("participants:vetting_queue")),
            },
        )


def change_requested(participant: Participant) -> None:
    url = absolute(reverse("participants:participant_detail", args=[participant.pk]))
    for email in secretariat_members():
        queue_email(
            template="participants/emails/change_requested",
            to=email,
            context={"participant": participant, "review_url": url},
        )


def erasure_requested(participant: Participant) -> None:
    """Tell each Secretariat member that someone asked to be erased (without naming them)."""
    url = absolute(reverse("participants:erase", args=[participant.pk]))
    for email in secretariat_members():
        queue_email(template="participants/emails/erasure_requested", to=email, context={"review_url": url})
