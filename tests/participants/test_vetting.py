"""Vetting (§4, §5): every status transition, allowed and refused, audited and e-mailed; the queue page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from participants import services
from participants.models import AuditEvent, Participant, Status
from tests import factories
from tests.participants.helpers import register

pytestmark = pytest.mark.django_db

ALLOWED = {
    ("approve", Status.REGISTERED): Status.APPROVED,
    ("decline", Status.REGISTERED): Status.DECLINED,
    ("reconsider", Status.DECLINED): Status.REGISTERED,
    ("withdraw", Status.APPROVED): Status.WITHDRAWN,
    ("remove", Status.APPROVED): Status.REMOVED,
}
SUBJECTS = {
    Status.APPROVED: "Welcome to the WGTR advisory group",
    Status.DECLINED: "Your application to the WGTR advisory group",
    Status.REGISTERED: "Your application to the WGTR advisory group is being reconsidered",
    Status.WITHDRAWN: "You have left the WGTR advisory group",
    Status.REMOVED: "Your participation in the WGTR advisory group has ended",
}
DECISIONS = ["approve", "decline", "reconsider", "withdraw", "remove"]


@pytest.mark.parametrize(("decision", "source"), list(ALLOWED))
def test_allowed_transitions_change_status_audit_and_email_the_person(
    decision, source, secretariat, django_capture_on_commit_callbacks
):
    participant = factories.make_participant(email="ingrid@example.org", status=source)

    with django_capture_on_commit_callbacks(execute=True):
        services.decide(participant_id=participant.pk, decision=decision, by=secretariat, reason="Clear expertise.")

    participant.refresh_from_db()
    target = ALLOWED[(decision, source)]
    assert participant.status == target
    assert participant.status_reason == "Clear expertise."
    event = AuditEvent.objects.get(action=f"participant.{decision}")
    assert (event.actor, event.from_state, event.to_state, event.reason) == (
        secretariat,
        source,
        target,
        "Clear expertise.",
    )
    [message] = mail.outbox
    assert message.to == ["ingrid@example.org"]
    assert message.subject == SUBJECTS[target]


@pytest.mark.parametrize(
    ("decision", "source"),
    [(d, s) for d in DECISIONS for s in Status.values if (d, s) not in ALLOWED],
)
def test_every_other_transition_is_refused_and_changes_nothing(decision, source, secretariat):
    participant = factories.make_participant(status=source)
    audited = AuditEvent.objects.count()

    with pytest.raises(services.IllegalTransition):
        services.decide(participant_id=participant.pk, decision=decision, by=secretariat, reason="Because.")

    participant.refresh_from_db()
    assert participant.status == source
    assert AuditEvent.objects.count() == audited
    assert mail.outbox == []


def test_an_unconfirmed_application_cannot_be_approved(secretariat):
    participant = register(confirm=False)

    with pytest.raises(services.EmailNotConfirmed):
        services.approve_participant(participant_id=participant.pk, by=secretariat)

    participant.refresh_from_db()
    assert participant.status == Status.REGISTERED


@pytest.mark.parametrize("statement", ["", "   \n  "])
def test_an_application_without_a_statement_cannot_be_approved(statement, secretariat):
    participant = factories.make_participant(status=Status.REGISTERED, statement=statement)

    with pytest.raises(services.StatementMissing, match="statement of expertise and commitment"):
        services.approve_participant(participant_id=participant.pk, by=secretariat)

    participant.refresh_from_db()
    assert participant.status == Status.REGISTERED
    assert not AuditEvent.objects.filter(action="participant.approve").exists()
    assert mail.outbox == []


def test_approving_from_the_queue_without_a_statement_says_why_not(secretariat_client):
    participant = factories.make_participant(full_name="Silent Applicant", status=Status.REGISTERED, statement="")

    response = secretariat_client.post(
        reverse("participants:decide", args=[participant.pk]), {"decision": "approve"}, follow=True
    )

    assert "no statement of expertise and commitment (Annex 1, §4)" in response.content.decode()
    assert Participant.objects.get().status == Status.REGISTERED


def test_the_invited_status_only_leaves_through_the_invitation(secretariat):
    participant = factories.make_participant(status=Status.INVITED)

    for decision in DECISIONS:
        with pytest.raises(services.IllegalTransition):
            services.decide(participant_id=participant.pk, decision=decision, by=secretariat, reason="x")


@pytest.mark.parametrize("decision", ["decline", "remove"])
def test_declining_and_removing_need_a_reason(decision, secretariat):
    source = Status.REGISTERED if decision == "decline" else Status.APPROVED
    participant = factories.make_participant(status=source)

    with pytest.raises(services.ReasonRequired):
        services.decide(participant_id=participant.pk, decision=decision, by=secretariat, reason="   ")


@pytest.mark.parametrize("user_factory", [factories.make_chair, lambda: factories.make_participant().user])
def test_only_the_secretariat_decides(user_factory):
    participant = register()

    with pytest.raises(services.NotAllowed):
        services.approve_participant(participant_id=participant.pk, by=user_factory())


def test_a_participant_may_withdraw_themselves_but_not_someone_else():
    participant = factories.make_participant()
    other = factories.make_participant()

    services.withdraw_participant(participant_id=participant.pk, by=participant.user)
    with pytest.raises(services.NotAllowed):
        services.withdraw_participant(participant_id=other.pk, by=participant.user)

    participant.refresh_from_db()
    assert participant.status == Status.WITHDRAWN


def test_the_status_cannot_be_set_directly():
    participant = factories.make_participant(status=Status.REGISTERED)

    with pytest.raises(AttributeError, match="Direct status modification is not allowed"):
        participant.status = Status.APPROVED


def test_the_declined_email_carries_the_reason(secretariat, django_capture_on_commit_callbacks):
    participant = register()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_participant(
            participant_id=participant.pk, by=secretariat, reason="No reporting experience yet."
        )

    [message] = mail.outbox
    assert "No reporting experience yet." in message.body
    assert "No reporting experience yet." in message.alternatives[0][0]


def test_the_approved_email_says_what_happens_next_with_a_working_login_link(
    client, secretariat, django_capture_on_commit_callbacks
):
    participant = register()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_participant(participant_id=participant.pk, by=secretariat)

    [message] = mail.outbox
    assert "What happens next" in message.body
    assert f"http://testserver{reverse('login')}" in message.body
    assert client.get(reverse("login")).status_code == 200


# --- The vetting queue page -------------------------------------------------------------------------


def test_the_queue_shows_confirmed_applications_with_eligibility_and_expertise(secretariat_client):
    register("ingrid@example.org", full_name="Ingrid Johansson")
    register("pending@example.org", full_name="Pending Person", confirm=False)

    page = secretariat_client.get(reverse("participants:vetting_queue")).content.decode()

    assert "Ingrid Johansson" in page
    assert "Pending Person" not in page
    assert "1 more applicant has not confirmed their e-mail address yet" in page
    assert "restricted activities (§9)" in page
    assert "Article 13 (reporting)" in page
    assert "Self-registered" in page


def test_the_queue_is_for_the_secretariat_only(client_for, chair):
    assert client_for(chair).get(reverse("participants:vetting_queue")).status_code == 403
    assert client_for(factories.make_participant().user).get(reverse("participants:vetting_queue")).status_code == 403


def test_staff_without_a_second_factor_are_sent_to_give_it(client_for, secretariat):
    response = client_for(secretariat, second_factor=False).get(reverse("participants:vetting_queue"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))


def test_approving_from_the_queue(secretariat_client, django_capture_on_commit_callbacks):
    participant = register()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("participants:decide", args=[participant.pk]), {"decision": "approve", "next": "queue"}, follow=True
        )

    assert response.redirect_chain[-1][0] == reverse("participants:vetting_queue")
    assert "Ingrid Johansson is approved" in response.content.decode()
    assert "No applications to vet" in response.content.decode()
    assert Participant.objects.get().status == Status.APPROVED


def test_declining_without_a_reason_shows_the_error_next_to_the_field(secretariat_client):
    participant = register()

    response = secretariat_client.post(reverse("participants:decide", args=[participant.pk]), {"decision": "decline"})

    assert response.status_code == 400
    assert "Give a reason: it is sent to the person." in response.content.decode()
    assert Participant.objects.get().status == Status.REGISTERED


def test_an_illegal_decision_posted_by_hand_is_refused_with_a_message(secretariat_client):
    participant = factories.make_participant(status=Status.WITHDRAWN)

    response = secretariat_client.post(
        reverse("participants:decide", args=[participant.pk]), {"decision": "approve"}, follow=True
    )

    assert "is not possible" in response.content.decode()
    assert Participant.objects.get().status == Status.WITHDRAWN


def test_the_detail_page_offers_only_the_possible_decisions(secretariat_client):
    participant = factories.make_participant(status=Status.APPROVED)

    page = secretariat_client.get(reverse("participants:participant_detail", args=[participant.pk])).content.decode()

    assert 'value="remove"' in page
    assert 'value="withdraw"' in page
    assert 'value="approve"' not in page
    assert 'value="decline"' not in page


def test_an_unknown_participant_is_not_found(secretariat_client):
    assert secretariat_client.get(reverse("participants:participant_detail", args=[999999])).status_code == 404


def test_the_secretariat_reads_the_instrument_an_organisation_named_wherever_it_decides(
    secretariat, secretariat_client, django_capture_on_commit_callbacks
):
    """§3: whether the organisation manages reporting under a similar instrument is the Secretariat's call."""
    with django_capture_on_commit_callbacks(execute=True):
        kwame = register(
            "kwame@example.org",
            full_name="Kwame Mensah",
            category="regional_organisation",
            country="",
            organisation="West African Arms Control Network",
            instrument="ECOWAS Convention on Small Arms & Light Weapons",
        )

    queue = secretariat_client.get(reverse("participants:vetting_queue")).content.decode()
    detail = secretariat_client.get(reverse("participants:participant_detail", args=[kwame.pk])).content.decode()
    [notice] = [message for message in mail.outbox if message.to == [secretariat.email]]

    shown = "<dt>Instrument (§3)</dt><dd>ECOWAS Convention on Small Arms &amp; Light Weapons</dd>"
    assert shown in queue
    assert shown in detail
    assert "Instrument (§3): ECOWAS Convention on Small Arms & Light Weapons" in notice.body


def test_no_instrument_line_for_those_who_named_none(secretariat_client):
    register("ingrid@example.org")

    assert "Instrument (§3)" not in secretariat_client.get(reverse("participants:vetting_queue")).content.decode()
