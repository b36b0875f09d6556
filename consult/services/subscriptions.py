"""A participant's topics and the weekly digest of news on them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from consult.models import ARTICLES, Frequency, Subscription, Tool
from participants.models import Participant

DIGEST_PERIOD = timedelta(days=7)


@transaction.atomic
def save_subscription(
    *, participant_id: int, tool_ids: list[int], articles: list[int], frequency: str, now: datetime | None = None
) -> Subscription:
    """Choose the tools and Articles to hear about (none: everything) and whether now or weekly.

    Switching to the weekly digest starts its period now: news before it was already sent as it happened.
    """
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().get(pk=participant_id)
    subscription, _created = Subscription.objects.get_or_create(participant=participant)
    if frequency == Frequency.WEEKLY and subscription.frequency != Frequency.WEEKLY:
        subscription.digest_covered_until = now
    subscription.frequency = frequency if frequency in Frequency.values else Frequency.IMMEDIATELY
    subscription.articles = sorted({int(number) for number in articles if int(number) in ARTICLES})
    subscription.save()
    subscription.tools.set(Tool.objects.filter(pk__in=tool_ids))
    return subscription


def claim_digest(*, subscription_id: int, now: datetime) -> tuple[datetime, datetime] | None:
    """Take the period a weekly digest covers (since the last one, at most a week back), once.

    Returns (since, until), or None when another worker has already claimed it or it is not due.
    """
    subscription = Subscription.objects.get(pk=subscription_id)
    since = max(subscription.digest_covered_until or now - DIGEST_PERIOD, now - DIGEST_PERIOD)
    if subscription.frequency != Frequency.WEEKLY or since >= now:
        return None
    claimed = Subscription.objects.filter(
        pk=subscription_id, digest_covered_until=subscription.digest_covered_until
    ).update(digest_covered_until=now)
    return (since, now) if claimed else None
