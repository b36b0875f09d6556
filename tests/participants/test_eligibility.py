"""Eligibility rules of Annex 1 §3, §6 and §9, for every category."""

from __future__ import annotations

import pytest
from django.utils import timezone

from participants.eligibility import (
    may_be_answered_for,
    may_self_register,
    may_take_part,
    must_name_instrument,
    needs_invitation,
)
from participants.models import Category, Participant, Status
from tests.factories import STATEMENT

NOW = timezone.now()
REGISTERED = {
    "statement": STATEMENT,
    "personal_capacity_acknowledged_at": NOW,
    "confidentiality_acknowledged_at": NOW,
}

SELF_REGISTERING = {
    Category.STATE_PARTY,
    Category.SIGNATORY_STATE,
    Category.INTERNATIONAL_ORGANISATION,
    Category.REGIONAL_ORGANISATION,
}


@pytest.mark.parametrize("category", Category.values)
def test_only_annex_paragraph_3_categories_register_themselves(category):
    assert may_self_register(category) is (category in SELF_REGISTERING)
    assert needs_invitation(category) is (category not in SELF_REGISTERING)


@pytest.mark.parametrize("category", Category.values)
def test_only_international_and_regional_organisations_name_an_instrument(category):
    """§3: organisations register themselves only when they manage reporting under a similar instrument."""
    organisations = {Category.INTERNATIONAL_ORGANISATION, Category.REGIONAL_ORGANISATION}
    assert must_name_instrument(category) is (category in organisations)
    assert not must_name_instrument(category) or may_self_register(category)


@pytest.mark.parametrize("category", Category.values)
def test_restricted_rounds_are_for_approved_state_party_participants_only(category):
    participant = Participant(category=category, status=Status.APPROVED, **REGISTERED)

    assert may_take_part(participant, restricted=True) is (category == Category.STATE_PARTY)
    assert may_take_part(participant, restricted=False) is True


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.APPROVED])
def test_only_approved_participants_take_part(status):
    participant = Participant(category=Category.STATE_PARTY, status=status, **REGISTERED)

    assert may_take_part(participant, restricted=False) is False
    assert may_take_part(participant, restricted=True) is False


@pytest.mark.parametrize(
    "missing",
    [
        {"statement": ""},
        {"personal_capacity_acknowledged_at": None},
        {"confidentiality_acknowledged_at": None},
    ],
)
def test_an_approved_participant_takes_part_only_after_completing_their_registration(missing):
    participant = Participant(category=Category.STATE_PARTY, status=Status.APPROVED, **{**REGISTERED, **missing})

    assert may_take_part(participant, restricted=False) is False
    assert may_take_part(participant, restricted=True) is False
    assert may_be_answered_for(participant, restricted=True) is True  # the Secretariat may record their letter


def test_nobody_without_a_participant_record_takes_part():
    assert may_take_part(None, restricted=False) is False
