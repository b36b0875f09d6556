"""The weekly digest: one e-mail per subscriber with the news on their topics since the last one.

Runs in the worker (consult.tasks.send_weekly_digests). The news is read from what happened, not
queued as it happens: rounds announced or opened, and document versions uploaded, in the period.
Each subscriber's period is claimed before the e-mail is queued, so two workers never send it twice.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consult.events import round_url
from consult.models import DocumentVersion, Frequency, Round, RoundState, Subscription
from consult.services.subscriptions import DIGEST_PERIOD, claim_digest
from participants.eligibility import may_take_part
from participants.mail import queue_email
from participants.models import Notification, Participant, Status

LIVE = (RoundState.SCHEDULED, RoundState.OPEN)


@dataclass
class Digest:
    announced: list[Round] = field(default_factory=list)
    opened: list[Round] = field(default_factory=list)
    documents: list[DocumentVersion] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.announced) + len(self.opened) + len(self.documents)


@dataclass(frozen=True)
class News:
    """Everything that happened in the longest period any digest covers, read once."""

    rounds: list[Round]
    versions: list[DocumentVersion]

    @classmethod
    def since(cls, since: datetime, now: datetime) -> News:
        rounds = Round.objects.select_related("tool", "cycle").filter(state__in=LIVE, closes_at__gt=now)
        versions = DocumentVersion.objects.select_related("document__round__tool").filter(
            uploaded_at__gte=since, uploaded_at__lt=now, document__round__state__in=LIVE
        )
        return cls(rounds=list(rounds.order_by("opens_at")), versions=list(versions.order_by("uploaded_at")))


def digest_for(
    participant: Participant, subscription: Subscription, news: News, since: datetime, until: datetime
) -> Digest:
    """What this participant hears of in the period: eligible rounds on their topics, kinds they chose."""

    def relevant(round_: Round) -> bool:
        return may_take_part(participant, restricted=round_.restricted) and subscription.covers(round_)

    def within(moment: datetime | None) -> bool:
        return moment is not None and since <= moment < until

    digest = Digest()
    for round_ in news.rounds:
        if relevant(round_) and within(round_.scheduled_at) and participant.wants(Notification.ROUND_SCHEDULED):
            digest.announced.append(round_)
        elif relevant(round_) and within(round_.opened_at) and participant.wants(Notification.ROUND_OPENED):
            digest.opened.append(round_)
    if participant.wants(Notification.DOCUMENTS_UPDATED):
        digest.documents = [
            version for version in news.versions if within(version.uploaded_at) and relevant(version.document.round)
        ]
    return digest


def send_weekly_digests(*, now: datetime | None = None) -> int:
    """Queue each weekly subscriber's digest if anything happened on their topics; returns how many."""
    now = now or timezone.now()
    subscriptions = (
        Subscription.objects.filter(frequency=Frequency.WEEKLY, participant__status=Status.APPROVED)
        .select_related("participant__user")
        .prefetch_related("tools")
    )
    news = News.since(now - DIGEST_PERIOD, now)
    sent = 0
    for subscription in subscriptions:
        with transaction.atomic():
            period = claim_digest(subscription_id=subscription.pk, now=now)
            if period is None:
                continue
            digest = digest_for(subscription.participant, subscription, news, *period)
            if digest.size:
                _queue(subscription.participant, digest, period)
                sent += 1
    return sent


def _queue(participant: Participant, digest: Digest, period: tuple[datetime, datetime]) -> None:
    try:
        zone = zoneinfo.ZoneInfo(participant.user.time_zone) if participant.user.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    context = {
        "participant": participant,
        "digest": digest,
        "since": period[0],
        "until": period[1],
        "announced": [(round_, round_url(round_)) for round_ in digest.announced],
        "opened": [(round_, round_url(round_)) for round_ in digest.opened],
        "documents": [(version, _document_url(version)) for version in digest.documents],
        "topics_url": _topics_url(),
    }
    with timezone.override(zone or timezone.get_default_timezone()):
        queue_email(template="consult/emails/weekly_digest", to=participant.email, context=context)


def _document_url(version: DocumentVersion) -> str:
    return settings.SITE_URL + reverse("consult:document_detail", kwargs={"document_id": version.document_id})


def _topics_url() -> str:
    return settings.SITE_URL + reverse("consult:subscriptions")
