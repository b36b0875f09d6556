"""What waits for a staff member: each app registers what it knows, the overview and the menu show it.

A provider takes the user and returns Tasks (each a count, a sentence and where to act), in as few
queries as it can, none per item. Apps register theirs in AppConfig.ready(), so this module, in the
lowest app, knows no higher one. Results are kept on the request's user for the menu and the page.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count, Model, Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from participants.models import EmailStatus, Invitation, OutboundEmail, Participant, Status
from participants.permissions import is_secretariat, role_names


@dataclass(frozen=True)
class Task:
    """One kind of work waiting: "3 applications to vet", with the page to do it and its menu item."""

    key: str
    count: int
    text: str
    url: str
    action: str
    menu: str = ""  # the URL name of the menu item whose count it adds to (empty: the overview)
    urgent: bool = False


Provider = Callable[[Any], list[Task]]
PROVIDERS: list[tuple[int, Provider]] = []

# The menu's counts are kept per user for a few seconds in the process: every staff page shows them,
# and they cost more queries than most pages' own content. A save or deletion of what a provider
# counts (in this process) forgets them at once, so one's own action shows on the next page; another
# worker's copy is at most this old.
MENU_COUNTS_SECONDS = 5.0
_menu_counts: dict[tuple, tuple[float, dict[str, int]]] = {}


def register(provider: Provider, *, order: int, counts: Iterable[type[Model]] = ()) -> None:
    """Add a provider; `counts` are the models it counts, whose changes forget the menu's counts."""
    if all(existing is not provider for _order, existing in PROVIDERS):
        PROVIDERS.append((order, provider))
        PROVIDERS.sort(key=lambda item: item[0])
    for model in counts:
        for signal in (post_save, post_delete):
            signal.connect(forget_menu_counts, sender=model, dispatch_uid=f"todo.forget.{model._meta.label}")


def forget_menu_counts(**_kwargs: Any) -> None:
    _menu_counts.clear()


def tasks_for(user: Any) -> list[Task]:
    """Everything waiting for this user, in the order the apps registered; only kinds with work in them."""
    cached = getattr(user, "_todo", None)
    if cached is None:
        cached = [task for _order, provider in PROVIDERS for task in provider(user) if task.count]
        user._todo = cached
    return cached


def menu_counts(user: Any, overview: str) -> dict[str, int]:
    """Counts to show beside menu items (URL name -> count); work without a menu item goes to the overview.

    Read again when the page itself lists the work (the overview), else kept per user and role for
    MENU_COUNTS_SECONDS."""
    key = (user.pk, user.is_superuser, role_names(user), overview, get_language())
    now = time.monotonic()
    kept = _menu_counts.get(key)
    if kept is not None and getattr(user, "_todo", None) is None and now - kept[0] < MENU_COUNTS_SECONDS:
        return kept[1]
    counts: dict[str, int] = {}
    for task in tasks_for(user):
        counts[task.menu or overview] = counts.get(task.menu or overview, 0) + task.count
    _menu_counts[key] = (now, counts)
    return counts


EXPIRY_WARNING = timedelta(days=7)


def secretariat_tasks(user: Any) -> list[Task]:
    """Applications and change requests to vet, invitations about to expire, e-mail that failed."""
    if not is_secretariat(user):
        return []
    now = timezone.now()
    waiting = Participant.objects.aggregate(
        applications=Count("pk", filter=Q(status=Status.REGISTERED, email_confirmed_at__isnull=False)),
        changes=Count("pk", filter=Q(status=Status.APPROVED) & ~Q(pending_changes={})),
    )
    expiring = Invitation.objects.filter(
        accepted_at=None, revoked_at=None, expires_at__gt=now, expires_at__lte=now + EXPIRY_WARNING
    ).count()
    failed = OutboundEmail.objects.filter(status=EmailStatus.FAILED).count()
    vetting = reverse("participants:vetting_queue")
    return [
        Task(
            "applications",
            waiting["applications"],
            ngettext("application to vet", "applications to vet", waiting["applications"]),
            vetting,
            _("Vet"),
            menu="participants:vetting_queue",
        ),
        Task(
            "changes",
            waiting["changes"],
            ngettext(
                "change of category or affiliation to review",
                "changes of category or affiliation to review",
                waiting["changes"],
            ),
            f"{vetting}#changes-title",
            _("Review"),
            menu="participants:vetting_queue",
        ),
        Task(
            "invitations",
            expiring,
            ngettext(
                "invitation expires within a week, unused",
                "invitations expire within a week, unused",
                expiring,
            ),
            reverse("participants:invitation_list"),
            _("Resend or let lapse"),
        ),
        Task(
            "failed_email",
            failed,
            ngettext("e-mail could not be delivered", "e-mails could not be delivered", failed),
            reverse("admin:participants_outboundemail_changelist") + "?status__exact=failed",
            _("See why and send again"),
            urgent=True,
        ),
    ]
