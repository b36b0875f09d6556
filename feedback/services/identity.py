"""Only the Secretariat may link a pseudonym to a person, and every time it does, the trail says so."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404

from consult.models import Round
from feedback.models import Submission, SubmissionState
from participants import audit
from participants.models import User
from participants.permissions import SECRETARIAT
from participants.policy import require


@dataclass(frozen=True)
class Revealed:
    pseudonym: int
    full_name: str
    email: str
    category: str
    affiliation: str
    state: str
    source: str
    submitted_at: object
    updated_at: object
    has_file: bool


@transaction.atomic
def reveal_identities(*, round_id: int, by: User, pseudonym: int | None = None) -> list[Revealed]:
    """Who stands behind the round's pseudonyms (all respondents, or one), recorded in the audit trail
    with who asked, when and which round. Raises NotAllowed for anyone but the Secretariat,
    Http404 for an unknown pseudonym."""
    require(by, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    submissions = Submission.objects.filter(round=round_).select_related("participant__user").order_by("pseudonym")
    if pseudonym is not None:
        submissions = submissions.filter(pseudonym=pseudonym)
    else:
        submissions = submissions.filter(state=SubmissionState.SUBMITTED)
    revealed = [
        Revealed(
            pseudonym=submission.pseudonym,
            full_name=submission.participant.full_name,
            email=submission.participant.email,
            category=submission.participant.get_category_display(),
            affiliation=submission.participant.affiliation,
            state=submission.get_state_display(),
            source=submission.get_source_display(),
            submitted_at=submission.submitted_at,
            updated_at=submission.updated_at,
            has_file=bool(submission.original_file),
        )
        for submission in submissions
    ]
    if pseudonym is not None and not revealed:
        raise Http404
    audit.record(
        actor=by,
        action="feedback.reveal_identity",
        target=round_,
        scope="respondent" if pseudonym is not None else "round",
        pseudonyms=[item.pseudonym for item in revealed],
    )
    return revealed


@transaction.atomic
def open_original_file(*, round_id: int, pseudonym: int, by: User) -> Submission:
    """The offline submission whose e-mailed file the Secretariat wants; the file names its author, so
    opening it is recorded like a reveal. Raises NotAllowed, Http404."""
    require(by, SECRETARIAT)
    submission = Submission.objects.filter(round_id=round_id, pseudonym=pseudonym).exclude(original_file="").first()
    if submission is None:
        raise Http404
    audit.record(actor=by, action="feedback.download_original", target=submission.round, pseudonyms=[pseudonym])
    return submission
