"""Small display helpers for the participants pages: times with their zone, status badges."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from participants import eligibility
from participants.countries import country_name
from participants.models import Category, ExpertiseArea, Status

register = template.Library()

STATUS_BADGES = {
    Status.INVITED: "badge--info",
    Status.REGISTERED: "badge--warn",
    Status.APPROVED: "badge--ok",
    Status.DECLINED: "badge--danger",
    Status.WITHDRAWN: "badge--muted",
    Status.REMOVED: "badge--danger",
}
EXPERTISE_LABELS = dict(ExpertiseArea.choices)
CATEGORY_LABELS = dict(Category.choices)
ACTION_LABELS = {
    "participant.register": _("Registered"),
    "participant.email_confirmed": _("Confirmed their e-mail address"),
    "participant.approve": _("Approved"),
    "participant.decline": _("Declined"),
    "participant.reconsider": _("Reconsidered"),
    "participant.withdraw": _("Withdrew"),
    "participant.remove": _("Removed"),
    "participant.profile_update": _("Updated their profile"),
    "participant.change_request": _("Asked to change category or affiliation"),
    "participant.change_accept": _("Change of category or affiliation accepted"),
    "participant.change_decline": _("Change of category or affiliation declined"),
    "participant.acknowledge": _("Confirmed the acknowledgements (§11, §12)"),
    "participant.correct": _("Record corrected by the Secretariat"),
    "participant.erasure_requested": _("Asked for their account and personal data to be deleted"),
    "participant.erase": _("Personal data erased"),
    "account.unlock": _("Account unlocked after failed logins"),
    "account.password_reset": _("Chose a new password through the e-mailed link"),
    "account.two_factor_enabled": _("Turned on two-step verification"),
    "account.two_factor_reset": _("Two-step verification reset by the Secretariat"),
    "account.backup_codes_regenerated": _("Made new backup codes"),
    "account.roles_changed": _("Roles or access changed"),
}


@register.filter
def when(value: datetime | None) -> str:
    """“3 Dec 2026, 14:05 CET”: in the viewer's time zone, with the zone named."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{date_format(local, 'j M Y, H:i')} {local.tzname()}"


@register.filter
def day(value: datetime | None) -> str:
    return date_format(timezone.localtime(value), "j M Y") if value else ""


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "badge--muted")


@register.filter
def status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


@register.filter
def expertise_labels(values: list[str] | None) -> list[str]:
    return [str(EXPERTISE_LABELS.get(value, value)) for value in values or []]


@register.filter
def explain_category(category: str) -> str:
    return eligibility.explain_category(category)


@register.filter
def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))


@register.filter
def country_label(code: str) -> str:
    return country_name(code)


@register.filter
def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@register.inclusion_tag("participants/_failed_email_callout.html")
def failed_email_callout() -> dict[str, object]:
    """The Secretariat's warning that e-mail could not be delivered, with the way to the list and a retry."""
    from participants.mail import failed_count

    return {"failed": failed_count()}
