"""The footer links each role to its own user guide (docs/guide/): the site's own copy, or wherever the
operator publishes the guides."""

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


def test_without_an_address_the_site_serves_the_guides_itself_pictures_included(settings, client):
    settings.USER_GUIDE_URL = ""

    assert footer_links(client.get("/").content.decode()) == ["/guide/expert/"]
    page = client.get("/guide/expert/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Guide for experts (participants)</h1>" in html
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert pictures and all(src.startswith("/guide/img/") for src in pictures)
    image = client.get(pictures[0])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
    # Links between guides stay on the site; links into the repository keep only their words.
    assert 'href="/guide/secretariat/"' in html and 'href="/guide/"' in html
    assert ".md" not in "".join(re.findall(r'href="([^"]+)"', html))


@pytest.mark.parametrize("path", ["/guide/nobody/", "/guide/img/../settings.py", "/guide/img/missing.png"])
def test_only_the_guides_and_their_pictures_can_be_read(client, path):
    assert client.get(path).status_code == 404
