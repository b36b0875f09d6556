"""Every page's header and footer (participants/layout.py): who is signed in and in which role, a
logout form that works, the role's menu with the current page marked, and the footer's reminders."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def menu(html: str) -> list[tuple[str, bool]]:
    items = re.findall(r'<li><a href="[^"]+"( aria-current="page")?>([^<]+)', html.split('class="site-nav"')[1])
    return [(label, bool(current)) for current, label in items]


def test_a_visitor_sees_the_public_menu_and_no_account(client, settings):
    html = client.get(reverse("home")).content.decode()

    assert menu(html) == [("About the group", True), ("Register", False), ("Log in", False)]
    assert 'class="account"' not in html
    assert f"Times are shown in {settings.TIME_ZONE}." in html


def test_a_participant_sees_their_name_their_menu_and_can_log_out(client_for):
    participant = factories.make_participant(full_name="Ingrid Johansson <IJ>")
    participant.user.time_zone = "Pacific/Auckland"
    participant.user.save(update_fields=["time_zone"])
    client = client_for(participant.user)

    html = client.get(reverse("feedback:participant_dashboard")).content.decode()

    assert "Ingrid Johansson &lt;IJ&gt;<span" in html and "<IJ>" not in html
    assert "badge--role" not in html
    assert menu(html)[0] == ("My consultations", True) and not any(current for _, current in menu(html)[1:])
    assert "Times are shown in Pacific/Auckland." in html
    token = re.search(
        r'action="/account/logout/" class="inline-form"><input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)">',
        html,
    )
    assert token
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token[1]}).status_code == 302
    assert client.get(reverse("feedback:participant_dashboard")).status_code == 302  # logged out


def test_staff_see_their_role_beside_their_name(chair_client, secretariat_client):
    chair = chair_client.get(reverse("feedback:chair_dashboard")).content.decode()
    secretariat = secretariat_client.get(reverse("consult:secretariat_dashboard")).content.decode()

    assert '<span class="badge badge--role">Chair</span>' in chair
    assert '<span class="badge badge--role">Secretariat</span>' in secretariat
    assert [label for label, _current in menu(chair)] == ["Overview", "Consultations", "Cycle reports", "Invite"]
    assert "Annex 1, §11" in chair and "Deliberations are confidential (§12)." in secretariat
