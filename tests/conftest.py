"""Shared fixtures: real e-mail outbox (anymail's test backend), a media folder per test, huey in immediate
mode, role clients."""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def anymail_outbox(settings):
    """Django's test runner swaps in locmem; put anymail's test backend back."""
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """Each test stores files in its own folder: primary keys restart in every test, so a file left under
    offline/1/ by one test would otherwise look like another test's upload."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_menu_counts():
    """Primary keys restart in every test: counts kept for one test's user must not show in the next."""
    from participants.todo import forget_menu_counts

    forget_menu_counts()


@pytest.fixture(autouse=True)
def huey_immediate():
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = True


@pytest.fixture
def client_for():
    """A test client logged in as `user`, with the second factor given when the user has one."""

    def make(user, *, second_factor: bool = True) -> Client:
        client = Client()
        client.force_login(user)
        if second_factor:
            factories.verify_second_factor(client, user)
        return client

    return make


@pytest.fixture
def secretariat(db):
    return factories.make_secretariat()


@pytest.fixture
def chair(db):
    return factories.make_chair()


@pytest.fixture
def secretariat_client(client_for, secretariat):
    return client_for(secretariat)


@pytest.fixture
def chair_client(client_for, chair):
    return client_for(chair)


def pytest_report_header(config):
    from tests.browser.chromium import chromium_path
    from tests.feedback.questionnaire_helpers import soffice

    path = chromium_path()
    if path:
        lines = [f"browser tests: Chromium at {path}"]
    else:
        lines = ["browser tests: SKIPPED, Chromium not found (install Debian's `chromium` package to run them)"]
    if soffice():
        lines.append(f"Word files saved by LibreOffice: tested with {soffice()}")
    else:
        lines.append("Word files saved by LibreOffice: SKIPPED (install Debian's `libreoffice-writer-nogui`)")
    return lines
