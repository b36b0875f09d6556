"""Playwright journeys against pytest-django's live server, in Debian's Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.chromium import LAUNCH_ARGS, chromium_path

SKIP_REASON = "Chromium not found: install Debian's `chromium` package to run the browser tests"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    if chromium_path():
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
    yield launched
    launched.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context per test; console errors (CSP violations included) fail the test."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    console_errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', request.node.name)}.png", full_page=True)
    context.close()
    assert not console_errors, f"Browser console errors: {console_errors}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
