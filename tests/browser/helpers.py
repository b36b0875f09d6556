"""Steps shared by the browser journeys."""

from __future__ import annotations

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def assert_accessible(page) -> None:
    """Zero axe-core violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


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
