"""Each role against every feedback URL: allowed, forbidden (403) or not found (404), never a hint."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from consult.models import RoundState
from feedback.models import Submission
from participants.models import Category, Status
from tests import factories
from tests.feedback.helpers import make_round, submit

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, NOT_FOUND, LOGIN = 200, 403, 404, 302

PARTICIPANT_PAGES = ["participant_dashboard", "answer", "autosave"]
CHAIR_PAGES = [
    "chair_dashboard",
    "round_progress",
    "response_list",
    "response_detail",
    "question_index",
    "question_detail",
    "export_csv",
    "export_xlsx",
    "export_json",
]
SECRETARIAT_PAGES = ["record_offline", "respondents", "original_file", "send_reminders"]

EXPECTED = {
    "participant": {
        **dict.fromkeys(PARTICIPANT_PAGES, OK),
        **dict.fromkeys(CHAIR_PAGES + SECRETARIAT_PAGES, FORBIDDEN),
    },
    "applicant": dict.fromkeys(PARTICIPANT_PAGES + CHAIR_PAGES + SECRETARIAT_PAGES, FORBIDDEN),
    "chair": {**dict.fromkeys(PARTICIPANT_PAGES + SECRETARIAT_PAGES, FORBIDDEN), **dict.fromkeys(CHAIR_PAGES, OK)},
    "secretariat": {
        **dict.fromkeys(PARTICIPANT_PAGES, FORBIDDEN),
        **dict.fromkeys(CHAIR_PAGES, OK),
        **dict.fromkeys(SECRETARIAT_PAGES, OK),
    },
}
POSTS = {"autosave", "send_reminders"}


def request(client: Client, name: str, round_id: int, pseudonym: int):
    kwargs = {"round_id": round_id}
    if name in ("participant_dashboard", "chair_dashboard"):
        kwargs = {}
    elif name.startswith("export_"):
        kwargs["fmt"] = name.removeprefix("export_")
        name = "export_answers"
    elif name in ("response_detail", "original_file"):
        kwargs["pseudonym"] = pseudonym
    elif name == "question_detail":
        kwargs["key"] = "usability"
    url = reverse(f"feedback:{name}", kwargs=kwargs)
    if name in POSTS:
        return client.post(url, {"version": 0, "q_usability": "3"})
    return client.get(url)


@pytest.fixture
def setting(settings, tmp_path, secretariat):
    settings.MEDIA_ROOT = tmp_path
    round_ = make_round()
    author = factories.make_participant()
    submission = submit(round_, author)
    submission.original_file.save("letter.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return round_, submission


def client_for_role(role: str, client_for, secretariat, chair) -> Client:
    if role == "participant":
        return client_for(factories.make_participant().user)
    if role == "applicant":
        return client_for(factories.make_participant(status=Status.REGISTERED).user)
    return client_for(chair if role == "chair" else secretariat)


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("page", PARTICIPANT_PAGES + CHAIR_PAGES + SECRETARIAT_PAGES)
def test_each_role_reaches_exactly_its_pages(role, page, setting, client_for, secretariat, chair):
    round_, submission = setting
    client = client_for_role(role, client_for, secretariat, chair)

    response = request(client, page, round_.pk, submission.pseudonym)

    expected = EXPECTED[role][page]
    if page in ("send_reminders", "question_index") and expected == OK:
        expected = 302  # back to the progress page with a message; on to the first question
    assert response.status_code == expected


@pytest.mark.parametrize("page", PARTICIPANT_PAGES + CHAIR_PAGES + SECRETARIAT_PAGES)
def test_visitors_are_sent_to_log_in(page, setting):
    round_, submission = setting

    response = request(Client(), page, round_.pk, submission.pseudonym)

    assert response.status_code == LOGIN
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", ["round_progress", "response_list", "export_csv"])
def test_staff_without_their_second_factor_are_sent_to_give_it(page, setting, client_for, chair):
    round_, submission = setting

    response = request(client_for(chair, second_factor=False), page, round_.pk, submission.pseudonym)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))


@pytest.mark.parametrize(
    "page", ["response_list", "response_detail", "question_detail", "export_json", "round_progress"]
)
def test_the_chair_gets_not_found_for_a_draft_round_or_an_unknown_pseudonym(page, client_for, chair):
    draft_round = make_round(state=RoundState.DRAFT)
    open_round = make_round()
    client = client_for(chair)

    hidden = request(client, page, draft_round.pk, 1)
    unknown = request(client, "response_detail", open_round.pk, 999)

    assert hidden.status_code == NOT_FOUND
    assert unknown.status_code == NOT_FOUND


def test_a_participant_gets_not_found_for_a_restricted_round_they_may_not_see(client_for):
    round_ = make_round(restricted=True)
    industry = factories.make_participant(category=Category.INDUSTRY)

    response = request(client_for(industry.user), "answer", round_.pk, 1)

    assert response.status_code == NOT_FOUND


def test_a_participant_only_ever_sees_their_own_response(setting, client_for):
    round_, submission = setting
    other = factories.make_participant()
    client = client_for(other.user)

    page = request(client, "answer", round_.pk, submission.pseudonym).content.decode()

    assert "Pre-filling saves a week of work." not in page
    assert Submission.objects.filter(participant=other).count() == 0
