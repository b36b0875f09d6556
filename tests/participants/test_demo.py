"""The demo data: about twenty participants of every category and status, loaded idempotently."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from participants import demo
from participants.models import AuditEvent, Category, Invitation, Participant, Status

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_category_and_status_and_keeps_its_four_logins():
    logins = demo.seed()

    assert [login.email for login in logins] == [
        "secretariat@example.org",
        "chair@example.org",
        "ingrid.johansson@example.org",
        "kwame.mensah@example.org",
    ]
    assert Participant.objects.count() >= 20
    assert set(Participant.objects.values_list("category", flat=True)) == set(Category.values)
    assert set(Participant.objects.values_list("status", flat=True)) == set(Status.values)
    assert Participant.objects.filter(status=Status.REGISTERED, email_confirmed_at=None).exists()
    invited = Participant.objects.filter(status=Status.INVITED)
    assert all(not participant.user.has_usable_password() for participant in invited)
    assert Invitation.objects.filter(participant__in=invited, accepted_at=None).count() == invited.count()


def test_seeding_twice_changes_nothing():
    demo.seed()
    before = (Participant.objects.count(), Invitation.objects.count(), AuditEvent.objects.count())

    demo.seed()

    assert (Participant.objects.count(), Invitation.objects.count(), AuditEvent.objects.count()) == before


def test_the_demo_list_survives_an_export_and_re_import_unchanged(tmp_path):
    demo.seed()
    path = tmp_path / "demo.csv"
    call_command("export_participants", "--output", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    out = io.StringIO()
    call_command("import_participants", str(path), stdout=out, stderr=io.StringIO())

    assert f"0 new, 0 updated, {Participant.objects.count()} unchanged" in out.getvalue()


def test_the_demo_says_where_to_log_in_at_the_address_served_on(settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert "Log in at http://127.0.0.1:8101/account/login/" in out.getvalue()


def test_every_self_registered_organisation_in_the_demo_names_its_instrument():
    """Annex 1 §3: organisations that registered themselves said which instrument; invited people were not asked."""
    demo.seed()

    organisations = Participant.objects.filter(
        category__in=[Category.INTERNATIONAL_ORGANISATION, Category.REGIONAL_ORGANISATION], invitations=None
    )
    assert organisations.count() >= 3
    assert not organisations.filter(instrument="").exists()
    kwame = Participant.objects.get(user__email="kwame.mensah@example.org")
    assert "ECOWAS Convention" in kwame.instrument
    assert not Participant.objects.exclude(pk__in=organisations).exclude(instrument="").exists()
