"""A meeting that runs itself: a participant far away answers the time poll in their own hours, the
Secretariat chooses a time, and the participant accepts from the e-mailed link."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from consult.meetings import services as meeting_services
from consult.meetings.models import Attendance, Vote
from consult.models import Mode, Round, RoundState
from tests import factories
from tests.browser.helpers import assert_accessible, give_second_factor, log_in
from tests.consult.helpers import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DASH = "\N{EN DASH}"  # as the pages print time ranges
LATE = f"outside 07:00{DASH}22:00"


def open_a_poll() -> Round:
    round_ = make_round(mode=Mode.ONLINE, state=RoundState.DRAFT, title="Information exchange platform: testing")
    day = (datetime.now(UTC) + timedelta(days=6)).replace(minute=0, second=0, microsecond=0)
    meeting_services.open_poll(
        round_id=round_.pk,
        by=None,
        slots=[  # 13:00 UTC is 02:00 the next day in Auckland; 20:00 UTC is 09:00 there
            (day.replace(hour=13), day.replace(hour=15)),
            (day.replace(hour=20), day.replace(hour=22)),
        ],
        closes_at=timezone.now() + timedelta(days=3),
    )
    return round_


def test_a_participant_in_auckland_answers_the_poll_and_accepts_the_chosen_time(browser, live_server):
    SHOTS.mkdir(exist_ok=True)
    aroha = factories.make_participant(email="aroha@example.org", full_name="Aroha Ngata")
    aroha.user.time_zone = "Pacific/Auckland"
    aroha.user.save(update_fields=["time_zone"])
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)
    round_ = open_a_poll()
    poll_mail = next(message for message in mail.outbox if message.to == [aroha.email])
    assert "02:00" in poll_mail.body

    # The participant, on a computer in Auckland, answers the poll.
    far = browser.new_context(
        base_url=live_server.url, timezone_id="Pacific/Auckland", viewport={"width": 1280, "height": 900}
    )
    page = far.new_page()
    log_in(page, "aroha@example.org", factories.PASSWORD)
    page.goto("/feedback/")
    page.get_by_role("link", name="Say which times suit you").click()
    expect(page.get_by_text("Times are shown in your time zone: Pacific/Auckland.")).to_be_visible()
    early, morning = page.locator("fieldset.poll__slot").all()
    expect(early.get_by_text(f"02:00{DASH}04:00", exact=True)).to_be_visible()
    expect(early.get_by_text(LATE).first).to_be_visible()
    expect(morning.get_by_text(f"09:00{DASH}11:00", exact=True)).to_be_visible()
    assert morning.get_by_text(LATE).count() == 0
    assert_accessible(page)
    early.get_by_label("No").check()
    morning.get_by_label("Yes").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    page.screenshot(path=str(SHOTS / "meetings-poll-participant.png"), full_page=True)
    assert sorted(Vote.objects.values_list("availability", flat=True)) == ["no", "yes"]
    far.close()

    # The Secretariat sees who answered what and chooses the morning in Auckland.
    office = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = office.new_page()
    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, secretariat)
    page.goto(f"/rounds/{round_.pk}/")
    page.get_by_role("link", name="Answers per proposed time").click()
    best = page.locator("tr.row--best")
    expect(best.get_by_text("Aroha Ngata")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "meetings-poll-results.png"), full_page=True)
    best.get_by_role("link", name=re.compile("Choose")).click()
    page.get_by_role("button", name="Choose and announce the meeting").click()
    expect(page.get_by_text("Time chosen. The meeting is announced")).to_be_visible()
    round_.refresh_from_db()
    assert round_.state == RoundState.SCHEDULED
    assert round_.meeting_starts_at.astimezone(UTC).hour == 20
    office.close()

    # The participant accepts from the invitation's link, without logging in.
    invitation = next(
        message for message in mail.outbox if message.to == [aroha.email] and "Invitation" in message.subject
    )
    accept = re.search(r"Accept: (\S+)", invitation.body).group(1).replace("http://testserver", live_server.url)
    inbox = browser.new_context(timezone_id="Pacific/Auckland", viewport={"width": 1280, "height": 900})
    page = inbox.new_page()
    page.goto(accept)
    expect(page.get_by_role("button", name="Yes, I will attend")).to_be_visible()
    expect(page.get_by_text("09:00")).to_be_visible()  # the meeting in her own time
    assert not Attendance.objects.exists()  # opening the link records nothing
    assert_accessible(page)
    page.get_by_role("button", name="Yes, I will attend").click()
    expect(page.get_by_role("heading", name="Thank you: you are expected")).to_be_visible()
    page.screenshot(path=str(SHOTS / "meetings-accepted.png"), full_page=True)
    inbox.close()
    assert Attendance.objects.get(participant=aroha).response == "accepted"


def test_after_the_meeting_the_secretariat_takes_attendance_and_records_anonymized_notes(page):
    secretariat = factories.make_secretariat(email="sam@thearmstradetreaty.org")
    factories.confirm_totp_device(secretariat)
    people = [factories.make_participant(full_name=name) for name in ("Ana Torres", "Kwame Mensah", "Lukas Meyer")]
    started = timezone.now() - timedelta(hours=2)
    round_ = make_round(
        mode=Mode.ONLINE,
        state=RoundState.OPEN,
        title="Reporting tool: walkthrough",
        opens_at=started - timedelta(days=1),
        meeting_starts_at=started,
        meeting_ends_at=started + timedelta(hours=1),
        now=started - timedelta(days=2),
    )
    meeting_services.reply(
        round_id=round_.pk,
        participant_id=people[0].pk,
        answer="accepted",
        source="link",
        now=started - timedelta(hours=5),
    )
    log_in(page, "sam@thearmstradetreaty.org", factories.PASSWORD)
    give_second_factor(page, secretariat)

    page.goto(f"/rounds/{round_.pk}/")
    page.get_by_role("link", name="Replies and attendance").click()
    page.get_by_label("Ana Torres attended").check()
    page.get_by_label("Kwame Mensah attended").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved: 2 present.")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "meetings-attendance.png"), full_page=True)

    page.goto(f"/feedback/rounds/{round_.pk}/meeting-notes/")
    page.get_by_label("Points raised at the meeting").fill(
        "- Kwame Mensah asked for an offline editing mode.\n- Guidance should sit next to each field."
    )
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_text("1 identifying detail was replaced")).to_be_visible()
    expect(page.locator("mark.redaction")).to_have_text("[a person]")
    page.get_by_role("button", name="Approve for the summary").click()
    expect(page.get_by_text("Approved: the points appear")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "meetings-notes.png"), full_page=True)
