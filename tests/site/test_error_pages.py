"""Error pages have the site's layout, say what happened and offer a way back, also with DEBUG on."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

CRASH_URLS = "tests.site.crash_urls"


def text(response) -> str:
    return response.content.decode()


def test_an_unknown_address_gets_the_site_s_404_page():
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert "We cannot find that page" in text(response)
    assert 'class="site-header"' in text(response)
    assert 'href="/account/login/"' in text(response)


def test_an_object_out_of_reach_gets_the_same_404_page(client_for):
    participant = factories.make_participant()

    response = client_for(participant.user).get("/rounds/999999/")

    assert response.status_code == 404
    assert "We cannot find that page" in text(response)
    assert "Go to your overview" in text(response)


def test_a_refused_page_says_it_is_for_another_role_and_offers_the_overview(client_for):
    participant = factories.make_participant()

    response = client_for(participant.user).get("/audit/")

    assert response.status_code == 403
    assert "This page is not open to your account" in text(response)
    assert 'href="/dashboard/"' in text(response)


def test_a_crash_gets_the_500_page_without_any_detail(settings):
    settings.ROOT_URLCONF = CRASH_URLS

    response = Client(raise_request_exception=False).get("/crash/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in text(response)
    assert "RuntimeError" not in text(response)
    assert 'href="/"' in text(response)


def test_an_expired_form_says_nothing_was_saved_and_what_to_do():
    response = Client(enforce_csrf_checks=True).post("/account/login/", {"username": "a@example.org"})

    assert response.status_code == 403
    assert "The form had expired, so nothing was saved" in text(response)


def test_error_pages_keep_the_security_headers():
    response = Client().get("/no-such-page/")

    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


class TestWithDebugOn:
    """`make run` runs with DEBUG on; people trying the demo still get the site's pages."""

    @pytest.fixture(autouse=True)
    def debug(self, settings):
        settings.DEBUG = True
        settings.TECHNICAL_ERROR_PAGES = False

    def test_an_unknown_address_gets_the_site_s_page_not_django_s_technical_one(self):
        response = Client().get("/no-such-page/")

        assert response.status_code == 404
        assert "We cannot find that page" in text(response)
        assert "URLconf" not in text(response)

    def test_an_object_out_of_reach_gets_the_site_s_page(self, client_for):
        participant = factories.make_participant()

        response = client_for(participant.user).get("/rounds/999999/")

        assert response.status_code == 404
        assert "We cannot find that page" in text(response)

    def test_a_crash_gets_the_site_s_page(self, settings):
        settings.ROOT_URLCONF = CRASH_URLS

        response = Client(raise_request_exception=False).get("/crash/")

        assert response.status_code == 500
        assert "Something went wrong on our side" in text(response)
        assert "Traceback" not in text(response)

    def test_developers_turn_the_technical_pages_back_on(self, settings):
        settings.TECHNICAL_ERROR_PAGES = True

        response = Client().get("/no-such-page/")

        assert response.status_code == 404
        assert "URLconf" in text(response)


def test_a_refusal_is_logged_on_one_line_without_a_traceback(client_for, caplog):
    participant = factories.make_participant()

    with caplog.at_level(logging.WARNING, logger="django.request"):
        client_for(participant.user).get("/audit/")

    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert record.status_code == 403
    assert record.exc_info is None


def test_a_crash_keeps_its_traceback_in_the_log(settings, caplog):
    settings.ROOT_URLCONF = CRASH_URLS

    with caplog.at_level(logging.ERROR, logger="django.request"):
        Client(raise_request_exception=False).get("/crash/")

    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert record.exc_info is not None
