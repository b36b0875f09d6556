"""The admin: import with a dry-run preview (the command's rules), export, and actions that use the services."""

from __future__ import annotations

import csv
import html
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import AuditEvent, Participant, Status
from tests import factories
from tests.participants.helpers import admin_participant_form, register

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:participants_participant_import")
CHANGELIST = reverse("admin:participants_participant_changelist")
HEADER = "email,full_name,category,affiliation,country\n"


def upload(client, body: str):
    file = SimpleUploadedFile("people.csv", (HEADER + body).encode("utf-8"), content_type="text/csv")
    return client.post(IMPORT_URL, {"import_file": file, "format": "0"})


def test_the_import_preview_names_every_bad_row_and_column_and_imports_nothing(secretariat_client):
    response = upload(
        secretariat_client,
        "ok@example.org,Fine Person,state_party,Norway,NO\n"
        "bad-address,No Email,state_party,Norway,XX\n"
        "c@example.org,,industry,,\n",
    )

    page = response.content.decode()
    assert "2 rows need correcting; nothing was imported" in page
    assert "“bad-address” is not a valid e-mail address." in page
    assert "“XX” is not an ISO 3166 alpha-2 country code" in page
    assert "The organisation&#x27;s name is required." in page
    assert re.search(r"<tr><td>3</td><td><code>email</code></td><td>“bad-address” is not a valid", page)
    assert re.search(r"<tr><td>4</td><td><code>full_name</code></td><td>A full name is required.</td>", page)
    assert "Confirm import" not in page
    assert not Participant.objects.exists()


def test_a_valid_file_is_previewed_then_imported_on_confirmation(secretariat_client):
    factories.make_participant(email="ingrid@example.org", full_name="Ingrid J.", country="SE")

    preview = upload(
        secretariat_client,
        "INGRID@example.org,Ingrid Johansson,state_party,Sweden,SE\nkofi@example.org,Kofi,state_party,Ghana,GH\n",
    )

    page = preview.content.decode()
    assert "Confirm import" in page
    assert "Ingrid J. → Ingrid Johansson" in page
    assert Participant.objects.count() == 1
    confirm = {
        name: value
        for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', page)
        if name != "csrfmiddlewaretoken"
    }
    done = secretariat_client.post(reverse("admin:participants_participant_process_import"), confirm, follow=True)

    assert "Import finished: 1 new, 1 updated" in done.content.decode()
    assert Participant.objects.get(user__email="kofi@example.org").status == Status.APPROVED
    assert Participant.objects.get(user__email="ingrid@example.org").full_name == "Ingrid Johansson"
    assert AuditEvent.objects.get(action="participants.import").details["created"] == 1


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_FORMAT = "1"  # the admin's formats: CSV, then XLSX (roster.FORMATS)


