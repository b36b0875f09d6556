"""Channels an adversary could use to learn identities, each closed and checked through the real pages,
exports and commands: the gate as a registry look-up, registrant names that damage other people's text,
and identities derivable from what is on file."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from feedback.models import Summary
from feedback.summary import services
from participants.models import Category, Participant, Status
from tests import factories
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db


def summary_page(client, round_) -> str:
    return client.get(reverse("summary:detail", kwargs={"round_id": round_.pk})).content.decode()


def without_tokens(page: str) -> str:
    """The page less its random CSRF tokens, in which a short form such as "HT" turns up by chance."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def leak_lines(page: str) -> list[str]:
    """The gate's report as the Chair reads it, with the flagged words taken out."""
    lines = re.findall(r"<li><strong>[^<]*</strong> \([^)]*\): ….*?</li>", page)
    return [re.sub(r'<mark class="leak">.*?</mark>', "NAME", line) for line in lines]


def save_narrative(client, round_, narrative: str) -> str:
    summary = Summary.objects.get(round=round_)
    client.post(
        reverse("summary:edit", kwargs={"round_id": round_.pk}), {"narrative": narrative, "version": summary.version}
    )
    return summary_page(client, round_)


@pytest.fixture
def summarised(chair):
    round_ = open_round()
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": "Pre-filling from last year saves hours."})
    close(round_)
    services.generate_now(round_id=round_.pk, by=chair)
    return round_


# ---- 4. the leak gate is no registry look-up ---------------------------------------------------


def test_the_gate_answers_the_same_for_a_registered_and_an_unregistered_name(summarised, chair_client):
    factories.make_participant(full_name="Ingrid Johansson", country="SE")

    registered = leak_lines(save_narrative(chair_client, summarised, "Ingrid Johansson made the case."))
    unregistered = leak_lines(save_narrative(chair_client, summarised, "Pedro Alvarado made the case."))

    assert registered == unregistered
    assert registered == [
        "<li><strong>Chair&#x27;s narrative</strong> (a person&#x27;s name): …NAME made the case.…</li>"
    ]


@pytest.mark.parametrize("name", ["Ingrid Johansson", "Pedro Alvarado"])
def test_generate_summary_refuses_a_narrative_naming_anyone_registered_or_not(summarised, chair, tmp_path, name):
    factories.make_participant(full_name="Ingrid Johansson", country="SE")
    summary = Summary.objects.get(round=summarised)
    services.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative=f"Thanks, {name}.")
    errors = io.StringIO()

    with pytest.raises(CommandError, match="leak gate"):
        call_command(
            "generate_summary", summarised.pk, "--format", "md", "--output", str(tmp_path / "s.md"), stderr=errors
        )

    assert f"“{name}”" in errors.getvalue() or name in errors.getvalue()
    assert not (tmp_path / "s.md").exists()


def test_an_organisation_or_acronym_is_flagged_in_the_narrative_whether_registered_or_not(summarised, chair_client):
    factories.make_participant(
        category=Category.REGIONAL_ORGANISATION, organisation="West African Arms Control Network", acronym="WAACN"
    )

    registered = leak_lines(save_narrative(chair_client, summarised, "WAACN asked for more."))
    unregistered = leak_lines(save_narrative(chair_client, summarised, "EAACN asked for more."))

    assert registered == unregistered
    assert len(registered) == 1


def test_an_edited_excerpt_is_checked_and_highlighted_without_the_registry(summarised, chair, chair_client):
    factories.make_participant(full_name="Ingrid Johansson", country="SE")
    summary = Summary.objects.get(round=summarised)
    excerpt_id = summary.content["questions"][-1]["groups"][0]["id"]

    def edit(text: str) -> tuple[list[str], list]:
        current = Summary.objects.get(pk=summary.pk)
        services.save_edits(
            summary_id=current.pk, by=chair, expected_version=current.version, excerpts={excerpt_id: text}
        )
        content = Summary.objects.get(pk=summary.pk).content
        edited = next(e for q in content["questions"] for e in q["groups"] if e["id"] == excerpt_id)
        return leak_lines(summary_page(chair_client, summarised)), edited["flags"]

    assert edit("As Johansson said, pre-filling helps.") == edit("As Andersson said, pre-filling helps.")


