"""Unicode look-alikes in every identifier matched case-insensitively: the e-mail address (login, lockout,
registration, invitation, password reset, imports, the command line) and the names `create_round` matches
(cycle, tool, ATT meeting). Each spelling must reach the same account or object, and count against it.

PostgreSQL's UPPER() folds the long s and the dotless i onto ASCII where Python's lower() does not:
these tests run on PostgreSQL in CI (DATABASE_URL), where the lockout bypass was found.
"""

from __future__ import annotations

import copy
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_otp import devices_for_user

from consult.models import Cycle, Tool
from participants import services
from participants.models import Participant, User
from tests import factories
from tests.consult.test_commands import DEFINITION
from tests.feedback.helpers import make_round
from tests.participants.helpers import PASSWORD, application

pytestmark = pytest.mark.django_db

EMAIL = "kristin.sikes@example.org"
# The same address as Django's e-mail validator accepts it: dotless i, long s, Kelvin sign, dotted capital I,
# mixed case. Each is the account above for the login, the lockout and every lookup.
LOOK_ALIKES = [
    "kr\u0131stin.sikes@example.org",
    "kri\u017ftin.\u017fikes@example.org",
    "\u212aristin.sikes@example.org",
    "KR\u0130STIN.SIKES@EXAMPLE.ORG",
    "Kristin.Sikes@Example.ORG",
]
FULL_WIDTH = "\uff4bristin.sikes@example.org"  # the form refuses it as an address


def log_in(client, email: str, password: str = factories.PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


# --- Login and lockout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_spelling_cannot_log_in_to_a_locked_account(client, settings, spelling):
    factories.make_participant(email=EMAIL)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, EMAIL, "not the password")

    response = log_in(client, spelling)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_under_look_alike_spellings_count_against_the_one_account(client, settings):
    factories.make_participant(email=EMAIL)
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, LOOK_ALIKES[number % len(LOOK_ALIKES)], "not the password")

    assert log_in(client, EMAIL).status_code == 429


def test_a_full_width_spelling_is_refused_by_the_form_and_logs_nobody_in(client):
    factories.make_participant(email=EMAIL)

    response = log_in(client, FULL_WIDTH)

    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_spelling_logs_in_to_the_same_account_when_not_locked(client, spelling):
    participant = factories.make_participant(email=EMAIL)

    response = log_in(client, spelling)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.user_id)


# --- Accounts: registration, invitation, password reset, the command line ------------------------------------


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_registering_a_look_alike_of_an_address_makes_no_second_account(spelling):
    factories.make_participant(email=EMAIL)

    with pytest.raises(services.DuplicateEmail):
        services.register_participant(email=spelling, password=PASSWORD, application=application())

    assert User.objects.count() == 1


def test_a_new_address_is_stored_in_its_folded_form():
    participant = services.register_participant(
        email=LOOK_ALIKES[0], password=PASSWORD, application=application(), now=None
    )

    assert participant.user.email == EMAIL


@pytest.mark.parametrize("spelling", LOOK_ALIKES[:3])
def test_inviting_a_look_alike_of_a_member_is_refused(spelling, secretariat):
    factories.make_participant(email=EMAIL)

    with pytest.raises(services.DuplicateEmail):
        services.invite_participant(
            request=services.InvitationRequest(
                email=spelling, category="civil_society", full_name="Kristin Sikes", organisation="Small NGO"
            ),
            by=secretariat,
        )


@pytest.mark.parametrize("spelling", LOOK_ALIKES[:3])
def test_a_password_reset_for_a_look_alike_goes_to_the_stored_address(
    client, spelling, django_capture_on_commit_callbacks
):
    factories.make_participant(email=EMAIL)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": spelling})

    [message] = mail.outbox
    assert message.to == [EMAIL]


def test_the_second_factor_reset_command_finds_the_account_by_a_look_alike():
    secretariat = factories.make_secretariat(email=EMAIL)
    factories.confirm_totp_device(secretariat)

    call_command("reset_second_factor", LOOK_ALIKES[1], stdout=StringIO())

    assert list(devices_for_user(secretariat, confirmed=None)) == []


# --- Imports matched by e-mail ------------------------------------------------------------------------------


def test_importing_the_participant_list_with_a_look_alike_updates_the_existing_person(tmp_path):
    factories.make_participant(email=EMAIL, full_name="Kristin Sikes")
    path = tmp_path / "people.csv"
    path.write_text(
        f"email,full_name,category,affiliation,country\n{LOOK_ALIKES[0]},Kristin Sikes-Berg,state_party,Norway,NO\n"
    )

    call_command("import_participants", str(path), stdout=StringIO())

    assert Participant.objects.count() == 1
    assert Participant.objects.get().full_name == "Kristin Sikes-Berg"


def test_written_answers_with_a_look_alike_address_are_recorded_for_the_participant(tmp_path):
    participant = factories.make_participant(email=EMAIL)
    round_ = make_round()
    path = tmp_path / "answers.csv"
    path.write_text(f"email,question,answer\n{LOOK_ALIKES[1]},usability,4\n")

    call_command("import_feedback", str(round_.pk), str(path), stdout=StringIO())

    assert participant.submissions.get(round=round_).answers.get(question__key="usability").value == 4


# --- Names create_round matches -----------------------------------------------------------------------------


def test_create_round_reuses_the_cycle_and_tool_whatever_look_alikes_their_names_are_written_with(tmp_path):
    first = tmp_path / "first.json"
    first.write_text(json.dumps(DEFINITION))
    call_command("create_round", str(first), stdout=StringIO())
    second = copy.deepcopy(DEFINITION)
    second.update(title="Second round", tool="Onl\u0131ne reporting tool")
    second["cycle"]["name"] = "c\u017fp12 \u2013 C\u017fP13"
    path = tmp_path / "second.json"
    path.write_text(json.dumps(second))

    call_command("create_round", str(path), stdout=StringIO())

    assert Cycle.objects.count() == Tool.objects.count() == 1
