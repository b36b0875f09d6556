"""The audit trail: every transition, reveal, import, export and permission change writes its row, with
actor and time; nobody can change or delete a row, in Python or (on PostgreSQL) in the database itself."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from consult.models import Round
from feedback.services import export_answers, reveal_identities
from feedback.summary import services as summary_services
from participants import roster
from participants import services as participant_services
from participants.models import AuditEvent, Participant, Status
from participants.services import accounts, erasure
from participants.services.registration import confirmation_token
from tests import factories
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

# What must leave a row, grouped as the issue lists them.
TRANSITIONS = {
    "participant.register",
    "participant.email_confirmed",
    "participant.approve",
    "participant.decline",
    "participant.withdraw",
    "round.create",
    "round.schedule",
    "round.open",
    "round.close",
    "round.summarised",
    "feedback.submit",
    "feedback.record_offline",
    "summary.generate",
    "summary.approve",
    "summary.publish",
    "invitation.send",
}
REVEALS = {"feedback.reveal_identity", "feedback.download_original"}
IMPORTS_AND_EXPORTS = {"participants.import", "participants.export", "feedback.export_answers", "summary.export"}
PERMISSIONS = {"account.roles_changed", "account.unlock", "account.two_factor_reset"}
DATA_PROTECTION = {"participant.erasure_requested", "participant.erase"}


def test_every_transition_reveal_import_export_and_permission_change_is_audited(tmp_path, settings, client_for):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    secretariat, chair = world.users["secretariat"], world.users["chair"]
    applicant = Participant.objects.get(pk=world.refs["applicant_participant"])
    registered = participant_services.register_participant(
        email="new@example.org",
        password="a long enough passphrase",
        application=participant_services.Application(
            full_name="New Expert", category="state_party", country="FI", personal_capacity=True, confidentiality=True
        ),
    )
    participant_services.approve_participant(participant_id=applicant.pk, by=secretariat)
    declined = factories.make_participant(status=Status.REGISTERED)
    participant_services.decline_participant(participant_id=declined.pk, by=secretariat, reason="Out of scope")
    participant_services.confirm_email(token=confirmation_token(registered, timezone.now()))
    round_id, pseudonym = world.refs["summarised_round"], world.refs["summarised_pseudonym"]
    reveal_identities(round_id=round_id, by=secretariat)
    client_for(secretariat).get(reverse("feedback:original_file", args=[round_id, pseudonym]))
    path = tmp_path / "people.csv"
    path.write_bytes(roster.export_participants(fmt="csv", by=secretariat))
    roster.import_participants(dataset=roster.load_path(path), by=secretariat, source="people.csv")
    export_answers(round_=Round.objects.get(pk=round_id), fmt="csv", by=chair)
    summary = Round.objects.get(pk=round_id).summary
    summary_services.export(summary=summary, fmt="md", by=chair)
    summary_services.publish(summary_id=summary.pk, by=chair)
    admin = client_for(secretariat)
    admin.post(
        reverse("admin:participants_user_changelist"),
        {"action": "reset_second_factor_selected", "_selected_action": [chair.pk]},
    )
    accounts.unlock_account(user_id=applicant.user_id, by=secretariat)
    accounts.record_role_change(
        user=chair, by=secretariat, before=accounts.roles_of(chair), after={**accounts.roles_of(chair), "groups": []}
    )
    owner = world.refs["owner_participant"]
    erasure.request_erasure(participant_id=owner, by=Participant.objects.get(pk=owner).user)
    erasure.erase_participant(participant_id=owner, by=secretariat)

    recorded = set(AuditEvent.objects.values_list("action", flat=True))
    missing = (TRANSITIONS | REVEALS | IMPORTS_AND_EXPORTS | PERMISSIONS | DATA_PROTECTION) - recorded
    assert not missing, f"no audit row for: {sorted(missing)}"
    assert not AuditEvent.objects.filter(action__in=REVEALS | PERMISSIONS | DATA_PROTECTION, actor=None).exclude(
        action="participant.erasure_requested"
    )


def test_the_secretariat_reads_and_downloads_the_trail(secretariat_client, secretariat):
    participant = factories.make_participant(status=Status.REGISTERED, full_name="Anna Lindqvist")
    participant_services.decline_participant(participant_id=participant.pk, by=secretariat, reason="Not eligible")

    page = secretariat_client.get(reverse("participants:audit_trail")).content.decode()
    download = b"".join(secretariat_client.get(reverse("participants:audit_trail_csv")).streaming_content).decode()

    assert "Anna Lindqvist" in page and "Not eligible" in page
    assert "participant.decline" in download and secretariat.email in download


def test_rows_cannot_be_changed_or_deleted_through_the_application(secretariat):
    event = AuditEvent.objects.create(actor=secretariat, action="participant.approve")

    for attempt in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(action="participant.decline"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
        event.save,
        event.delete,
    ):
        with pytest.raises(PermissionError, match="append-only"):
            attempt()


@pytest.mark.postgres
def test_the_database_itself_refuses_to_change_or_delete_a_row(secretariat):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: the append-only trigger is PostgreSQL's (SQLite relies on the model).")
    event = AuditEvent.objects.create(actor=secretariat, action="participant.approve")
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    statements = ["UPDATE {} SET action = 'participant.decline' WHERE id = %s", "DELETE FROM {} WHERE id = %s"]

    for sql in statements:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql.format(table), [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == "participant.approve"
