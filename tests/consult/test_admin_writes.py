"""The admin's writes to cycles, tools, ATT meetings and documents go through the services: checked, audited,
and a refusal is a message on the page, never a server error."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from consult.models import AttMeeting, Cycle, Document, Tool
from participants.models import AuditEvent
from tests import factories
from tests.consult.helpers import add_document, make_att_meeting, make_cycle, make_round, make_tool

pytestmark = pytest.mark.django_db


def url(model: str, page: str, *args) -> str:
    return reverse(f"admin:consult_{model}_{page}", args=args)


def audited(action: str, target) -> AuditEvent:
    return AuditEvent.objects.get(action=action, target_id=str(target.pk))


def confirm_delete(client, model: str, pk: int):
    return client.post(url(model, "delete", pk), {"post": "yes"})


def test_adding_changing_and_deleting_a_cycle_in_the_admin_is_audited(secretariat_client, secretariat):
    data = {"name": "CSP20-CSP21", "starts_on": "2034-08-28", "ends_on": "2035-08-27"}
    assert secretariat_client.post(url("cycle", "add"), data).status_code == 302
    cycle = Cycle.objects.get(name="CSP20-CSP21")
    assert audited("cycle.create", cycle).actor == secretariat

    changed = secretariat_client.post(url("cycle", "change", cycle.pk), {**data, "ends_on": "2035-08-20"})
    assert changed.status_code == 302
    cycle.refresh_from_db()
    assert cycle.ends_on == date(2035, 8, 20)
    assert audited("cycle.update", cycle).actor == secretariat

    assert confirm_delete(secretariat_client, "cycle", cycle.pk).status_code == 302
    assert not Cycle.objects.filter(pk=cycle.pk).exists()
    assert audited("cycle.delete", cycle).target_label == "CSP20-CSP21"


def test_adding_changing_and_deleting_a_tool_in_the_admin_is_audited(secretariat_client, secretariat):
    data = {"name": "Export reports", "description": "", "articles": ["11", "13"], "restricted_area": ""}
    assert secretariat_client.post(url("tool", "add"), data).status_code == 302
    tool = Tool.objects.get(name="Export reports")
    assert tool.articles == [11, 13]
    assert audited("tool.create", tool).details["articles"] == [11, 13]

    assert secretariat_client.post(url("tool", "change", tool.pk), {**data, "restricted_area": "on"}).status_code == 302
    tool.refresh_from_db()
    assert tool.restricted_area
    assert audited("tool.update", tool).actor == secretariat

    assert confirm_delete(secretariat_client, "tool", tool.pk).status_code == 302
    assert not Tool.objects.filter(pk=tool.pk).exists()
    assert audited("tool.delete", tool).actor == secretariat


def test_adding_changing_and_deleting_an_att_meeting_in_the_admin_is_audited(secretariat_client, secretariat):
    data = {"name": "CSP20", "location": "Geneva", "starts_on": "2034-08-20", "ends_on": "2034-08-24"}
    assert secretariat_client.post(url("attmeeting", "add"), data).status_code == 302
    meeting = AttMeeting.objects.get(name="CSP20")
    assert audited("att_meeting.create", meeting).actor == secretariat

    response = secretariat_client.post(url("attmeeting", "change", meeting.pk), {**data, "location": "Vienna"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.location == "Vienna"
    assert audited("att_meeting.update", meeting).actor == secretariat

    assert confirm_delete(secretariat_client, "attmeeting", meeting.pk).status_code == 302
    assert not AttMeeting.objects.filter(pk=meeting.pk).exists()
    assert audited("att_meeting.delete", meeting).actor == secretariat


def test_an_att_meeting_ending_before_it_starts_is_refused_next_to_its_field(secretariat_client):
    data = {"name": "CSP20", "location": "", "starts_on": "2034-08-24", "ends_on": "2034-08-20"}
    response = secretariat_client.post(url("attmeeting", "add"), data)

    assert response.status_code == 200
    assert "The meeting must end on or after the day it starts." in response.content.decode()
    assert not AttMeeting.objects.exists()


def test_changing_and_deleting_a_document_in_the_admin_is_audited(secretariat_client, secretariat):
    document = add_document(make_round(), title="Design note")
    data = {"title": "Design note, annotated", "description": "Read first", "keywords": "design"}
    response = secretariat_client.post(url("document", "change", document.pk), {**data, **empty_versions(document)})
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.description) == ("Design note, annotated", "Read first")
    assert audited("document.update", document).details["changed"] == ["description", "keywords", "title"]

    assert confirm_delete(secretariat_client, "document", document.pk).status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    removal = audited("document.remove", document)
    assert (removal.actor, removal.reason) == (secretariat, "Deleted in the admin.")


def empty_versions(document: Document) -> dict[str, str]:
    """The read-only inline's management form, as the change page sends it."""
    count = str(document.versions.count())
    prefix = "versions"
    return {
        f"{prefix}-TOTAL_FORMS": count,
        f"{prefix}-INITIAL_FORMS": count,
        **{f"{prefix}-{i}-id": str(version.pk) for i, version in enumerate(document.versions.order_by("pk"))},
        **{f"{prefix}-{i}-document": str(document.pk) for i in range(int(count))},
    }


def test_bulk_delete_goes_through_the_service_and_is_audited(secretariat_client):
    first, second = make_tool("First tool"), make_tool("Second tool")
    selected = {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"}
    response = secretariat_client.post(url("tool", "changelist"), selected)

    assert response.status_code == 302
    assert not Tool.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert AuditEvent.objects.filter(action="tool.delete").count() == 2


def test_deleting_a_cycle_with_rounds_is_refused_with_a_message(secretariat_client):
    cycle = make_round().cycle

    response = secretariat_client.post(url("cycle", "delete", cycle.pk), {"post": "yes"}, follow=True)

    assert response.status_code == 200  # the admin's own check lists the consultations that refer to it
    assert Cycle.objects.filter(pk=cycle.pk).exists()
    assert not AuditEvent.objects.filter(action="cycle.delete").exists()


@pytest.fixture
def staff_without_role_client(client_for):
    """Staff with the admin's model permissions but no Secretariat role: the services refuse them."""
    user = factories.make_user(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="consult"))
    return client_for(user)


def test_the_service_refuses_an_admin_user_without_the_role_and_writes_nothing(staff_without_role_client):
    cycle, meeting = make_cycle(), make_att_meeting(date(2034, 8, 20), date(2034, 8, 24))
    data = {"name": "CSP20-CSP21", "starts_on": "2034-08-28", "ends_on": "2035-08-27"}
    before = AuditEvent.objects.count()

    added = staff_without_role_client.post(url("cycle", "add"), data, follow=True)
    changed = staff_without_role_client.post(url("cycle", "change", cycle.pk), data, follow=True)
    deleted = staff_without_role_client.post(url("attmeeting", "delete", meeting.pk), {"post": "yes"}, follow=True)

    for response in (added, changed, deleted):
        assert response.status_code == 200
        assert "Only the Secretariat may do this." in response.content.decode()
    assert list(Cycle.objects.values_list("name", flat=True)) == [cycle.name]
    assert AttMeeting.objects.filter(pk=meeting.pk).exists()
    assert AuditEvent.objects.count() == before
    assert not LogEntry.objects.exists()  # the admin's own log entries were rolled back too
