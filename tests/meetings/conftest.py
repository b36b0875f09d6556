"""Fixtures of the meeting tests."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def auckland():
    """A participant whose profile says Pacific/Auckland: 13:00 UTC is in the small hours there."""
    participant = factories.make_participant(email="aroha@example.org", full_name="Aroha Ngata")
    participant.user.time_zone = "Pacific/Auckland"
    participant.user.save(update_fields=["time_zone"])
    return participant
