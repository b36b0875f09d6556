"""The Chair reviews responses under pseudonyms only; only the Secretariat may see who answered, audited."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from consult.models import RoundState
from feedback import services
from feedback.models import Submission
from participants.models import AuditEvent, Category
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingrid():
    return factories.make_participant(full_name="Ingrid Johansson", email="ingrid.johansson@example.org", country="SE")


@pytest.fixture
def round_with_responses(ingrid, secretariat):
    round_ = make_round(title="Reporting tool review")
    submit(round_, ingrid, {**GOOD_ANSWERS, "comments": "As Sweden, we found it slow. Ingrid Johansson"})
    kwame = factories.make_participant(
        full_name="Kwame Mensah",
        category=Category.REGIONAL_ORGANISATION,
        organisation="West African Arms Control Network",
    )
    services.record_offline_submission(
        round_id=round_.pk,
        participant_id=kwame.pk,
        answers={"usability": "2", "format": "Word template"},
        by=secretariat,
    )
    for _ in range(3):
        submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "usability": "5"})
    factories.make_participant()  # has not answered
    return round_


def chair_pages(round_) -> list[str]:
    pseudonyms = Submission.objects.filter(round=round_).values_list("pseudonym", flat=True)
    urls = [
        reverse("feedback:chair_dashboard"),
        reverse("feedback:round_progress", kwargs={"round_id": round_.pk}),
        reverse("feedback:response_list", kwargs={"round_id": round_.pk}),
        reverse("feedback:response_list", kwargs={"round_id": round_.pk}) + "?answer=usability:5",
        reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "comments"}),
        reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "usability"}),
    ]
    urls += [reverse("feedback:response_detail", kwargs={"round_id": round_.pk, "pseudonym": p}) for p in pseudonyms]
    return urls


def test_the_chairs_pages_carry_no_identity_time_or_source(chair_client, round_with_responses, ingrid):
    identities = [
        "Ingrid",
        "Johansson",
        "ingrid.johansson@example.org",
        "Sweden",
        "Kwame",
        "Mensah",
        "West African Arms Control Network",
        "State Party",
        "Regional organisation",
    ]
    pseudonyms = set(Submission.objects.values_list("pseudonym", flat=True))

    for url in chair_pages(round_with_responses):
        response = chair_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        main = page[page.index("<main") : page.index("</main>")]
        for identity in identities:
            assert identity not in main, (identity, url)
        assert "offline" not in main.lower() and "written submission" not in main.lower(), url
        if "/responses/" in url or "/questions/" in url:
            assert not re.search(r"\b\d{1,2}:\d{2}\b", main), url  # no submission or edit times
        linked = {int(n) for n in re.findall(r"/responses/(\d+)/", main)}
        assert linked <= pseudonyms, url  # responses are addressed by pseudonym only


def test_free_text_reaches_the_chair_anonymized(chair_client, round_with_responses):
    url = reverse("feedback:question_detail", kwargs={"round_id": round_with_responses.pk, "key": "comments"})

    page = chair_client.get(url).content.decode()

    assert "we found it slow" in page
    assert "[a State]" in page


def test_someone_who_registers_later_is_removed_from_texts_already_shown(chair_client):
    """Anonymized texts are remembered between pages, but never across a change of the registry."""
    round_ = make_round()
    submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "comments": "Ask Zofia Wyszynska about Excel."})
    url = reverse("feedback:response_list", kwargs={"round_id": round_.pk})
    assert "Zofia Wyszynska" in chair_client.get(url).content.decode()  # nobody of that name yet

    factories.make_participant(full_name="Zofia Wyszynska")
    page = chair_client.get(url).content.decode()

    assert "Zofia Wyszynska" not in page
    assert "about Excel." in page


def test_a_renamed_staff_member_is_removed_under_the_new_name(chair_client, secretariat):
    round_ = make_round()
    submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "comments": "Thanks to Olamide Adeyemi-Brandt."})
    url = reverse("feedback:response_list", kwargs={"round_id": round_.pk})
    assert "Olamide Adeyemi-Brandt" in chair_client.get(url).content.decode()

    secretariat.name = "Olamide Adeyemi-Brandt"
    secretariat.save()

    assert "Olamide Adeyemi-Brandt" not in chair_client.get(url).content.decode()


def test_urls_address_responses_by_pseudonym_not_by_submission_id(chair_client, round_with_responses):
    submission = Submission.objects.filter(round=round_with_responses).first()

    by_pseudonym = chair_client.get(
        reverse(
            "feedback:response_detail", kwargs={"round_id": round_with_responses.pk, "pseudonym": submission.pseudonym}
        )
    )

    assert by_pseudonym.status_code == 200
    assert f"Respondent {submission.pseudonym}" in by_pseudonym.content.decode()


def test_respondents_are_listed_in_pseudonym_order(chair_client, round_with_responses):
    page = chair_client.get(reverse("feedback:response_list", kwargs={"round_id": round_with_responses.pk}))

    shown = [int(n) for n in re.findall(r'id="respondent-(\d+)"', page.content.decode())]

    assert shown == sorted(Submission.objects.values_list("pseudonym", flat=True))


def test_the_chair_filters_respondents_by_an_answer_value(chair_client, round_with_responses):
    url = reverse("feedback:response_list", kwargs={"round_id": round_with_responses.pk})

    page = chair_client.get(url, {"answer": "usability:5"}).content.decode()

    assert "3 responses match." in page
    assert len(re.findall(r'id="respondent-\d+"', page)) == 3


def test_a_text_search_cannot_probe_for_a_removed_identity(chair_client, round_with_responses):
    url = reverse("feedback:response_list", kwargs={"round_id": round_with_responses.pk})

    page = chair_client.get(url, {"contains": "Sweden"}).content.decode()

    assert "No response matches these filters." in page


def test_the_question_view_shows_a_distribution_and_filters_by_value(chair_client, round_with_responses):
    url = reverse("feedback:question_detail", kwargs={"round_id": round_with_responses.pk, "key": "usability"})

    page = chair_client.get(url, {"answer": "2"}).content.decode()

    assert "Distribution" in page
    assert "1 answer matches." in page


def test_drafts_are_not_responses_for_the_chair(chair_client):
    round_ = make_round()
    participant = factories.make_participant()
    draft = services.save_draft(round_id=round_.pk, participant=participant, answers={"usability": "3"}, version=0)

    page = chair_client.get(reverse("feedback:response_list", kwargs={"round_id": round_.pk}))
    detail = chair_client.get(
        reverse("feedback:response_detail", kwargs={"round_id": round_.pk, "pseudonym": draft.pseudonym})
    )

    assert "No response has been submitted yet" in page.content.decode()
    assert detail.status_code == 404


def test_unsubmitted_edits_are_not_shown_to_the_chair(chair_client):
    round_ = make_round()
    participant = factories.make_participant()
    submission = submit(round_, participant)
    services.save_draft(
        round_id=round_.pk,
        participant=participant,
        answers={**GOOD_ANSWERS, "comments": "Half-typed second thoughts"},
        version=submission.version,
    )

    page = chair_client.get(
        reverse("feedback:response_detail", kwargs={"round_id": round_.pk, "pseudonym": submission.pseudonym})
    )

    assert "Half-typed second thoughts" not in page.content.decode()
    assert "Pre-filling saves a week of work." in page.content.decode()


def test_progress_by_category_is_for_the_secretariat_only(chair_client, secretariat_client, round_with_responses):
    url = reverse("feedback:round_progress", kwargs={"round_id": round_with_responses.pk})

    for_chair = chair_client.get(url).content.decode()
    for_secretariat = secretariat_client.get(url).content.decode()

    assert "By category" not in for_chair and "Regional organisation" not in for_chair
    assert "By category" in for_secretariat and "Regional organisation" in for_secretariat
    assert "5 of 6 submitted" in for_chair


def test_one_click_reminder_emails_only_those_who_have_not_submitted(
    secretariat_client, round_with_responses, django_capture_on_commit_callbacks
):
    from django.core import mail

    waiting = factories.make_participant(email="waiting@example.org")
    url = reverse("feedback:send_reminders", kwargs={"round_id": round_with_responses.pk})

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(url, follow=True)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert waiting.email in recipients
    assert "ingrid.johansson@example.org" not in recipients
    assert "Reminders are on their way to 2 participants" in response.content.decode()


def test_revealing_identities_is_explicit_and_audited(secretariat_client, secretariat, round_with_responses):
    url = reverse("feedback:respondents", kwargs={"round_id": round_with_responses.pk})

    before = secretariat_client.get(url).content.decode()
    after = secretariat_client.post(url).content.decode()

    assert "Ingrid Johansson" not in before
    assert "Ingrid Johansson" in after and "Kwame Mensah" in after
    event = AuditEvent.objects.get(action="feedback.reveal_identity")
    assert event.actor == secretariat
    assert event.target_id == str(round_with_responses.pk)
    assert event.details["scope"] == "round"
    assert sorted(event.details["pseudonyms"]) == sorted(Submission.objects.values_list("pseudonym", flat=True))


def test_revealing_one_respondent_is_audited_with_its_pseudonym(secretariat_client, round_with_responses, ingrid):
    submission = Submission.objects.get(participant=ingrid)
    url = reverse("feedback:respondents", kwargs={"round_id": round_with_responses.pk})

    page = secretariat_client.post(url, {"pseudonym": submission.pseudonym}).content.decode()

    assert "Ingrid Johansson" in page and "Kwame Mensah" not in page
    event = AuditEvent.objects.get(action="feedback.reveal_identity")
    assert (event.details["scope"], event.details["pseudonyms"]) == ("respondent", [submission.pseudonym])


def test_the_chair_cannot_reveal_identities(chair_client, round_with_responses):
    response = chair_client.post(reverse("feedback:respondents", kwargs={"round_id": round_with_responses.pk}))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="feedback.reveal_identity").exists()


def test_a_round_not_yet_open_has_no_responses_to_read(chair_client):
    round_ = make_round(state=RoundState.SCHEDULED)

    response = chair_client.get(reverse("feedback:response_list", kwargs={"round_id": round_.pk}))

    assert response.status_code == 404
