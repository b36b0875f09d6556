"""XML exports: the participant list and the answers (anonymized, and with identities for the Secretariat),
each produced file validated against its published XML Schema (lxml)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook

from feedback.exports import ExportData, ExportIdentity, ExportQuestion, to_xml
from feedback.models import Submission
from participants.models import AuditEvent, Category, Status
from participants.roster.columns import EXPORT_COLUMNS
from participants.roster.xml import to_xml as participants_xml
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round, submit

SCHEMAS = Path(__file__).resolve().parent.parent / "static" / "schemas"
ANSWERS = "{urn:x-wgtr-advisory:answers:1}"
PEOPLE = "{urn:x-wgtr-advisory:participants:1}"


def validated(content: bytes, schema: str) -> etree._Element:
    """The document, after checking it against the published schema (the error says where it fails)."""
    document = etree.fromstring(content)
    checker = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
    assert checker.validate(document), checker.error_log
    return document


def test_the_schemas_are_published_with_the_static_files():
    assert finders.find("schemas/answers-1.xsd")
    assert finders.find("schemas/participants-1.xsd")


# --- The answers ------------------------------------------------------------------------------------


@pytest.fixture
def answered(db):
    round_ = make_round(title="Template review")
    ingrid = factories.make_participant(full_name="Ingrid Johansson", email="ingrid.johansson@example.org")
    submit(round_, ingrid, {**GOOD_ANSWERS, "comments": "Ingrid Johansson thinks pre-filling saves a week."})
    submit(round_, factories.make_participant(), {**GOOD_ANSWERS, "usability": "2", "prefill": "no"})
    return round_


def test_the_chairs_xml_export_is_valid_typed_and_names_nobody(chair_client, answered):
    response = chair_client.get(reverse("feedback:export_answers", kwargs={"round_id": answered.pk, "fmt": "xml"}))

    document = validated(response.content, "answers-1.xsd")
    assert response["Content-Type"] == "application/xml"
    assert document.get("free_text") == "anonymized"
    assert document.find(f"{ANSWERS}responses/{ANSWERS}response/{ANSWERS}identity") is None
    ratings = sorted(element.text for element in document.iter(f"{ANSWERS}rating"))
    assert ratings == ["2", "4"]
    assert {element.text for element in document.iter(f"{ANSWERS}yes_no")} == {"true", "false"}
    assert b"Ingrid" not in response.content and b"pre-filling saves a week" in response.content
    labels = [element.get("respondent") for element in document.iter(f"{ANSWERS}response")]
    assert labels == [f"Respondent {n}" for n in sorted(Submission.objects.values_list("pseudonym", flat=True))]


def export_identities(client, round_, fmt: str):
    return client.post(reverse("feedback:export_identities", kwargs={"round_id": round_.pk}), {"fmt": fmt})


def test_the_secretariats_export_with_identities_is_valid_and_recorded_as_a_reveal(secretariat_client, answered):
    response = export_identities(secretariat_client, answered, "xml")

    document = validated(response.content, "answers-1.xsd")
    assert document.get("free_text") == "original"
    names = {element.text for element in document.iter(f"{ANSWERS}name")}
    assert "Ingrid Johansson" in names
    assert b"Ingrid Johansson thinks pre-filling saves a week." in response.content
    event = AuditEvent.objects.get(action="feedback.reveal_identity")
    assert event.details["scope"] == "export"
    assert event.details["pseudonyms"] == sorted(Submission.objects.values_list("pseudonym", flat=True))


def test_the_export_with_identities_names_people_in_every_format(secretariat_client, answered):
    book = load_workbook(io.BytesIO(export_identities(secretariat_client, answered, "xlsx").content))
    header = [cell.value for cell in book["Answers"][1]]
    csv_text = export_identities(secretariat_client, answered, "csv").content.decode("utf-8-sig")
    json_text = export_identities(secretariat_client, answered, "json").content.decode()

    assert header[:6] == ["respondent", "name", "email", "category", "affiliation", "source"]
    assert "ingrid.johansson@example.org" in csv_text
    assert '"identity"' in json_text and "Ingrid Johansson" in json_text


def test_the_reveal_page_offers_the_export_only_after_the_reveal(secretariat_client, answered):
    url = reverse("feedback:respondents", kwargs={"round_id": answered.pk})

    before = secretariat_client.get(url).content.decode()
    after = secretariat_client.post(url).content.decode()

    export_url = reverse("feedback:export_identities", kwargs={"round_id": answered.pk})
    assert export_url not in before
    assert export_url in after


def test_nobody_but_the_secretariat_gets_the_export_with_identities(chair_client, answered):
    assert export_identities(chair_client, answered, "xml").status_code == 403
    assert not AuditEvent.objects.filter(action="feedback.reveal_identity").exists()


TYPED = st.text(max_size=40)  # anything people paste, control characters included


@settings(max_examples=60, deadline=None)
@given(
    comments=st.lists(TYPED, min_size=1, max_size=4),
    ratings=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=4),
    title=TYPED,
    named=st.booleans(),
)
def test_every_answers_export_is_valid_whatever_was_written(comments, ratings, title, named):
    questions = [
        ExportQuestion("ease", "How easy?", "rating", []),
        ExportQuestion("formats", "Formats?", "multi_choice", ["Excel", "CSV"]),
        ExportQuestion("ideas", title or "Ideas?", "text", []),
        ExportQuestion("extra", "Number of States?", "number", []),  # a kind added later
    ]
    responses = [
        (f"Respondent {number}", {"ease": rating, "formats": ["Excel"], "ideas": text, "extra": 7})
        for number, (rating, text) in enumerate(zip(ratings, comments, strict=False), start=1)
    ]
    identities = {
        label: ExportIdentity(title, "a@example.org", "Civil society", title, "Online") for label, _ in responses
    }
    data = ExportData(
        {"title": title, "tool": "T", "cycle": "C", "stage": "design"},
        questions,
        responses,
        "original" if named else "anonymized",
        identities if named else {},
    )

    validated(to_xml(data), "answers-1.xsd")


# --- The participant list ----------------------------------------------------------------------------------


@pytest.fixture
def everyone(db):
    for number, category in enumerate(Category.values):
        factories.make_participant(
            category=category,
            status=Status.values[number % len(Status.values)],
            statement="Works on Article 13 reports.\x0b With a pasted control character.",
            expertise=["article_13", "guidance"],
        )


def test_the_participant_list_command_writes_valid_xml(everyone, tmp_path):
    path = tmp_path / "participants.xml"

    call_command("export_participants", "--format", "xml", "--output", str(path), stderr=io.StringIO())

    document = validated(path.read_bytes(), "participants-1.xsd")
    people = document.findall(f"{PEOPLE}participant")
    assert int(document.get("count")) == len(people) == len(Category.values)
    assert {person.findtext(f"{PEOPLE}category") for person in people} == set(Category.values)
    assert [element.tag.removeprefix(PEOPLE) for element in people[0]][:9] == list(EXPORT_COLUMNS[:9])
    applied = next(person for person in people if person.findtext(f"{PEOPLE}status") != "invited")
    assert applied.find(f"{PEOPLE}expertise").findall(f"{PEOPLE}area")[1].text == "guidance"


def test_the_participant_list_page_downloads_the_filtered_list_as_valid_xml(everyone, secretariat_client):
    response = secretariat_client.get(reverse("participants:export", kwargs={"fmt": "xml"}), {"status": "approved"})

    document = validated(response.content, "participants-1.xsd")
    assert response["Content-Type"] == "application/xml"
    assert {person.findtext(f"{PEOPLE}status") for person in document} == {"approved"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(EXPORT_COLUMNS), TYPED), max_size=5))
def test_every_participant_list_is_valid_whatever_it_holds(rows):
    cleaned = [
        {**row, "category": "industry", "status": "approved", "country": "", "expertise": [row.get("statement", "")]}
        for row in rows
    ]
    for row in cleaned:
        for column in ("email_confirmed_at", "created_at", "status_changed_at"):
            row[column] = "2026-12-01T09:00:00+00:00" if row.get(column) else ""
        row.pop("personal_capacity_acknowledged_at", None)
        row.pop("confidentiality_acknowledged_at", None)

    content = participants_xml(cleaned, EXPORT_COLUMNS, exported_at=dt.datetime(2026, 12, 5, tzinfo=dt.UTC))

    validated(content, "participants-1.xsd")
