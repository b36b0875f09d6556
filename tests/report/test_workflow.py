"""The Secretariat's cycle report: generate with progress, edit, gate, approve, export; who may do what."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from feedback.report import services
from feedback.report.models import CycleReport, ReportState
from tests import factories
from tests.report.helpers import a_cycle, approve_summary, record_action

pytestmark = pytest.mark.django_db


def test_generating_on_the_page_runs_in_the_background_and_the_page_then_shows_the_figures(
    secretariat_client, chair, django_capture_on_commit_callbacks
):
    cycle, rounds, _people = a_cycle(respondents=4)
    approve_summary(rounds[0], chair)

    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(reverse("report:generate", args=[cycle.pk]))
    response = secretariat_client.get(reverse("report:detail", args=[cycle.pk]))

    progress = secretariat_client.get(reverse("report:progress", args=[cycle.pk])).json()
    assert progress == {"status": "done", "progress": 100, "error": False}
    page = response.content.decode()
    assert "Online reporting tool: pre-filling" in page and "Guidance review 1" in page
    assert "Experts asked for pre-filled reports." in page
    assert "The Chair has not yet approved a summary of this consultation." in page


def test_the_report_keeps_the_figures_of_the_day_it_was_generated(secretariat):
    cycle, _rounds, _people = a_cycle(respondents=4)
    report = services.generate_now(cycle_id=cycle.pk, by=secretariat)

    factories.make_participant()  # joins after the report was generated
    report.refresh_from_db()
    regenerated = services.generate_now(cycle_id=cycle.pk, by=secretariat)

    assert report.content["group"]["total"][0] == 4
    assert regenerated.content["group"]["total"][0] == 5
    assert report.content["generated_on"] == regenerated.content["generated_on"]


def test_a_name_in_the_introduction_blocks_approval_and_downloads_until_removed(secretariat_client, secretariat):
    cycle, _rounds, people = a_cycle(respondents=3)
    report = services.generate_now(cycle_id=cycle.pk, by=secretariat)
    name = people[0].full_name

    secretariat_client.post(
        reverse("report:texts", args=[cycle.pk]),
        {"introduction": f"Thanks to {name}.", "conclusions": "", "version": report.version},
    )
    page = secretariat_client.get(reverse("report:detail", args=[cycle.pk])).content.decode()
    approved = secretariat_client.post(reverse("report:approve", args=[cycle.pk]), follow=True).content.decode()
    download = secretariat_client.get(reverse("report:export", args=[cycle.pk, "md"]), follow=True)

    assert "The leak gate found 1 identifying detail" in page and name in page
    assert "Remove them, then try again" in approved
    assert download.get("Content-Disposition") is None
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT

    secretariat_client.post(
        reverse("report:texts", args=[cycle.pk]),
        {"introduction": "Thanks to every expert.", "conclusions": "More next cycle.", "version": report.version},
    )
    secretariat_client.post(reverse("report:approve", args=[cycle.pk]))
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED


def test_a_stale_edit_is_refused_and_loses_nothing_already_saved(secretariat_client, secretariat):
    cycle, _rounds, _people = a_cycle(respondents=3)
    report = services.generate_now(cycle_id=cycle.pk, by=secretariat)
    url = reverse("report:texts", args=[cycle.pk])
    secretariat_client.post(url, {"introduction": "First.", "conclusions": "", "version": report.version})

    response = secretariat_client.post(
        url, {"introduction": "Second.", "conclusions": "", "version": report.version}, follow=True
    )

    assert "Someone else saved this report" in response.content.decode()
    report.refresh_from_db()
    assert report.introduction == "First."


def test_the_word_file_has_numbered_paragraphs_chapters_and_tables_with_header_rows(secretariat, chair):
    cycle, rounds, _people = a_cycle(respondents=4)
    approve_summary(rounds[0], chair)
    record_action([rounds[0]], secretariat)
    report = services.generate_now(cycle_id=cycle.pk, by=secretariat)

    data = services.export(report=report, fmt="docx", by=secretariat)

    doc = Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1:7] == [
        "I. Introduction",
        "II. The advisory group",
        "A. Participants",
        "B. Registrations and invitations",
        "III. Consultations held and written input sought",
        "A. Consultations held (online and in person)",
    ]
    numbered = [p.text.split("\t")[0] for p in doc.paragraphs if "\t" in p.text]
    assert numbered == [f"{n}." for n in range(1, len(numbered) + 1)] and len(numbered) >= 6
    for table in doc.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert doc.core_properties.author == "ATT Secretariat"


def test_the_json_has_the_rounds_themes_and_follow_up_without_internal_fields(secretariat, chair):
    cycle, rounds, _people = a_cycle(respondents=4)
    approve_summary(rounds[0], chair)
    record_action([rounds[0]], secretariat, status="not_taken_up", reason="Out of the Secretariat's mandate.")
    report = services.generate_now(cycle_id=cycle.pk, by=secretariat)

    payload = json.loads(services.export(report=report, fmt="json", by=secretariat))

    assert [round_["title"] for round_ in payload["rounds"]] == [
        "Online reporting tool: pre-filling",
        "Guidance review 1",
    ]
    assert payload["rounds"][0]["summary"]["narrative"] == "Experts asked for pre-filled reports."
    assert "vocabulary" not in payload["rounds"][0]["summary"]
    assert payload["follow_ups"][0]["reason"] == "Out of the Secretariat's mandate."
    assert payload["rounds"][0]["follow_ups"] == [1]


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [("secretariat", 200, 302), ("chair", 200, 403), ("participant", 403, 403), ("anonymous", 302, 302)],
)
def test_the_secretariat_runs_the_report_and_the_chair_reads_it(client_for, secretariat, chair, who, read, write):
    cycle, _rounds, _people = a_cycle(respondents=3)
    services.generate_now(cycle_id=cycle.pk, by=secretariat)
    clients = {
        "secretariat": lambda: client_for(secretariat),
        "chair": lambda: client_for(chair),
        "participant": lambda: client_for(factories.make_participant().user),
        "anonymous": lambda: __import__("django.test").test.Client(),
    }
    client = clients[who]()

    page = client.get(reverse("report:detail", args=[cycle.pk]))
    generate = client.post(reverse("report:generate", args=[cycle.pk]))
    approve = client.post(reverse("report:approve", args=[cycle.pk]))

    assert page.status_code == read
    assert generate.status_code == write
    assert approve.status_code == write
    if who == "anonymous":
        assert "/login/" in generate["Location"]
    if who == "chair":
        assert "Approve the report" not in page.content.decode()
        assert CycleReport.objects.get().state == ReportState.DRAFT
