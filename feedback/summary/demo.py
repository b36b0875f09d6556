"""Demo: the closed round's summary, generated and approved, so `make run` shows the whole workflow."""

from __future__ import annotations

from consult.models import Round, RoundState
from feedback.models import Summary, SummaryState
from feedback.summary import services
from participants.models import User
from participants.permissions import CHAIR

NARRATIVE = (
    "Experts welcomed the move to pre-fill the annual report from the previous year's entries and asked "
    "for exports in CSV and XML alongside Excel.\n\n"
    "Several asked for clearer validation messages that name the field concerned, and for the guidance "
    "to be available in French and Spanish."
)


def seed(closed_round: Round) -> Summary | None:
    """Generate and approve the closed round's summary once; later runs leave it as it is."""
    closed_round.refresh_from_db()
    existing = Summary.objects.filter(round=closed_round).first()
    if existing is not None or closed_round.state != RoundState.CLOSED:
        return existing
    chair = User.objects.filter(groups__name=CHAIR).order_by("pk").first()
    summary = services.generate_now(round_id=closed_round.pk, by=chair)
    result = services.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative=NARRATIVE)
    if not result.leaks and chair is not None:
        return services.approve(summary_id=summary.pk, by=chair)
    return result.summary if result.summary.state == SummaryState.DRAFT else None
