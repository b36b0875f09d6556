"""The footer links each role to its own user guide (docs/guide/), wherever the operator publishes it."""

from __future__ import annotations

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

GUIDES = "https://docs.example.org/advisory/guide"


def footer_links(page: str) -> list[str]:
    footer = page.split('<footer class="site-footer">', 1)[1]
    return re.findall(r'<a href="([^"]+)">User guide</a>', footer)


@pytest.mark.parametrize(
    "who, guide",
    [("secretariat", "secretariat.md"), ("chair", "chair.md"), ("participant", "expert.md")],
)
def test_each_role_finds_its_own_guide_in_the_footer(settings, client_for, who, guide):
    settings.USER_GUIDE_URL = GUIDES
    user = {
        "secretariat": factories.make_secretariat,
        "chair": factories.make_chair,
        "participant": lambda: factories.make_participant().user,
    }[who]()

    page = client_for(user).get("/dashboard/", follow=True).content.decode()

    assert footer_links(page) == [f"{GUIDES}/{guide}"]


def test_a_visitor_is_pointed_at_the_experts_guide_which_says_how_to_join(settings, client):
    settings.USER_GUIDE_URL = GUIDES

    assert footer_links(client.get("/").content.decode()) == [f"{GUIDES}/expert.md"]


def test_no_link_is_shown_until_the_guides_address_is_set(settings, client):
    settings.USER_GUIDE_URL = ""

    assert footer_links(client.get("/").content.decode()) == []
