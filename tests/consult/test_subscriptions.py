"""Topics: participants hear of new consultations and documents on the tools and Articles they chose,
as it happens or in a weekly digest (anymail's test backend holds the real messages)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consult import digests, services
from consult.models import Frequency, Mode, RoundState, Subscription
from consult.news import announcement_of
from participants.models import Category, Notification
from tests import factories
from tests.consult.helpers import PDF, add_document, make_round, make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def tools():
    return {
        "reporting": make_tool("Online reporting tool", articles=(13,)),
        "exchange": make_tool("Information exchange platform", articles=(11, 15)),
    }


def follow(participant, *, tools=(), articles=(), frequency=Frequency.IMMEDIATELY, now=None):
    return services.save_subscription(
        participant_id=participant.pk,
        tool_ids=[tool.pk for tool in tools],
        articles=list(articles),
        frequency=frequency,
        now=now,
    )


def recipients(subject_part: str) -> set[str]:
    return {message.to[0] for message in mail.outbox if subject_part in message.subject}


def schedule(round_, capture):
    with capture(execute=True):
        services.schedule_round(round_id=round_.pk, by=None)


def test_a_new_consultation_reaches_only_those_following_its_tool_or_article(tools, django_capture_on_commit_callbacks):
    everything = factories.make_participant(email="all@example.org")
    by_tool = factories.make_participant(email="tool@example.org")
    by_article = factories.make_participant(email="article@example.org")
    elsewhere = factories.make_participant(email="elsewhere@example.org")
    follow(by_tool, tools=[tools["reporting"]])
    follow(by_article, articles=[13])
    follow(elsewhere, tools=[tools["exchange"]], articles=[17])
    round_ = make_round(tool=tools["reporting"], title="Reporting workflow")

    schedule(round_, django_capture_on_commit_callbacks)

    assert recipients("Reporting workflow") == {everything.email, by_tool.email, by_article.email}
    assert elsewhere.email not in recipients("")


def test_documents_added_reach_only_those_following_the_topic(tools, django_capture_on_commit_callbacks):
    follower = factories.make_participant(email="follower@example.org")
    other = factories.make_participant(email="other@example.org")
    follow(follower, articles=[15])
    follow(other, articles=[13])
    round_ = make_round(tool=tools["exchange"], state=RoundState.SCHEDULED)

    with django_capture_on_commit_callbacks(execute=True):
        services.add_document(by=None, round_id=round_.pk, title="Field list", filename="list.pdf", content=PDF)

    assert recipients("Documents updated") == {follower.email}


def test_weekly_readers_are_not_e_mailed_as_it_happens(tools, django_capture_on_commit_callbacks):
    weekly = factories.make_participant(email="weekly@example.org")
    follow(weekly, frequency=Frequency.WEEKLY)
    round_ = make_round(tool=tools["reporting"], title="Reporting workflow")

    schedule(round_, django_capture_on_commit_callbacks)

    assert weekly.email not in recipients("")


def test_the_weekly_digest_lists_the_news_on_the_topics_followed(tools, django_capture_on_commit_callbacks):
    start = timezone.now() - timedelta(days=3)
    weekly = factories.make_participant(email="weekly@example.org", full_name="Ingrid Johansson")
    follow(weekly, articles=[13], frequency=Frequency.WEEKLY, now=start)
    followed = make_round(tool=tools["reporting"], title="Reporting workflow", state=RoundState.SCHEDULED)
    make_round(tool=tools["exchange"], title="Exchange platform testing", state=RoundState.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        add_document(followed, title="Design note")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = digests.send_weekly_digests()

    assert sent == 1
    [message] = mail.outbox
    assert message.to == ["weekly@example.org"]
    assert message.subject == "Advisory group: your weekly digest (2 items)"
    assert "Reporting workflow" in message.body and "Design note" in message.body
    assert "Exchange platform testing" not in message.body
    assert f"/rounds/{followed.pk}/" in message.body
    assert "/rounds/subscriptions/" in message.body


def test_a_digest_goes_once_even_if_the_task_runs_twice(tools, django_capture_on_commit_callbacks):
    weekly = factories.make_participant()
    follow(weekly, frequency=Frequency.WEEKLY, now=timezone.now() - timedelta(days=2))
    make_round(tool=tools["reporting"], state=RoundState.SCHEDULED)

    with django_capture_on_commit_callbacks(execute=True):
        first, second = digests.send_weekly_digests(), digests.send_weekly_digests()

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1


def test_no_digest_when_nothing_happened_on_the_topics(tools):
    weekly = factories.make_participant()
    follow(weekly, tools=[tools["exchange"]], frequency=Frequency.WEEKLY, now=timezone.now() - timedelta(days=2))
    make_round(tool=tools["reporting"], state=RoundState.SCHEDULED)

    assert digests.send_weekly_digests() == 0
    assert mail.outbox == []


def test_the_digest_keeps_restricted_consultations_for_states_parties(tools):
    ngo = factories.make_participant(category=Category.CIVIL_SOCIETY)
    follow(ngo, frequency=Frequency.WEEKLY, now=timezone.now() - timedelta(days=2))
    make_round(tool=tools["reporting"], restricted=True, state=RoundState.SCHEDULED)

    assert digests.send_weekly_digests() == 0


def test_the_digest_respects_the_kinds_of_e_mail_chosen(tools):
    weekly = factories.make_participant()
    weekly.notifications = [Notification.REMINDER]
    weekly.save()
    follow(weekly, frequency=Frequency.WEEKLY, now=timezone.now() - timedelta(days=2))
    make_round(tool=tools["reporting"], state=RoundState.SCHEDULED)

    assert digests.send_weekly_digests() == 0


def test_news_sent_before_switching_to_weekly_is_not_repeated_in_the_digest(tools):
    participant = factories.make_participant()
    make_round(tool=tools["reporting"], state=RoundState.SCHEDULED)

    follow(participant, frequency=Frequency.WEEKLY)

    assert digests.send_weekly_digests(now=timezone.now() + timedelta(days=7)) == 0


def test_the_schedule_confirmation_counts_topics_and_digests(tools):
    factories.make_participant()
    follow(factories.make_participant(), frequency=Frequency.WEEKLY)
    follow(factories.make_participant(), tools=[tools["exchange"]])
    round_ = make_round(tool=tools["reporting"], mode=Mode.ONLINE)

    announcement = announcement_of(round_)

    assert (announcement.eligible, announcement.emailed_now, announcement.in_digest, announcement.not_told) == (
        3,
        2,
        0,
        1,
    )


def test_the_topics_page_saves_the_choices(client_for, tools):
    participant = factories.make_participant()
    client = client_for(participant.user)

    page = client.get("/rounds/subscriptions/").content.decode()
    response = client.post(
        "/rounds/subscriptions/",
        {"tools": [tools["exchange"].pk], "articles": ["13"], "frequency": "weekly"},
        follow=True,
    )

    assert "You hear about every consultation open to you." in page
    assert "Your topics are saved." in response.content.decode()
    subscription = Subscription.objects.get(participant=participant)
    assert list(subscription.tools.all()) == [tools["exchange"]]
    assert subscription.articles == [13]
    assert subscription.frequency == Frequency.WEEKLY
