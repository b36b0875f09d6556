"""Steps shared by the browser journeys."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The audits Lighthouse's accessibility score is made of are axe rules with these tags, target-size included.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> tuple[int, str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.violations_count, results.generate_report()


def assert_accessible(page) -> None:
    """Zero axe-core violations on the current page, on a desktop screen and on a phone (390 px wide),
    where nothing may be wider than the screen. The page is left at its desktop size."""
    original = page.viewport_size or DESKTOP
    try:
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            count, report = axe_violations(page)
            assert count == 0, f"At {size['width']} px: {report}"
            assert_fits_the_screen(page)
    finally:
        page.set_viewport_size(original)


def assert_fits_the_screen(page) -> None:
    """Nothing makes the page scroll sideways (wide tables scroll inside their own focusable region)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the {page.viewport_size['width']} px screen"


def new_page(browser, live_server, *, expected: Callable[[str], bool] = lambda text: False):
    """A fresh context and page at desktop size; console errors, bar the expected ones, are collected."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on(
        "console",
        lambda message: message.type == "error" and not expected(message.text) and errors.append(message.text),
    )
    return context, page, errors


SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR", "")


def screenshot(
    page, name: str, *, phone: bool = False, folder: Path | None = None, full_page: bool = True
) -> Path | None:
    """Keep a picture when SCREENSHOTS_DIR is set (to look at pages while working on them), or in `folder`
    (the user guide's pictures); a full page unless `full_page` is False (the screen as a reader sees it)."""
    folder = folder or (Path(SCREENSHOTS) if SCREENSHOTS else None)
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}{'-phone' if phone else ''}.png"
    original = page.viewport_size or DESKTOP
    try:
        page.set_viewport_size(PHONE if phone else original)
        page.screenshot(path=str(path), full_page=full_page)
    finally:
        page.set_viewport_size(original)
    return path


def log_in(page, email: str, password: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def give_second_factor(page, user) -> None:
    """Answer the two-step verification page with the user's current TOTP code."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Verify").click()
