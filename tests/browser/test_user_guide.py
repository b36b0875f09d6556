"""The user guide's tasks (docs/guide/), walked in a real browser through the demo data of `make run`.

Every step the guides describe is done here as a user would do it, so a change that breaks a guide fails
this test. With GUIDE_SCREENSHOTS=1 the pictures in docs/guide/img/ are taken again from these pages:

    GUIDE_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_user_guide.py -n 0 -p no:randomly

They are the screen a reader sees (1280 by 800 pixels), reduced to 256 colours so the repository stays small.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from consult.models import Round
from participants.demo import DEMO_BACKUP_CODES, DEMO_PASSWORD
from participants.models import Participant, Status
from tests.browser.helpers import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUIDE_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "guide" / "img"
SCREEN = {"width": 1280, "height": 800}
# A decision or an announcement sends its e-mails inside the request in tests (the queue runs inline).
AFTER_MAIL = 30_000


def picture(page, name: str, *, top: str | None = None) -> None:
    """Keep the screen as the guide shows it: the top of the page, or from `top` (a CSS selector) down."""
    if not os.environ.get("GUIDE_SCREENSHOTS"):
        return
    if top:
        page.locator(top).first.evaluate(
            "element => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 16)"
        )
    else:
        page.evaluate("window.scrollTo(0, 0)")
    path = screenshot(page, name, folder=GUIDE_IMAGES, full_page=False)
    _shrink(path)
    page.evaluate("window.scrollTo(0, 0)")


def _shrink(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256)
    reduced.save(path, optimize=True)


def staff_log_in(page, email: str, code: str) -> None:
    log_in(page, email, DEMO_PASSWORD)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Verify").click()


@pytest.fixture
def demo(page):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (closed with the process)
    page.set_viewport_size(SCREEN)
    return page


def test_the_guides_tasks_work_on_the_demo_data(demo):
    page = demo
    expert_tasks(page)
    page.context.clear_cookies()
    secretariat_tasks(page)
    page.context.clear_cookies()
    chair_tasks(page)


def expert_tasks(page) -> None:
    page.goto("/")
    picture(page, "expert-home")
    page.goto("/register/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Register")
    picture(page, "expert-register")

    log_in(page, "ingrid.johansson@example.org", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1, name="My consultations")).to_be_visible()
    picture(page, "expert-my-consultations")

    page.get_by_role("link", name=re.compile("^Continue your draft · Online reporting tool")).click()
    expect(page.get_by_role("button", name="Submit response")).to_be_visible()
    page.get_by_role("radio", name="Built-in guidance").check()
    page.get_by_label("What else would make reporting easier for your authorities?").fill(
        "A summary page that lists what is still missing before the report can be submitted."
    )
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved"))
    picture(page, "expert-answer", top="main")
    page.get_by_label(re.compile("I confirm that these views are given in my personal expert capacity")).check()
    picture(page, "expert-submit", top=".submit-panel")
    page.get_by_role("button", name="Submit response").click()
    expect(page.get_by_text(re.compile("Thank you: your response to .* is submitted"))).to_be_visible(
        timeout=AFTER_MAIL
    )
    picture(page, "expert-submitted")

    page.get_by_role("navigation").get_by_role("link", name="Documents").click()
    expect(page.get_by_role("heading", level=1, name="Document library")).to_be_visible()
    picture(page, "expert-documents")
    page.get_by_role("navigation").get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("calendar")
    picture(page, "expert-calendar")
    page.goto("/rounds/subscriptions/")
    expect(page.get_by_role("heading", level=1, name="Your topics")).to_be_visible()
    picture(page, "expert-topics")
    page.get_by_role("navigation").get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", level=1, name="Your profile")).to_be_visible()
    picture(page, "expert-profile")


def secretariat_tasks(page) -> None:
    staff_log_in(page, "secretariat@example.org", DEMO_BACKUP_CODES[0])
    expect(page.get_by_role("heading", name="Waiting for you")).to_be_visible()
    picture(page, "secretariat-overview")

    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Vetting")).click()
    expect(page.get_by_role("heading", level=1, name="Vetting")).to_be_visible()
    picture(page, "secretariat-vetting")
    applicant = Participant.objects.get(user__email="siosaia.fifita@example.org")
    card = page.locator(f"#application-{applicant.pk}").locator("xpath=ancestor::article")
    card.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Siosaia Fifita is approved.")).to_be_visible(timeout=AFTER_MAIL)
    assert Participant.objects.get(pk=applicant.pk).status == Status.APPROVED

    page.goto("/invitations/new/")
    page.get_by_label("E-mail address").fill("maria.lopez@example.org")
    page.get_by_label("Full name").fill("María López")
    page.get_by_label("Category").select_option(label="Civil society")
    page.get_by_label("Organisation", exact=True).fill("Transparency Watch")
    picture(page, "secretariat-invite")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text(re.compile("María López")).first).to_be_visible(timeout=AFTER_MAIL)

    page.get_by_role("navigation").get_by_role("link", name="Participants").click()
    expect(page.get_by_role("heading", level=1, name="Participants")).to_be_visible()
    picture(page, "secretariat-participants")

    page.goto("/rounds/setup/")
    expect(page.get_by_role("heading", level=1, name="Cycles and tools")).to_be_visible()
    picture(page, "secretariat-setup")
    page.goto("/rounds/new/")
    expect(page.get_by_role("heading", level=1, name="Plan a consultation")).to_be_visible()
    picture(page, "secretariat-plan")

    page.goto("/rounds/")
    page.get_by_role("link", name="Reporting guidance and FAQ: walkthrough of the new help pages").first.click()
    page.get_by_role("link", name="Edit the questionnaire").click()
    page.get_by_role("link", name=re.compile("^Add (a|the first) question")).first.click()
    page.get_by_label("Key").fill("pages-opened")
    page.locator("#id_text").fill("Which help pages did you open during the walkthrough?")
    picture(page, "secretariat-question")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Which help pages did you open during the walkthrough?")).to_be_visible()
    picture(page, "secretariat-questionnaire")

    draft = Round.objects.get(title="Reporting guidance and FAQ: walkthrough of the new help pages")
    page.goto(f"/rounds/{draft.pk}/schedule/")  # the demo's cycle is full: the round page offers no button
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schedule and announce")
    picture(page, "secretariat-schedule")

    page.goto("/rounds/")
    page.get_by_role("link", name="Online reporting tool: the new reporting workflow").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("the new reporting workflow")
    picture(page, "secretariat-open-round")
    page.get_by_role("link", name="Response details and reminders").click()
    expect(page.get_by_role("button", name=re.compile("^Send a reminder now"))).to_be_visible()
    picture(page, "secretariat-progress")
    page.get_by_role("link", name="Record a written submission").first.click()
    picture(page, "secretariat-written-submission")
    page.get_by_role("link", name="Who answered").first.click()
    picture(page, "secretariat-who-answered")

    page.get_by_role("navigation").get_by_role("link", name="Audit trail").click()
    expect(page.get_by_text(re.compile("Amina Okafor approved the application of Siosaia Fifita"))).to_be_visible()
    picture(page, "secretariat-audit-trail")


def chair_tasks(page) -> None:
    staff_log_in(page, "chair@example.org", DEMO_BACKUP_CODES[1])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    picture(page, "chair-overview")

    page.goto("/rounds/")
    page.get_by_role("link", name="Online reporting tool: the new reporting workflow").first.click()
    page.get_by_role("link", name="Response details").click()
    picture(page, "chair-progress")
    page.get_by_role("link", name="By respondent").first.click()
    expect(page.get_by_text(re.compile(r"Respondent \d+")).first).to_be_visible()
    picture(page, "chair-responses")
    page.get_by_role("link", name="By question").first.click()
    picture(page, "chair-by-question")

    page.goto("/rounds/")
    page.get_by_role("link", name="Annual report template: review of the 2025 revision").first.click()
    page.get_by_role("link", name="Anonymized summary for the report").click()
    expect(page.get_by_text("Leak gate: nothing identifying found.")).to_be_visible()
    picture(page, "chair-summary")
    page.get_by_role("link", name="Themes").first.click()
    picture(page, "chair-themes")
    page.get_by_role("link", name="Summary for the report").first.click()
    page.get_by_role("button", name="Reopen as draft").click()
    page.get_by_label("Chair's narrative").fill(
        page.get_by_label("Chair's narrative").input_value()
        + "\n\nParticipants also asked for the template to be published earlier in the year."
    )
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_text("Leak gate: nothing identifying found.")).to_be_visible()
    picture(page, "chair-narrative", top="#narrative-title")
    page.get_by_role("button", name="Approve for the report").click()
    expect(page.get_by_text(re.compile("Approved on"))).to_be_visible(timeout=AFTER_MAIL)
