"""Each role's main pages in a real browser: not one Content Security Policy violation (the `page` fixture
also fails on any console error), and the new security pages pass axe-core."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in
from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records every violation the browser reports, whether or not it reaches the console.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} in ${event.sourceFile}`);
});
"""
CHECK_ACCESSIBILITY = object()


def visit(page, paths: list) -> None:
    """Open each page (a marker after a path checks it with axe-core) and collect CSP violations."""
    violations = {}
    for index, path in enumerate(paths):
        if path is CHECK_ACCESSIBILITY:
            continue
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        page.wait_for_load_state("networkidle")
        if index + 1 < len(paths) and paths[index + 1] is CHECK_ACCESSIBILITY:
            assert_accessible(page)
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[path] = found
    assert not violations, f"Content Security Policy violations: {violations}"


@pytest.fixture
def world():
    return build_world()


def sign_in(page, user, *, second_factor: bool) -> None:
    page.add_init_script(WATCH_CSP)
    log_in(page, user.email, factories.PASSWORD)
    if second_factor:
        give_second_factor(page, user)


def test_a_visitor_meets_no_policy_violation(page, world):
    page.add_init_script(WATCH_CSP)

    visit(page, ["/", "/register/", "/account/login/", "/account/password/reset/"])


def test_a_participant_meets_no_policy_violation(page, world):
    owner = world.users["owner"]
    sign_in(page, owner, second_factor=False)
    refs = world.refs

    visit(
        page,
        [
            reverse("feedback:participant_dashboard"),
            reverse("consult:round_detail", args=[refs["restricted_round"]]),
            reverse("feedback:answer", args=[refs["open_round"]]),
            reverse("feedback:answer", args=[refs["summarised_round"]]),
            reverse("consult:library"),
            reverse("consult:document_detail", args=[refs["restricted_document"]]),
            reverse("consult:calendar"),
            reverse("participants:profile"),
            reverse("participants:request_erasure"),
            CHECK_ACCESSIBILITY,
            reverse("two_factor"),
        ],
    )


def test_the_chair_meets_no_policy_violation(page, world):
    chair = world.users["chair"]
    factories.confirm_totp_device(chair)
    sign_in(page, chair, second_factor=True)
    refs = world.refs

    visit(
        page,
        [
            reverse("feedback:chair_dashboard"),
            reverse("consult:round_list"),
            reverse("feedback:round_progress", args=[refs["open_round"]]),
            reverse("feedback:response_list", args=[refs["restricted_round"]]),
            reverse("feedback:response_detail", args=[refs["restricted_round"], refs["restricted_pseudonym"]]),
            reverse("feedback:question_detail", args=[refs["restricted_round"], "improve"]),
            reverse("summary:detail", args=[refs["summarised_round"]]),
            reverse("participants:invitation_list"),
            reverse("participants:invite"),
        ],
    )


def test_the_secretariat_meets_no_policy_violation_in_the_pages_or_the_admin(page, world):
    secretariat = world.users["secretariat"]
    factories.confirm_totp_device(secretariat)
    sign_in(page, secretariat, second_factor=True)
    refs = world.refs

    visit(
        page,
        [
            reverse("consult:secretariat_dashboard"),
            reverse("participants:participant_list"),
            reverse("participants:participant_detail", args=[refs["owner_participant"]]),
            CHECK_ACCESSIBILITY,
            reverse("participants:erase", args=[refs["owner_participant"]]),
            CHECK_ACCESSIBILITY,
            reverse("participants:vetting_queue"),
            reverse("participants:audit_trail"),
            reverse("consult:round_create"),
            reverse("consult:round_edit", args=[refs["draft_round"]]),
            reverse("consult:setup"),
            reverse("feedback:respondents", args=[refs["restricted_round"]]),
            reverse("feedback:record_offline", args=[refs["open_round"]]),
            reverse("admin:index"),
            reverse("admin:participants_participant_changelist"),
            reverse("admin:participants_user_change", args=[world.users["chair"].pk]),
            reverse("admin:participants_outboundemail_changelist") + "?status__exact=failed",
            reverse("admin:participants_auditevent_changelist"),
        ],
    )
