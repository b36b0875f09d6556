"""Names are checked at every input: no markup, no control characters, a clear message (issue: names that
damage other people's text). The anonymizer matches every registered name in everyone's answers, so a name
made of "<img onerror=…>" would otherwise make "img" and "onerror" vanish from every answer."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from participants import services
from participants.models import Participant
from participants.services.invitations import InvitationRequest
from tests import factories
from tests.participants.helpers import admin_participant_form, link_in, registration_data

pytestmark = pytest.mark.django_db

MARKUP_NAME = '<img src=x onerror="alert(1)">'
RIGHT_TO_LEFT_OVERRIDE = "Ingrid \u202eJohansson"


def test_registration_refuses_a_name_holding_markup_and_keeps_what_was_typed(client):
    response = client.post(reverse("participants:register"), registration_data(full_name=MARKUP_NAME))

    page = response.content.decode()
    assert "A name must begin with a letter (this begins with “&lt;”)." in page
    assert not Participant.objects.filter(user__email="ingrid@example.org").exists()


def test_registration_refuses_an_organisation_or_acronym_holding_markup(client):
    response = client.post(
        reverse("participants:register"),
        registration_data(
            category="international_organisation",
            country="",
            organisation="Arms <script>Forum</script>",
            acronym="A{F}",
        ),
    )

    page = response.content.decode()
    assert "An organisation&#x27;s name cannot contain “&lt;”" in page
    assert "An acronym cannot contain “{”" in page
    assert not Participant.objects.exists()


def test_registration_refuses_control_characters_in_the_name_and_the_statement(client):
    statement = "Ten years of reporting under Article 13, with a hidden\x07 bell and\u202e reversed text."

    response = client.post(
        reverse("participants:register"), registration_data(full_name=RIGHT_TO_LEFT_OVERRIDE, statement=statement)
    )

    page = response.content.decode()
    assert "A name contains an invisible control character (U+202E)" in page
    assert "The text contains an invisible control character (U+0007)" in page
    assert not Participant.objects.exists()


def test_a_one_letter_name_is_refused(client):
    response = client.post(reverse("participants:register"), registration_data(full_name="A"))

    assert "A name needs at least two letters." in response.content.decode()


@pytest.mark.parametrize("name", ["Aoife Ní Bhriain", "Jean-Pierre van der Berg", "Seán O’Brien", "J. R. Smith"])  # noqa: RUF001
def test_real_names_in_any_script_and_punctuation_are_accepted(client, name):
    client.post(reverse("participants:register"), registration_data(full_name=name))

    assert Participant.objects.get(user__email="ingrid@example.org").full_name == name


def test_accepting_an_invitation_checks_the_name_typed(client, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_participant(
            request=InvitationRequest(
                email="kofi@example.org", category="industry", full_name="Kofi Boateng", organisation="Acme Ltd"
            ),
            by=secretariat,
        )
    data = registration_data(full_name="Kofi <b>Boateng</b>", organisation="Acme Ltd", country="")
    data.pop("email"), data.pop("category")

    response = client.post(link_in(mail.outbox[-1]), data)

    assert "A name cannot contain “&lt;”" in response.content.decode()
    assert Participant.objects.get(user__email="kofi@example.org").full_name == "Kofi Boateng"


def test_a_participant_cannot_rename_themselves_with_markup(client_for):
    ingrid = factories.make_participant(full_name="Ingrid Johansson", country="SE", statement="x" * 60)

    response = client_for(ingrid.user).post(
        reverse("participants:profile"),
        {
            "section": "details",
            "details-full_name": "Ingrid onerror=alert(1)",
            "details-phone": "",
            "details-expertise": ["article_13"],
            "details-statement": "Ten years preparing annual reports under Article 13 of the Treaty.",
            "details-time_zone": "Europe/Stockholm",
        },
    )

    assert response.status_code == 400
    assert "A name cannot contain “=”" in response.content.decode()
    ingrid.refresh_from_db()
    assert ingrid.full_name == "Ingrid Johansson"


def test_the_import_names_the_row_and_column_of_a_bad_name(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "email,full_name,category,affiliation,country,phone,website,acronym\n"
        "ok@example.org,Ingrid Johansson,state_party,Sweden,SE,,,\n"
        "bad@example.org,<img src=x onerror=alert(1)>,civil_society,Control\x07Arms,,,,C<A\n",
        encoding="utf-8",
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_participants", str(path), stdout=io.StringIO(), stderr=err)

    errors = err.getvalue()
    assert "Row 3, column “full_name”: A name must begin with a letter" in errors
    assert "Row 3, column “affiliation”: An organisation's name contains an invisible control character" in errors
    assert "Row 3, column “acronym”: An acronym cannot contain “<”" in errors
    assert not Participant.objects.exists()


def test_the_admin_refuses_a_name_holding_markup(secretariat_client):
    participant = factories.make_participant(full_name="Ingrid Johansson", country="SE")

    response = secretariat_client.post(
        reverse("admin:participants_participant_change", args=[participant.pk]),
        admin_participant_form(full_name="Ingrid <svg/onload=alert(1)>"),
    )

    assert "A name cannot contain “&lt;”" in response.content.decode()
    participant.refresh_from_db()
    assert participant.full_name == "Ingrid Johansson"
