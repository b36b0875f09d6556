"""The poll page a participant answers: each proposed time in their own zone, flagged when it falls
outside their day or ends the next day, their answers ticked, a missing answer named, closed polls read-only."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.meetings import services
from tests.meetings.helpers import draft_meeting, proposed_times

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"


@pytest.fixture
def poll():
    # In Auckland (UTC+13 in summer, +12 in winter) 13:00 UTC is in the small hours, 07:00 UTC in the
    # evening and 10:00 UTC close to midnight: the two-hour slot from there ends the next day.
    return services.open_poll(
        round_id=draft_meeting().pk,
        by=None,
        slots=proposed_times(hours=(13, 7, 10)),
        closes_at=timezone.now() + timedelta(days=2),
    )


def fieldsets(html: str) -> list[str]:
    return re.findall(r"<fieldset class=\"fieldset poll__slot.*?</fieldset>", html, re.S)


def hours(fieldset: str) -> str:
    return re.search(r"<strong>(\d\d:\d\d–\d\d:\d\d)</strong>", fieldset)[1]  # noqa: RUF001


def test_each_time_is_shown_in_the_participants_zone_and_flagged_when_it_falls_outside_their_day(
    auckland, poll, client_for
):
    html = client_for(auckland.user).get(reverse("meetings:poll_answer", kwargs={"poll_id": poll.pk})).content.decode()

    shown = fieldsets(html)
    assert len(shown) == 3
    by_hours = {hours(fieldset): fieldset for fieldset in shown}
    small_hours = next(fieldset for label, fieldset in by_hours.items() if label < "07:00")
    evening = next(fieldset for label, fieldset in by_hours.items() if "18:00" <= label[:5] <= "20:00")
    midnight = next(fieldset for label, fieldset in by_hours.items() if label[:5] >= "22:00")
    assert "poll__slot--late" in small_hours and f"outside 07:00{DASH}22:00</span>" in small_hours
    start, end = hours(small_hours).split(DASH)
    assert f"That is {start}{DASH}{end} where you are, outside 07:00{DASH}22:00." in small_hours
    assert "poll__slot--late" not in evening and "outside 07:00" not in evening
    assert "(ends the next day)" in midnight and "poll__slot--late" in midnight
    assert all(
        fieldset.count('type="radio"') == 3 and " disabled" not in fieldset.split(">", 1)[0] for fieldset in shown
    )


def test_answers_are_ticked_when_the_page_comes_back_and_a_missing_one_is_named(auckland, poll, client_for):
    client = client_for(auckland.user)
    url = reverse("meetings:poll_answer", kwargs={"poll_id": poll.pk})
    first, second, third = (f"slot_{slot.pk}" for slot in poll.slots.order_by("starts_at"))

    refused = client.post(url, {first: "yes", second: "no"})
    saved = client.post(url, {first: "yes", second: "no", third: "if_need_be"}, follow=True)

    assert "Say whether this time suits you." in refused.content.decode()
    ticked = re.findall(r'name="(slot_\d+)" value="(\w+)"[^>]*checked', saved.content.decode())
    assert sorted(ticked) == sorted([(first, "yes"), (second, "no"), (third, "if_need_be")])


def test_a_closed_poll_shows_the_answers_read_only(auckland, poll, client_for):
    services.close_poll(poll_id=poll.pk, by=None)

    html = client_for(auckland.user).get(reverse("meetings:poll_answer", kwargs={"poll_id": poll.pk})).content.decode()

    assert "The poll is closed." in html
    assert all(fieldset.split(">", 1)[0].endswith(" disabled") for fieldset in fieldsets(html))
    assert "Save my answers" not in html