# ---- 5. registrant names cannot damage other people's text -----------------------------------


@pytest.fixture
def ordinary_word_registrants():
    for name in ("Validation Messages", "State Party", "Excel Templates"):
        factories.make_participant(full_name=name, country="NO")


def test_a_registrant_named_with_ordinary_words_does_not_remove_them_from_answers(
    ordinary_word_registrants, chair, chair_client, tmp_path
):
    round_ = open_round()
    text = "Clearer Validation Messages would help State Party users; the Excel Templates are fine."
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": text})
    close(round_)

    responses = chair_client.get(reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "improve"}))
    call_command(
        "generate_summary", round_.pk, "--format", "md", "--output", str(tmp_path / "s.md"), stdout=io.StringIO()
    )

    assert text in responses.content.decode()
    assert text in (tmp_path / "s.md").read_text()


def test_a_registrant_named_like_a_category_label_cannot_block_approval(chair, chair_client):
    factories.make_participant(full_name="Observer State", country="NO")
    round_ = open_round()
    for person in respondents(3, category=Category.OBSERVER_STATE):
        answer(round_, person, {"ease": 4, "pilot": True, "improve": "Fine."})
    close(round_)
    summary = services.generate_now(round_id=round_.pk, by=chair)
    assert summary.content["participation"]["cells"][0]["label"] == "Observer State"

    # Past the check for an empty narrative (confirmed), the gate must not stop it either.
    response = chair_client.post(
        reverse("summary:approve", kwargs={"round_id": round_.pk}), {"confirmed": "1"}, follow=True
    )

    assert "leak gate" not in response.content.decode()
    assert Summary.objects.get(pk=summary.pk).state == "approved"


def test_a_name_holding_markup_removes_no_word_from_answers(chair_client):
    # Stored before names were checked (or by a script): the anonymizer must still ignore its fragments.
    factories.make_participant(full_name='<img src=x onerror="alert(1)">', country="NO")
    round_ = open_round()
    text = "The img tag and the onerror handler of the HTML export are fine; alert users earlier."
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": text})
    close(round_)

    page = chair_client.get(reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "improve"}))

    assert text in page.content.decode()


def test_an_applicant_never_approved_changes_nobody_s_text(client, chair_client, secretariat):
    from participants import services as participant_services
    from tests.participants.helpers import registration_data

    client.post(reverse("participants:register"), registration_data(full_name="Kobo Toolbox", email="kobo@example.org"))
    applicant = Participant.objects.get(user__email="kobo@example.org")
    round_ = open_round()
    text = "We built the offline form in Kobo and tested it."
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": text})
    close(round_)
    url = reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "improve"})

    before = chair_client.get(url).content.decode()
    applicant.email_confirmed_at = applicant.created_at
    applicant.save(update_fields=["email_confirmed_at"])
    participant_services.approve_participant(participant_id=applicant.pk, by=secretariat)
    after = chair_client.get(url).content.decode()

    assert applicant.status == Status.REGISTERED
    assert text in before
    assert "Kobo" not in after and "We built the offline form in" in after


# ---- 6. identities derivable from what is on file --------------------------------------------


