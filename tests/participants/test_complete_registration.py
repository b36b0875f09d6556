"""People added by import take part only once they have logged in and given what §4, §11 and §12 ask."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from participants.eligibility import taking_part
from participants.models import Participant
from tests import factories

pytestmark = pytest.mark.django_db

STATEMENT = "Ten years preparing my country's annual reports under Article 13 of the Treaty."


def imported(tmp_path: Path) -> Participant:
    path = tmp_path / "people.csv"
    path.write_text(
        "email,full_name,category,affiliation,country\ningrid@example.org,Ingrid Johansson,state_party,Sweden,SE\n",
        encoding="utf-8",
    )
    call_command("import_participants", str(path), "--reason", "Nominated by Sweden", stdout=io.StringIO())
    return Participant.objects.select_related("user").get(user__email="ingrid@example.org")


def test_an_imported_participant_sees_only_what_they_must_do(tmp_path, client_for):
    participant = imported(tmp_path)
    client = client_for(participant.user)

    dashboard = client.get(reverse("feedback:participant_dashboard"))
    profile = client.get(reverse("participants:profile")).content.decode()

    assert dashboard.status_code == 302 and dashboard["Location"] == reverse("participants:profile")
    assert "Complete your registration to take part." in profile
    assert "Write your statement of expertise and commitment" in profile
    assert "Confirm the two acknowledgements below" in profile
    assert not Participant.objects.filter(taking_part(restricted=False)).exists()


def test_after_the_statement_and_both_acknowledgements_they_take_part(tmp_path, client_for):
    participant = imported(tmp_path)
    client = client_for(participant.user)

    client.post(
        reverse("participants:profile"),
        {
            "section": "details",
            "details-full_name": "Ingrid Johansson",
            "details-expertise": ["article_13"],
            "details-statement": STATEMENT,
            "details-time_zone": "Europe/Stockholm",
        },
    )
    halfway = client.get(reverse("feedback:participant_dashboard"))
    client.post(reverse("participants:profile"), {"section": "acknowledge"})
    done = client.get(reverse("feedback:participant_dashboard"))
    profile = client.get(reverse("participants:profile")).content.decode()

    assert halfway.status_code == 302  # the statement alone is not enough
    assert done.status_code == 200
    assert "Complete your registration" not in profile
    assert list(Participant.objects.filter(taking_part(restricted=True))) == [participant]


def test_people_who_applied_are_not_asked_again(client_for):
    participant = factories.make_participant()

    assert client_for(participant.user).get(reverse("feedback:participant_dashboard")).status_code == 200
    assert (
        "Complete your registration"
        not in client_for(participant.user).get(reverse("participants:profile")).content.decode()
    )
