"""The participant's pages: dashboard, the questionnaire with plain form posts, and the autosave endpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.models import RoundState
from feedback.models import Answer, Source, Submission, SubmissionState
from participants.models import Category
from tests import factories
from tests.consult.helpers import add_document
from tests.feedback.helpers import GOOD_ANSWERS, draft, make_round, move_round, pass_deadline, submit

pytestmark = pytest.mark.django_db


def form_data(answers: dict, **extra) -> dict:
    data = {f"q_{key}": value for key, value in answers.items()}
    return {**data, **extra}


@pytest.fixture
def participant():
    return factories.make_participant(full_name="Ingrid Johansson")


@pytest.fixture
def client(client_for, participant):
    return client_for(participant.user)


def test_dashboard_lists_open_rounds_with_deadline_documents_and_my_status(client, participant):
    open_round = make_round(title="Annual report template")
    add_document(open_round, title="Draft template v2")
    draft(open_round, participant, {"usability": "3"})

    response = client.get(reverse("feedback:participant_dashboard"))

    page = response.content.decode()
    assert "Annual report template" in page
    assert "Draft template v2" in page
    assert "Continue your draft" in page
    assert "left" in page  # time left before the deadline


def test_dashboard_hides_restricted_rounds_from_participants_who_are_not_states_parties(client_for):
    make_round(title="Restricted area test", restricted=True)
    civil_society = factories.make_participant(category=Category.CIVIL_SOCIETY)
    state_party = factories.make_participant(category=Category.STATE_PARTY)

    hidden = client_for(civil_society.user).get(reverse("feedback:participant_dashboard")).content.decode()
    shown = client_for(state_party.user).get(reverse("feedback:participant_dashboard")).content.decode()

    assert "Restricted area test" not in hidden
    assert "Restricted area test" in shown


def test_dashboard_shows_closed_rounds_with_my_submitted_answers_read_only(client, participant):
    round_ = make_round(title="Guidance review")
    submit(round_, participant)
    move_round(round_, RoundState.CLOSED)

    dashboard = client.get(reverse("feedback:participant_dashboard")).content.decode()
    page = client.get(reverse("feedback:answer", kwargs={"round_id": round_.pk})).content.decode()

    assert "Closed consultations" in dashboard and "Guidance review" in dashboard
    assert "Pre-filling saves a week of work." in page
    assert "Excel template" in page
    assert "<textarea" not in page


def test_an_offline_response_shows_in_the_participants_dashboard(client, participant, secretariat):
    from feedback import services

    round_ = make_round()
    services.record_offline_submission(
        round_id=round_.pk, participant_id=participant.pk, answers={"usability": "5"}, by=secretariat
    )

    page = client.get(reverse("feedback:participant_dashboard")).content.decode()

    assert "Submitted (written submission)" in page
    assert "recorded by the Secretariat from your written submission" in page


def test_the_questionnaire_shows_help_text_next_to_each_question(client):
    round_ = make_round()

    page = client.get(reverse("feedback:answer", kwargs={"round_id": round_.pk})).content.decode()

    assert "1 is very hard, 5 is very easy." in page
    assert "Please do not name your State or organisation." in page
    assert "Up to 200 characters." in page


def test_saving_a_draft_without_javascript_keeps_it_and_says_so(client, participant):
    round_ = make_round()
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data({"comments": "Half a thought"}, action="save", version=0), follow=True)

    assert Submission.objects.get(participant=participant).working_answers == {"comments": "Half a thought"}
    assert "Your draft is saved" in response.content.decode()
    assert "Half a thought" in response.content.decode()


def test_an_invalid_answer_is_explained_next_to_its_question_and_what_was_typed_stays(client):
    round_ = make_round()
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data({"usability": "9", "comments": "Keep me"}, action="save", version=0))

    page = response.content.decode()
    assert "A rating goes from 1 to 5; 9 is outside that range." in page
    assert "Keep me" in page
    assert not Submission.objects.exists()


def test_submitting_without_the_personal_capacity_confirmation_is_refused_with_a_message(client):
    round_ = make_round()
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data(GOOD_ANSWERS, action="submit", version=0))

    assert "Confirm that you give these views in your personal expert capacity" in response.content.decode()
    assert not Submission.objects.filter(state=SubmissionState.SUBMITTED).exists()


def test_submitting_with_the_confirmation_records_the_response_and_says_what_next(client, participant):
    round_ = make_round()
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data(GOOD_ANSWERS, action="submit", version=0, confirm="yes"), follow=True)

    submission = Submission.objects.get(participant=participant)
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.personal_capacity_confirmed_at is not None
    assert "You can change it and submit again until" in response.content.decode()


def test_a_double_click_on_submit_creates_no_duplicate(client, participant):
    round_ = make_round()
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})
    data = form_data(GOOD_ANSWERS, action="submit", version=0, confirm="yes")

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert Submission.objects.count() == 1
    assert Submission.objects.get().revisions.count() == 1
    assert "already submitted; nothing has changed" in second.content.decode()


def test_a_post_after_the_deadline_is_refused_clearly_and_the_draft_is_kept(client, participant):
    round_ = make_round(opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() + timedelta(hours=1))
    saved = draft(round_, participant, {"comments": "Saved before the deadline"})
    pass_deadline(round_)
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})

    response = client.post(
        url, form_data({**GOOD_ANSWERS, "comments": "Too late"}, action="submit", version=saved.version, confirm="yes")
    )

    page = response.content.decode()
    assert "This consultation is closed" in page
    assert "Too late" in page  # what was typed is still on the page to copy
    submission = Submission.objects.get()
    assert submission.state == SubmissionState.DRAFT
    assert submission.working_answers == {"comments": "Saved before the deadline"}


def test_a_stale_form_post_reports_the_conflict_and_keeps_the_typed_answers(client, participant):
    round_ = make_round()
    draft(round_, participant, {"comments": "First"})
    draft(round_, participant, {"comments": "Second, from my phone"})
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data({"comments": "From the old tab"}, action="save", version=1))

    page = response.content.decode()
    assert "changed in another tab or on another device" in page
    assert "From the old tab" in page
    assert Submission.objects.get().working_answers == {"comments": "Second, from my phone"}


def test_autosave_returns_the_new_version_as_json(client, participant):
    round_ = make_round()
    url = reverse("feedback:autosave", kwargs={"round_id": round_.pk})

    first = client.post(url, form_data({"comments": "Typing"}, version=0)).json()
    second = client.post(url, form_data({"comments": "Typing more"}, version=first["version"])).json()

    assert first["saved"] and second["saved"]
    assert second["version"] == first["version"] + 1
    assert second["message"].startswith("Saved ")
    assert Submission.objects.get().working_answers == {"comments": "Typing more"}


def test_autosave_from_a_stale_version_is_a_conflict_not_an_overwrite(client, participant):
    round_ = make_round()
    draft(round_, participant, {"comments": "A"})
    draft(round_, participant, {"comments": "B"})
    url = reverse("feedback:autosave", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data({"comments": "stale"}, version=1))

    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert Submission.objects.get().working_answers == {"comments": "B"}


def test_autosave_refuses_an_ill_formed_value_with_the_fields_message(client):
    round_ = make_round()
    url = reverse("feedback:autosave", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data({"usability": "9"}, version=0))

    assert response.status_code == 400
    assert response.json()["errors"] == {"q_usability": "A rating goes from 1 to 5; 9 is outside that range."}


def test_autosave_after_closing_says_the_round_is_closed(client, participant):
    round_ = make_round(state=RoundState.CLOSED)
    url = reverse("feedback:autosave", kwargs={"round_id": round_.pk})

    response = client.post(url, form_data({"comments": "late"}, version=0))

    assert response.status_code == 409
    assert response.json()["closed"] is True


def test_autosave_with_an_expired_session_sends_to_login_and_saves_nothing(participant):
    from django.test import Client

    round_ = make_round()

    response = Client().post(
        reverse("feedback:autosave", kwargs={"round_id": round_.pk}), form_data({"comments": "x"}, version=0)
    )

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert not Submission.objects.exists()


def test_a_draft_is_there_again_after_logging_in_anew(client_for, participant):
    round_ = make_round()
    client_for(participant.user).post(
        reverse("feedback:autosave", kwargs={"round_id": round_.pk}),
        form_data({"comments": "Before my laptop died"}, version=0),
    )

    page = client_for(participant.user).get(reverse("feedback:answer", kwargs={"round_id": round_.pk}))

    assert "Before my laptop died" in page.content.decode()


def test_editing_and_resubmitting_before_the_deadline_keeps_history(client, participant):
    round_ = make_round()
    submission = submit(round_, participant)
    url = reverse("feedback:answer", kwargs={"round_id": round_.pk})

    client.post(url, form_data({**GOOD_ANSWERS, "usability": "2"}, action="submit", version=submission.version))

    assert Answer.objects.get(submission=submission, question__key="usability").value == 2
    assert Submission.objects.get().revisions.count() == 2
    assert Submission.objects.get().source == Source.WEB


def test_nobody_reaches_another_participants_response(client_for, participant):
    round_ = make_round()
    submit(round_, participant, {**GOOD_ANSWERS, "comments": "Ingrid's own words"})
    other = factories.make_participant()

    page = client_for(other.user).get(reverse("feedback:answer", kwargs={"round_id": round_.pk})).content.decode()
    client_for(other.user).post(
        reverse("feedback:autosave", kwargs={"round_id": round_.pk}), form_data({"comments": "Mine"}, version=0)
    )

    assert "Ingrid's own words" not in page
    mine, hers = Submission.objects.get(participant=other), Submission.objects.get(participant=participant)
    assert mine.working_answers == {"comments": "Mine"}
    assert hers.working_answers["comments"] == "Ingrid's own words"


def test_a_restricted_round_is_not_found_for_a_participant_who_may_not_see_it(client_for):
    round_ = make_round(restricted=True)
    signatory = factories.make_participant(category=Category.SIGNATORY_STATE)

    page = client_for(signatory.user).get(reverse("feedback:answer", kwargs={"round_id": round_.pk}))
    save = client_for(signatory.user).post(
        reverse("feedback:autosave", kwargs={"round_id": round_.pk}), form_data({"comments": "x"}, version=0)
    )

    assert page.status_code == 404
    assert save.status_code == 404


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("America/Lima", "1 March 2027, 11:00 (America/Lima)"),
        ("Asia/Tokyo", "2 March 2027, 01:00 (Asia/Tokyo)"),
        ("", "1 March 2027, 17:00 (Europe/Zurich)"),
    ],
)
def test_the_deadline_is_shown_in_the_participants_own_time_zone_with_the_zone_named(client_for, zone, shown):
    from datetime import UTC, datetime

    closes_at = datetime(2027, 3, 1, 16, 0, tzinfo=UTC)
    round_ = make_round(opens_at=closes_at - timedelta(days=400), closes_at=closes_at)
    participant = factories.make_participant()
    participant.user.time_zone = zone
    participant.user.save(update_fields=["time_zone"])
    client = client_for(participant.user)

    answer_page = client.get(reverse("feedback:answer", kwargs={"round_id": round_.pk})).content.decode()
    dashboard = client.get(reverse("feedback:participant_dashboard")).content.decode()

    assert shown in answer_page
    assert shown in dashboard


def test_the_deadline_is_one_instant_for_everyone_whatever_their_time_zone(client_for):
    """A participant whose clock says the day is not over is still refused once the instant has passed."""
    round_ = make_round(closes_at=timezone.now() + timedelta(hours=1))
    participant = factories.make_participant()
    participant.user.time_zone = "Pacific/Kiritimati"  # UTC+14: it is already tomorrow there
    participant.user.save(update_fields=["time_zone"])
    samoa = factories.make_participant()
    samoa.user.time_zone = "Pacific/Pago_Pago"  # UTC-11: it is still yesterday there
    samoa.user.save(update_fields=["time_zone"])
    pass_deadline(round_)

    for person in (participant, samoa):
        response = client_for(person.user).post(
            reverse("feedback:answer", kwargs={"round_id": round_.pk}),
            form_data(GOOD_ANSWERS, action="submit", version=0, confirm="yes"),
        )
        assert "This consultation is closed" in response.content.decode()

    assert not Submission.objects.exists()
