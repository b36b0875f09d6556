"""Demo people for `make run`: staff with known second-factor backup codes, and participants."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from participants.models import Participant, User
from participants.permissions import CHAIR, SECRETARIAT

DEMO_PASSWORD = "advisory-demo-2026"  # noqa: S105 (printed by make run; demo data only)
DEMO_BACKUP_CODES = ("11111111", "22222222", "33333333", "44444444", "55555555")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    note: str = ""


def ensure_user(email: str, name: str, *, staff: bool = False) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"name": name, "is_staff": staff})
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def ensure_backup_codes(user: User) -> None:
    """Known backup codes, reset on every run, so the demo's staff can pass two-step verification."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.all().delete()
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in DEMO_BACKUP_CODES])


def ensure_staff(email: str, name: str, group: str) -> User:
    user = ensure_user(email, name, staff=group == SECRETARIAT)
    user.groups.add(Group.objects.get(name=group))
    ensure_backup_codes(user)
    return user


def ensure_participant(email: str, **fields: object) -> Participant:
    """Create a demo participant in the given status (demo data only: real ones go through vetting)."""
    user = ensure_user(email, str(fields.get("full_name", "")))
    now = timezone.now()
    defaults = {
        "email_confirmed_at": now,
        "personal_capacity_acknowledged_at": now,
        "confidentiality_acknowledged_at": now,
        **fields,
    }
    participant, _ = Participant.objects.get_or_create(user=user, defaults=defaults)
    return participant


def seed() -> list[DemoLogin]:
    codes = ", ".join(DEMO_BACKUP_CODES)
    ensure_staff("secretariat@example.org", "Amina Okafor", SECRETARIAT)
    ensure_staff("chair@example.org", "Chair of the WGTR", CHAIR)
    ensure_participant(
        "ingrid.johansson@example.org",
        full_name="Ingrid Johansson",
        category="state_party",
        country="SE",
        status="approved",
        expertise=["article_13", "online_reporting_tool"],
        statement="Ten years preparing my country's annual reports under Article 13.",
    )
    ensure_participant(
        "kwame.mensah@example.org",
        full_name="Kwame Mensah",
        category="regional_organisation",
        organisation="West African Arms Control Network",
        acronym="WAACN",
        status="approved",
        expertise=["article_11", "information_exchange_platform"],
        statement="Coordinates information exchange on diversion among member States.",
    )
    return [
        DemoLogin("Secretariat", "secretariat@example.org", f"second step: any unused backup code of {codes}"),
        DemoLogin("Chair", "chair@example.org", f"second step: any unused backup code of {codes}"),
        DemoLogin("Participant (State Party)", "ingrid.johansson@example.org"),
        DemoLogin("Participant (regional organisation)", "kwame.mensah@example.org"),
    ]
