"""After the Secretariat resets a lost second factor, the staff member sets up a new app through the link
e-mailed to them: the page asks for the link, the link opens the set-up, the code turns it on."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from participants import second_factor
from tests import factories
from tests.browser.helpers import assert_accessible, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reset_staff_member_sets_up_a_new_app_through_the_emailed_link(page, live_server):
    chair = factories.make_chair(email="chair@example.org")
    factories.confirm_totp_device(chair)
    second_factor.reset_second_factor(user=chair, by=None)

    log_in(page, "chair@example.org", factories.PASSWORD)
    expect(page.get_by_role("heading", name="First, confirm it is you")).to_be_visible()
    assert page.locator(".qr").count() == 0
    assert_accessible(page)
    screenshot(page, "two-factor-enrol-email")
    page.get_by_role("button", name="E-mail me the set-up link").click()
    expect(page.get_by_text("A set-up link is on its way to chair@example.org")).to_be_visible()

    [message] = mail.outbox
    link = re.search(r"http://testserver(\S+)", message.body).group(1)
    page.goto(live_server.url + link)
    expect(page.locator(".qr svg")).to_be_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=chair, confirmed=False)
    page.get_by_label("Code").fill(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=6):06d}")
    page.get_by_role("button", name="Turn on two-step verification").click()

    expect(page.get_by_text(re.compile("backup codes", re.IGNORECASE)).first).to_be_visible()
    assert TOTPDevice.objects.get(user=chair).confirmed