@pytest.fixture
def registry_with_derivable_forms():
    factories.make_participant(
        full_name="Leo Park",
        category=Category.REGIONAL_ORGANISATION,
        organisation="Pacific Customs and Security Advisory Board",
        email="leo@pcsab.org",
    )
    factories.make_participant(full_name="Kim Lee", category=Category.INDUSTRY, organisation="Acme Dynamics Ltd")
    factories.make_participant(
        full_name="Ana Ruiz",
        category=Category.CIVIL_SOCIETY,
        organisation="Centre for Reporting Excellence",
        email="ana@cre-hub.org",
    )
    for name in ("Hannah Thompson", "Maria Rosa Kowalczyk", "Tomás Bergström", "Jean-Pierre Dubois", "Jane Doe"):
        factories.make_participant(full_name=name, country="FR")
    factories.make_participant(full_name="Ahmed al-Hassan", country="BO")


def test_derived_forms_leave_no_trace_in_the_chairs_pages_and_the_summary(
    registry_with_derivable_forms, chair_client, tmp_path
):
    round_ = open_round()
    text = (
        "PCSAB and P.C.S.A.B. agree; Acme Dynamics GmbH and Acme engineers tested it with CRE-HUB staff. "
        "The Centre for Reporting Excellence (CfRE) says CfRE wants Article 11 data by 31 May. "
        "H.T. noted page 4; HT said best practice is JSON. Per J.-P. the French version works. "
        "Ping @jdoe or @JDoe_XY or jane.doe. The Plurinational State and El-Hassan agreed.\n— M.R.K.\n/TB"
    )
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": text})
    close(round_)

    page = chair_client.get(reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "improve"}))
    call_command(
        "generate_summary", round_.pk, "--format", "md", "--output", str(tmp_path / "s.md"), stdout=io.StringIO()
    )

    for output in (without_tokens(page.content.decode()), (tmp_path / "s.md").read_text()):
        for form in (
            "PCSAB",
            "P.C.S.A.B",
            "Acme",
            "GmbH",
            "CRE-HUB",
            "CfRE",
            "Reporting Excellence",
            "H.T.",
            "HT",
            "J.-P.",
            "jdoe",
            "JDoe",
            "jane.doe",
            "Plurinational",
            "Hassan",
            "M.R.K.",
            "/TB",
        ):
            assert form not in output, form
        for substance in ("Article 11", "31 May", "page 4", "best practice", "JSON", "French version"):
            assert substance in output, substance


def test_a_capital_of_a_participants_state_goes_and_the_others_are_counted_for_review(chair, tmp_path):
    factories.make_participant(full_name="Ingrid Johansson", country="NO")
    round_ = open_round()
    for person in respondents(3, country="NO"):
        answer(round_, person, {"ease": 4, "improve": "Our colleagues in Oslo and in Vienna use the CSV export."})
    close(round_)
    output = io.StringIO()

    call_command("generate_summary", round_.pk, "--format", "md", "--output", str(tmp_path / "s.md"), stdout=output)

    markdown = (tmp_path / "s.md").read_text()
    assert "Oslo" not in markdown
    assert "in [a place] and in Vienna use the CSV export" in markdown
    assert "1 capital city or region left" in output.getvalue()  # Vienna (the three same answers are one group)


def test_a_participant_who_renames_themselves_is_still_removed_under_the_former_name(client_for, chair_client):
    ingrid = factories.make_participant(full_name="Ingrid Johansson", country="SE", statement="x" * 60)
    client_for(ingrid.user).post(
        reverse("participants:profile"),
        {
            "section": "details",
            "details-full_name": "Ingrid Lindqvist",
            "details-phone": "",
            "details-expertise": ["article_13"],
            "details-statement": "Ten years preparing annual reports under Article 13 of the Treaty.",
            "details-time_zone": "Europe/Stockholm",
        },
    )
    round_ = open_round()
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": "Johansson and Lindqvist both asked for pre-filling."})
    close(round_)

    page = chair_client.get(reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "improve"}))

    ingrid.refresh_from_db()
    assert ingrid.full_name == "Ingrid Lindqvist"
    assert "Johansson" not in page.content.decode()
    assert "Lindqvist" not in page.content.decode()
    assert "both asked for pre-filling" in page.content.decode()
