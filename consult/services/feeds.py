"""The personal calendar feed's secret address."""

from __future__ import annotations

from django.db import transaction

from participants import audit
from participants.models import Participant, User, new_feed_token
from participants.policy import require_self


@transaction.atomic
def reset_feed_token(*, participant_id: int, by: User | None) -> Participant:
    """Give the participant a new feed address; the old one stops working at once (404)."""
    participant = Participant.objects.select_for_update().get(pk=participant_id)
    require_self(by, participant)
    participant.feed_token = new_feed_token()
    participant.save(update_fields=["feed_token", "updated_at"])
    audit.record(actor=by, action="calendar_feed.reset", target=participant)
    return participant
