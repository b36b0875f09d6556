"""The Secretariat and the Chair preview a questionnaire as an eligible participant will see it, before
the round opens: the same questions and follow-ups, answers checked by the submission's rules, nothing saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consult.models import RoundState
from feedback.models import Submission
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.kinds_helpers import FOLLOW_UP_QUESTIONS, RANKING_AND_GRID

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled():
    return make_round(state=RoundState.SCHEDULED, questions=[*FOLLOW_UP_QUESTIONS, *RANKING_AND_GRID])


def test_the_chair_previews_a_scheduled_round_with_its_follow_ups(client_for, scheduled):
    chair = client_for(factories.make_chair())

    page = chair.get(reverse("feedback:preview", args=[scheduled.pk])).content.decode()

    assert "Preview: this is the questionnaire as an eligible participant will see it." in page
    assert 'data-show-if="prefill"' in page
    assert "feedback-follow-ups.js" in page
    assert "Other, please specify" in page
    assert "feedback-answer.js" not in page  # no autosave: nothing is saved


def test_checking_test_answers_uses_the_submission_rules_and_saves_nothing(secretariat_client, scheduled):
    url = reverse("feedback:preview", args=[scheduled.pk])

    refused = secretariat_client.post(url, {"q_prefill": "yes", "q_staff": "99"}).content.decode()
    dropped = secretariat_client.post(url, {"q_prefill": "no", "q_prefill_what": "Exports"}).content.decode()

    assert "A participant submitting these answers would be asked to correct" in refused
    assert "This question needs an answer before you submit." in refused
    assert "Give a number from 0 to 50; 99 is outside it." in refused
    assert "These answers would be accepted on submission." in dropped
    assert "<li>What should it pre-fill?</li>" in dropped
    assert not Submission.objects.exists()


def test_the_round_page_and_the_editor_link_to_the_preview(secretariat_client, scheduled):
    preview = reverse("feedback:preview", args=[scheduled.pk])

    detail = secretariat_client.get(reverse("consult:round_detail", args=[scheduled.pk])).content.decode()
    editor = secretariat_client.get(reverse("consult:questionnaire", args=[scheduled.pk])).content.decode()

    assert f'href="{preview}"' in detail
    assert f'href="{preview}"' in editor
