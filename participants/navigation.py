"""The main navigation for each role, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
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
        (_("Profile"), "participants:profile"),
    ],
    "chair": [
        (_("Overview"), "feedback:chair_dashboard"),
        (_("Consultations"), "consult:round_list"),
        (_("Invite"), "participants:invite"),
    ],
    "secretariat": [
        (_("Overview"), "consult:secretariat_dashboard"),
        (_("Consultations"), "consult:round_list"),
        (_("Participants"), "participants:participant_list"),
        (_("Vetting"), "participants:vetting_queue"),
        (_("Documents"), "consult:library"),
        (_("Audit trail"), "participants:audit_trail"),
        (_("Admin"), "admin:index"),
    ],
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def navigation_for(role: str, path: str) -> list[NavItem]:
    items = []
    for label, name in NAVIGATION.get(role, []):
        try:
            url = reverse(name)
        except NoReverseMatch:  # a page not built yet in this checkout; tests assert they all exist
            continue
        current = path == url or (url != "/" and path.startswith(url))
        items.append(NavItem(str(label), url, current))
    # One current item: the most specific URL wins (/rounds/documents/ is Documents, not Consultations).
    best = max((item.url for item in items if item.current), key=len, default=None)
    return [NavItem(item.label, item.url, item.url == best) for item in items]
