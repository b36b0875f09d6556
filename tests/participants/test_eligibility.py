"""Eligibility rules of Annex 1 §3, §6 and §9, for every category."""

from __future__ import annotations

import pytest

from participants.eligibility import may_self_register, may_take_part, needs_invitation
from participants.models import Category, Participant, Status

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
def test_restricted_rounds_are_for_approved_state_party_participants_only(category):
    participant = Participant(category=category, status=Status.APPROVED)

    assert may_take_part(participant, restricted=True) is (category == Category.STATE_PARTY)
    assert may_take_part(participant, restricted=False) is True


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.APPROVED])
def test_only_approved_participants_take_part(status):
    participant = Participant(category=Category.STATE_PARTY, status=status)

    assert may_take_part(participant, restricted=False) is False
    assert may_take_part(participant, restricted=True) is False


def test_nobody_without_a_participant_record_takes_part():
    assert may_take_part(None, restricted=False) is False