def xlsx_of(*rows: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def confirm_fields(page: str) -> dict[str, str]:
    """What the confirm form posts: its hidden inputs and the reason, as a browser would send them."""
    fields = {
        name: value
        for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', page)
        if name != "csrfmiddlewaretoken"
    }
    reason = re.search(r'<textarea name="reason"[^>]*>\n?([^<]*)</textarea>', page)
    return {**fields, "reason": html.unescape(reason.group(1)) if reason else ""}


def test_the_admin_import_records_who_imported_and_why_as_the_command_does(secretariat_client, secretariat):
    factories.make_participant(email="known@example.org", full_name="Known Expert", country="NO")
    rows = "kofi@example.org,Kofi Boateng,state_party,Ghana,GH\nknown@example.org,Known Expert,state_party,Norway,NO\n"
    file = SimpleUploadedFile("people.csv", (HEADER + rows).encode(), content_type="text/csv")
    reason = "Nominated by their governments, letter of 3 March"

    upload_page = secretariat_client.get(IMPORT_URL).content.decode()
    preview = secretariat_client.post(IMPORT_URL, {"import_file": file, "format": "0", "reason": f"  {reason}  "})
    page = preview.content.decode()
    confirm = confirm_fields(page)
    done = secretariat_client.post(reverse("admin:participants_participant_process_import"), confirm, follow=True)

    assert "Kept in the audit trail with your name, for each person added." in upload_page
    assert "Confirm import" in page and confirm["reason"] == reason
    assert "Import finished: 1 new" in done.content.decode()
    kofi = Participant.objects.get(user__email="kofi@example.org")
    [added] = AuditEvent.objects.filter(action="participant.import")
    assert (added.target_id, added.actor, added.to_state, added.reason, added.details) == (
        str(kofi.pk),
        secretariat,
        Status.APPROVED,
        reason,
        {"source": "people.csv"},
    )
    summary = AuditEvent.objects.get(action="participants.import")
    assert (summary.actor, summary.reason, summary.details) == (
        secretariat,
        reason,
        {"source": "people.csv", "created": 1, "updated": 0, "unchanged": 1},
    )
    trail = secretariat_client.get(reverse("participants:audit_trail"), {"action": "participant.import"})
    assert reason in trail.content.decode()


def test_the_reason_can_be_corrected_on_the_confirm_step_and_is_checked_like_free_text(secretariat_client):
    file = SimpleUploadedFile(
        "people.xlsx", xlsx_of(["kofi@example.org", "Kofi Boateng", "state_party", "Ghana", "GH"]), content_type=XLSX
    )
    preview = secretariat_client.post(IMPORT_URL, {"import_file": file, "format": XLSX_FORMAT, "reason": "Draft"})
    confirm = confirm_fields(preview.content.decode())
    process = reverse("admin:participants_participant_process_import")

    refused = secretariat_client.post(process, {**confirm, "reason": "Nominated\u202e by letter"})
    secretariat_client.post(process, {**confirm, "reason": "Nominated by letter of 3 March"})

    assert "The text contains an invisible control character (U+202E)" in refused.content.decode()
    assert AuditEvent.objects.get(action="participant.import").reason == "Nominated by letter of 3 March"
    assert Participant.objects.get().user.email == "kofi@example.org"


def test_the_admin_import_reason_is_optional_like_the_commands(secretariat_client):
    preview = upload(secretariat_client, "kofi@example.org,Kofi Boateng,state_party,Ghana,GH\n")

    secretariat_client.post(
        reverse("admin:participants_participant_process_import"), confirm_fields(preview.content.decode())
    )

    assert AuditEvent.objects.get(action="participant.import").reason == ""


def test_the_admin_export_is_the_commands_file(secretariat_client):
    factories.make_participant(email="ingrid@example.org", full_name="=1+1", country="SE")

    response = secretariat_client.post(reverse("admin:participants_participant_export"), {"format": "0"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["email"] == "ingrid@example.org"
    assert rows[0]["full_name"] == "'=1+1"
    assert rows[0]["affiliation"] == "Sweden"


def test_the_approve_action_goes_through_the_service_and_refuses_what_it_must(secretariat_client):
    ready = factories.make_participant(full_name="Ready Applicant", status=Status.REGISTERED)
    unconfirmed = register("late@example.org", full_name="Unconfirmed Applicant", confirm=False)
    removed = factories.make_participant(full_name="Removed Person", status=Status.REMOVED)
    silent = factories.make_participant(full_name="Silent Applicant", status=Status.REGISTERED, statement="")
    chosen = [ready.pk, unconfirmed.pk, removed.pk, silent.pk]
    approvals = AuditEvent.objects.filter(action="participant.approve").count()  # the removed one was approved once

    response = secretariat_client.post(
        CHANGELIST, {"action": "approve_selected", "_selected_action": chosen, "reason": ""}, follow=True
    )

    page = response.content.decode()
    assert "Ready Applicant" in page and "has not confirmed their e-mail address" in page and "is not possible" in page
    assert "no statement of expertise and commitment (Annex 1, §4)" in page
    statuses = dict(Participant.objects.values_list("full_name", "status"))
    assert statuses == {
        "Ready Applicant": "approved",
        "Unconfirmed Applicant": "registered",
        "Removed Person": "removed",
        "Silent Applicant": "registered",
    }
    assert AuditEvent.objects.filter(action="participant.approve").count() == approvals + 1


def test_the_decline_action_needs_a_reason(secretariat_client):
    applicant = factories.make_participant(status=Status.REGISTERED)

    secretariat_client.post(
        CHANGELIST, {"action": "decline_selected", "_selected_action": [applicant.pk], "reason": ""}
    )

    applicant.refresh_from_db()
    assert applicant.status == Status.REGISTERED


def test_the_status_cannot_be_edited_in_the_admin(secretariat_client):
    participant = factories.make_participant(status=Status.REGISTERED, full_name="Ingrid Johansson", country="SE")
    url = reverse("admin:participants_participant_change", args=[participant.pk])

    page = secretariat_client.get(url).content.decode()
    secretariat_client.post(url, admin_participant_form(full_name="Ingrid Johansson-Berg", status="approved"))

    assert 'name="status"' not in page
    participant.refresh_from_db()
    assert participant.status == Status.REGISTERED
    assert participant.full_name == "Ingrid Johansson-Berg"
    assert AuditEvent.objects.get(action="participant.correct").details["fields"] == ["full_name", "notifications"]


def test_a_correction_by_staff_without_the_secretariat_role_is_refused_with_a_message(client_for):
    participant = factories.make_participant(full_name="Ingrid Johansson", country="SE")
    staff = factories.make_user(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="participants"))
    url = reverse("admin:participants_participant_change", args=[participant.pk])

    response = client_for(staff).post(url, admin_participant_form(full_name="Someone Else"), follow=True)

    assert response.status_code == 200
    assert "Only the Secretariat may do this." in response.content.decode()
    participant.refresh_from_db()
    assert participant.full_name == "Ingrid Johansson"
    assert not AuditEvent.objects.filter(action="participant.correct").exists()


def test_the_secretariat_sees_and_corrects_the_instrument_in_the_admin(secretariat_client):
    participant = factories.make_participant(
        full_name="Kwame Mensah",
        category="regional_organisation",
        organisation="West African Arms Control Network",
        instrument="ECOWAS Convention",
    )
    url = reverse("admin:participants_participant_change", args=[participant.pk])

    page = secretariat_client.get(url).content.decode()
    secretariat_client.post(
        url,
        admin_participant_form(
            full_name="Kwame Mensah",
            category="regional_organisation",
            country="",
            organisation="West African Arms Control Network",
            instrument="ECOWAS Convention on Small Arms and Light Weapons",
        ),
    )

    assert 'name="instrument"' in page and 'value="ECOWAS Convention"' in page
    participant.refresh_from_db()
    assert participant.instrument == "ECOWAS Convention on Small Arms and Light Weapons"
    assert "instrument" in AuditEvent.objects.get(action="participant.correct").details["fields"]


def test_participants_are_not_added_or_deleted_in_the_admin(secretariat_client):
    participant = factories.make_participant()

    assert secretariat_client.get(reverse("admin:participants_participant_add")).status_code == 403
    assert (
        secretariat_client.get(reverse("admin:participants_participant_delete", args=[participant.pk])).status_code
        == 403
    )


def test_invitations_are_resent_and_revoked_through_the_services(secretariat_client, secretariat):
    from participants import services

    invitation = services.invite_participant(
        request=services.InvitationRequest(
            email="kofi@example.org", category="industry", full_name="Kofi", organisation="Acme"
        ),
        by=secretariat,
    )
    url = reverse("admin:participants_invitation_changelist")

    secretariat_client.post(url, {"action": "revoke_selected", "_selected_action": [invitation.pk]})
    again = secretariat_client.post(
        url, {"action": "revoke_selected", "_selected_action": [invitation.pk]}, follow=True
    )

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "already revoked" in again.content.decode()
    assert AuditEvent.objects.filter(action="invitation.revoke").count() == 1


def test_an_admin_correction_keeps_the_affiliation_consistent(secretariat_client):
    participant = factories.make_participant(full_name="Ingrid Johansson", country="SE")
    url = reverse("admin:participants_participant_change", args=[participant.pk])

    response = secretariat_client.post(url, admin_participant_form(country="ZZ"))

    assert "is not an ISO 3166 alpha-2 code" in response.content.decode()
    participant.refresh_from_db()
    assert participant.country == "SE"


def test_the_invitation_page_in_the_admin_never_shows_the_token_hash(secretariat_client, secretariat):
    from participants import services

    invitation = services.invite_participant(
        request=services.InvitationRequest(
            email="kofi@example.org", category="industry", full_name="Kofi", organisation="Acme"
        ),
        by=secretariat,
    )

    page = secretariat_client.get(
        reverse("admin:participants_invitation_change", args=[invitation.pk])
    ).content.decode()

    assert "kofi@example.org" in page
    assert invitation.token_hash not in page


def test_the_admin_wears_the_site_s_name_and_colours(client_for):
    superuser = factories.make_user(is_staff=True, is_superuser=True)

    page = client_for(superuser).get("/admin/").content.decode()

    assert '<span class="admin-brand__text">WGTR advisory group · administration</span>' in page
    assert "/static/css/admin.css" in page
    assert "Django administration" not in page
