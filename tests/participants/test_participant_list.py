"""The Secretariat's participant list (§2), its export from the page, and the audit trail page."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from participants import audit
from participants.models import AuditEvent, Category, Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {
        "ingrid": factories.make_participant(full_name="Ingrid Johansson", country="SE", expertise=["article_13"]),
        "kwame": factories.make_participant(
            full_name="Kwame Mensah",
            category=Category.REGIONAL_ORGANISATION,
            organisation="West African Arms Control Network",
            acronym="WAACN",
            expertise=["article_11"],
        ),
        "maria": factories.make_participant(full_name="María Fernández", country="PE", status=Status.REGISTERED),
        "awa": factories.make_participant(
            full_name="Awa Traoré", category=Category.SIGNATORY_STATE, country="CI", status=Status.DECLINED
        ),
    }


def names_in(response) -> set[str]:
    page = response.content.decode()
    return {name for name in ("Ingrid Johansson", "Kwame Mensah", "María Fernández", "Awa Traoré") if name in page}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Ingrid Johansson", "Kwame Mensah", "María Fernández", "Awa Traoré"}),
        ({"status": "registered"}, {"María Fernández"}),
        ({"category": "regional_organisation"}, {"Kwame Mensah"}),
        ({"affiliation": "sweden"}, {"Ingrid Johansson"}),
        ({"affiliation": "Cote d'Ivoire"}, {"Awa Traoré"}),
        ({"affiliation": "waacn"}, {"Kwame Mensah"}),
        ({"expertise": "article_11"}, {"Kwame Mensah"}),
        ({"q": "fernández"}, {"María Fernández"}),
        ({"status": "approved", "category": "state_party"}, {"Ingrid Johansson"}),
    ],
)
def test_the_secretariat_filters_and_searches_the_list(secretariat_client, people, query, expected):
    response = secretariat_client.get(reverse("participants:participant_list"), query)

    assert names_in(response) == expected


def test_no_match_says_what_to_do(secretariat_client, people):
    page = secretariat_client.get(reverse("participants:participant_list"), {"q": "nobody"}).content.decode()

    assert "No participant matches these filters" in page


@pytest.mark.parametrize("role", ["chair", "participant"])
def test_only_the_secretariat_sees_the_list(client_for, chair, role):
    user = chair if role == "chair" else factories.make_participant().user

    assert client_for(user).get(reverse("participants:participant_list")).status_code == 403
    assert client_for(user).get(reverse("participants:export", args=["csv"])).status_code == 403


def test_the_page_exports_the_filtered_list(secretariat_client, people):
    response = secretariat_client.get(reverse("participants:export", args=["csv"]), {"status": "approved"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["full_name"] for row in rows} == {"Ingrid Johansson", "Kwame Mensah"}
    assert AuditEvent.objects.get(action="participants.export").actor is not None


def test_the_page_exports_xlsx(secretariat_client, people):
    response = secretariat_client.get(reverse("participants:export", args=["xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 5


def test_an_unknown_export_format_is_not_found(secretariat_client):
    assert secretariat_client.get("/participants/export.exe").status_code == 404


# --- Audit trail ------------------------------------------------------------------------------------


def test_the_audit_trail_filters_by_action_actor_and_date(secretariat_client, secretariat, chair):
    applicant = factories.make_participant(full_name="Old Applicant", status=Status.REGISTERED)
    AuditEvent.objects.create(
        action="participant.approve",
        actor=secretariat,
        target_label="Old Applicant",
        at=timezone.now() - timedelta(days=10),
    )
    audit.record(actor=chair, action="participant.remove", target=applicant, reason="Left the ministry")
    audit.record(actor=secretariat, action="participant.decline", target=applicant, reason="Outside scope")
    trail = reverse("participants:audit_trail")

    by_action = secretariat_client.get(trail, {"action": "participant.remove"}).content.decode()
    by_actor = secretariat_client.get(trail, {"actor": chair.name[:5]}).content.decode()
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    recent = secretariat_client.get(trail, {"since": since}).content.decode()

    assert "Chris Chair removed" in by_action and "declined the application" not in by_action
    assert "Chris Chair removed" in by_actor and "declined the application" not in by_actor
    assert "declined the application" in recent and "approved the application" not in recent


def test_the_audit_trail_shows_times_in_the_viewers_zone_with_its_name(client_for, secretariat):
    secretariat.time_zone = "Asia/Tokyo"
    secretariat.save()
    AuditEvent.objects.create(action="participant.approve", at=datetime(2026, 3, 1, 12, 0, tzinfo=ZoneInfo("UTC")))

    page = client_for(secretariat).get(reverse("participants:audit_trail")).content.decode()

    assert "1 Mar 2026, 21:00 JST" in page


def test_the_audit_trail_is_paginated(secretariat_client):
    AuditEvent.objects.bulk_create([AuditEvent(action=f"test.{number}") for number in range(60)])

    first = secretariat_client.get(reverse("participants:audit_trail")).content.decode()
    second = secretariat_client.get(reverse("participants:audit_trail"), {"page": 2}).content.decode()

    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second


def test_the_audit_trail_csv_guards_against_formula_injection(secretariat_client, secretariat):
    audit.record(actor=secretariat, action="participant.decline", reason='=HYPERLINK("http://evil")')
    audit.record(actor=secretariat, action="participant.remove", reason="@SUM(A1)")

    response = secretariat_client.get(reverse("participants:audit_trail_csv"), {"action": "participant.decline"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["reason"] for row in rows] == ['\'=HYPERLINK("http://evil")']
    assert AuditEvent.objects.filter(action="audit.export").count() == 1


@pytest.mark.parametrize("role", ["chair", "participant"])
def test_only_the_secretariat_sees_the_audit_trail(client_for, chair, role):
    user = chair if role == "chair" else factories.make_participant().user

    assert client_for(user).get(reverse("participants:audit_trail")).status_code == 403
    assert client_for(user).get(reverse("participants:audit_trail_csv")).status_code == 403


def test_a_reversed_date_range_is_explained(secretariat_client):
    page = secretariat_client.get(
        reverse("participants:audit_trail"), {"since": "2026-03-02", "until": "2026-03-01"}
    ).content.decode()

    assert "The end date is before the start date" in page
