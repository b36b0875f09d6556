"""The main navigation for each role, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION: dict[str, list[tuple[str, str]]] = {
    "visitor": [
        (_("About the group"), "home"),
        (_("Register"), "participants:register"),
        (_("Log in"), "login"),
    ],
    "applicant": [
        (_("My application"), "participants:application_status"),
    ],
    "participant": [
        (_("My consultations"), "feedback:participant_dashboard"),
        (_("Documents"), "consult:library"),
        (_("Calendar"), "consult:calendar"),
        (_("You said, we did"), "report:mine"),
        (_("Profile"), "participants:profile"),
    ],
    "chair": [
        (_("Overview"), "feedback:chair_dashboard"),
        (_("Consultations"), "consult:round_list"),
        (_("Cycle reports"), "report:list"),
        (_("Invite"), "participants:invite"),
    ],
    "secretariat": [
        (_("Overview"), "consult:secretariat_dashboard"),
        (_("Consultations"), "consult:round_list"),
        (_("Participants"), "participants:participant_list"),
        (_("Vetting"), "participants:vetting_queue"),
        (_("Documents"), "consult:library"),
        (_("Cycle reports"), "report:list"),
        (_("Audit trail"), "participants:audit_trail"),
        (_("Admin"), "admin:index"),
    ],
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool
    count: int = 0  # work waiting behind this item (staff menus)


@cache
def _links(role: str) -> tuple[tuple[Any, str, str], ...]:
    """The role's menu with its URLs reversed once per process (they never change while it runs)."""
    return tuple((label, name, reverse(name)) for label, name in NAVIGATION.get(role, []))


def overview_of(role: str) -> str:
    """The URL name of the role's first menu item, its overview."""
    return NAVIGATION[role][0][1]


def navigation_for(role: str, path: str, counts: dict[str, int] | None = None) -> list[NavItem]:
    links = _links(role)
    counts = counts or {}
    # One current item: the most specific URL wins (/rounds/documents/ is Documents, not Consultations).
    matching = [url for _label, _name, url in links if path == url or (url != "/" and path.startswith(url))]
    best = max(matching, key=len, default=None)
    return [NavItem(str(label), url, url == best, counts.get(name, 0)) for label, name, url in links]
