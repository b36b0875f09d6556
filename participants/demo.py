"""Demo people for `make run`: staff with known second-factor backup codes, and participants of every
category and status (idempotent: running it again changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from participants import audit
from participants.models import Invitation, Participant, Status, User
from participants.permissions import CHAIR, SECRETARIAT
from participants.services.invitations import new_token

DEMO_PASSWORD = "advisory-demo-2026"  # noqa: S105 (printed by make run; demo data only)
DEMO_BACKUP_CODES = ("11111111", "22222222", "33333333", "44444444", "55555555")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    note: str = ""


def ensure_user(email: str, name: str, *, staff: bool = False, usable_password: bool = True) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"name": name, "is_staff": staff})
    if usable_password and (created or not user.has_usable_password()):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    elif created:
        user.password = make_password(None)  # an invitee chooses a password through their link
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
    invited = fields.get("status") == Status.INVITED
    user = ensure_user(email, str(fields.get("full_name", "")), usable_password=not invited)
    now = timezone.now()
    confirmed = {} if invited else {"email_confirmed_at": now}
    acknowledged = {} if invited else {"personal_capacity_acknowledged_at": now, "confidentiality_acknowledged_at": now}
    defaults = {**confirmed, **acknowledged, **fields}
    participant, _ = Participant.objects.get_or_create(user=user, defaults=defaults)
    return participant


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    category: str
    where: str  # an ISO country code for States, an organisation name otherwise
    status: str
    acronym: str = ""
    instrument: str = ""  # Annex 1 §3: what a self-registered organisation names
    expertise: tuple[str, ...] = ()
    statement: str = ""
    reason: str = ""
    invited: bool = False
    confirmed: bool = True  # False: registered, but has not opened the confirmation link yet


PEOPLE = [
    DemoPerson(
        "maria.fernandez@example.org",
        "María Fernández López",
        "state_party",
        "PE",
        Status.APPROVED,
        expertise=("article_13", "report_templates"),
        statement="Prepares Peru's annual reports and trains officials on the templates.",
    ),
    DemoPerson(
        "hiroshi.tanaka@example.org",
        "Hiroshi Tanaka",
        "state_party",
        "JP",
        Status.APPROVED,
        expertise=("article_13", "online_reporting_tool"),
        statement="Led my ministry's move from paper to the online reporting tool.",
    ),
    DemoPerson(
        "amara.diallo@example.org",
        "Amara Diallo",
        "state_party",
        "SN",
        Status.APPROVED,
        expertise=("article_11", "information_exchange_platform"),
        statement="Works on diversion cases and regional information exchange.",
    ),
    DemoPerson(
        "rachel.goldberg@example.org",
        "Rachel Goldberg",
        "signatory_state",
        "US",
        Status.APPROVED,
        expertise=("article_15", "guidance"),
        statement="Coordinates international cooperation on transfer controls.",
    ),
    DemoPerson(
        "mehmet.yilmaz@example.org",
        "Mehmet Y\u0131lmaz",
        "signatory_state",
        "TR",
        Status.APPROVED,
        expertise=("article_13",),
        statement="Compiles export data for national reporting.",
    ),
    DemoPerson(
        "pierre.dubois@example.int",
        "Pierre-Alexandre Dubois",
        "international_organisation",
        "United Nations Office for Disarmament Affairs",
        Status.APPROVED,
        acronym="UNODA",
        instrument="United Nations Register of Conventional Arms",
        expertise=("article_13", "information_exchange_platform"),
        statement="Maintains a UN reporting instrument similar to the ATT's.",
    ),
    DemoPerson(
        "tomas.ortega@example.org",
        "Tomás Ortega",
        "civil_society",
        "Arms Control Research Network",
        Status.APPROVED,
        acronym="ACRN",
        expertise=("article_11", "guidance"),
        statement="Researches public reporting practice across regions.",
        invited=True,
    ),
    DemoPerson(
        "priya.raman@example.org",
        "Priya Raman",
        "observer_state",
        "IN",
        Status.APPROVED,
        expertise=("report_templates",),
        statement="Advises on export licensing data structures.",
        invited=True,
    ),
    DemoPerson(
        "siosaia.fifita@example.org",
        "Siosaia Fifita",
        "state_party",
        "TO",
        Status.REGISTERED,
        expertise=("article_13", "guidance"),
        statement="Small-State perspective on reporting burdens and templates.",
    ),
    DemoPerson(
        "grace.wanjiru@example.org",
        "Grace Wanjiru",
        "regional_organisation",
        "Regional Centre on Small Arms",
        Status.REGISTERED,
        acronym="RECSA",
        instrument="Nairobi Protocol on Small Arms and Light Weapons (information exchange among its States Parties)",
        expertise=("article_11", "information_exchange_platform"),
        statement="Runs a regional information-exchange mechanism on small arms.",
    ),
    DemoPerson(
        "oluwaseun.adeyemi@example.org",
        "Oluwaseun Adeyemi",
        "civil_society",
        "Small Arms Transparency Project",
        Status.REGISTERED,
        acronym="SATP",
        expertise=("article_13", "report_templates"),
        statement="Analyses published national reports each year.",
        invited=True,
    ),
    DemoPerson(
        "lars.eriksen@example.com",
        "Lars Eriksen",
        "industry",
        "Aurora Aerospace Industries",
        Status.REGISTERED,
        expertise=("online_reporting_tool",),
        statement="Compliance officer who prepares transfer data for authorities.",
        invited=True,
    ),
    DemoPerson(
        "lucia.benitez@example.org",
        "Lucía Benítez",
        "state_party",
        "UY",
        Status.REGISTERED,
        expertise=("article_13",),
        statement="Joined the national reporting team this year.",
        confirmed=False,
    ),
    DemoPerson(
        "nguyen.lan@example.org",
        "Nguyễn Thị Lan",
        "observer_state",
        "VN",
        Status.INVITED,
        invited=True,
    ),
    DemoPerson(
        "anna.kowalska@example.com",
        "Anna Kowalska",
        "industry",
        "Baltic Defence Export Council",
        Status.INVITED,
        acronym="BDEC",
        invited=True,
    ),
    DemoPerson(
        "farah.haddad@example.org",
        "Farah Haddad",
        "state_party",
        "LB",
        Status.DECLINED,
        expertise=("guidance",),
        statement="Interested in the group's work.",
        reason="Please ask your national point of contact to confirm your role.",
    ),
    DemoPerson(
        "chen.wei@example.int",
        "Chen Wei",
        "international_organisation",
        "Global Customs Data Forum",
        Status.DECLINED,
        acronym="GCDF",
        instrument="Voluntary exchange of customs statistics among member administrations",
        expertise=("article_15",),
        statement="Customs data standards.",
        reason="The forum does not yet manage reporting under a similar instrument (Annex 1, §3).",
    ),
    DemoPerson(
        "sebastian.mueller@example.org",
        "Sebastian Müller",
        "state_party",
        "DE",
        Status.WITHDRAWN,
        expertise=("article_13",),
        statement="Reporting officer at the federal export control office.",
        reason="New post outside arms control.",
    ),
    DemoPerson(
        "isabel.santos@example.org",
        "Isabel Santos",
        "state_party",
        "BR",
        Status.REMOVED,
        expertise=("article_17",),
        statement="Follows the Conference of States Parties.",
        reason="Commented publicly on the group's deliberations (Annex 1, §12).",
    ),
]


def _invite(participant: Participant, inviter: User, *, accepted: bool) -> None:
    if participant.invitations.exists():
        return
    now = timezone.now()
    Invitation.objects.create(
        email=participant.user.email,
        category=participant.category,
        full_name=participant.full_name,
        country=participant.country,
        organisation=participant.organisation,
        message="Your experience would help the Secretariat's reporting tools.",
        participant=participant,
        token_hash=new_token()[1],  # the link itself is unknown: the demo shows the list, not the e-mail
        invited_by=inviter,
        sent_at=now - timedelta(days=3),
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS - 3),
        accepted_at=now - timedelta(days=1) if accepted else None,
    )


def seed_people(secretariat: User, chair: User) -> None:
    """About twenty participants of every category and status, from many countries."""
    for person in PEOPLE:
        is_state = len(person.where) == 2
        existed = Participant.objects.filter(user__email=person.email).exists()
        participant = ensure_participant(
            person.email,
            full_name=person.full_name,
            category=person.category,
            country=person.where if is_state else "",
            organisation="" if is_state else person.where,
            acronym=person.acronym,
            instrument=person.instrument,
            status=person.status,
            status_reason=person.reason,
            expertise=list(person.expertise),
            statement=person.statement,
            **({} if person.confirmed else {"email_confirmed_at": None}),
        )
        if person.invited:
            inviter = chair if person.category == "observer_state" else secretariat
            _invite(participant, inviter, accepted=person.status != Status.INVITED)
        if not existed and person.status not in (Status.INVITED, Status.REGISTERED):
            audit.record(
                actor=secretariat,
                action="participant.demo_seed",
                target=participant,
                to_state=person.status,
                reason=person.reason,
            )


def seed() -> list[DemoLogin]:
    codes = ", ".join(DEMO_BACKUP_CODES)
    secretariat = ensure_staff("secretariat@example.org", "Amina Okafor", SECRETARIAT)
    chair = ensure_staff("chair@example.org", "Chair of the WGTR", CHAIR)
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
        instrument="ECOWAS Convention on Small Arms and Light Weapons (information exchange, Article 10)",
        status="approved",
        expertise=["article_11", "information_exchange_platform"],
        statement="Coordinates information exchange on diversion among member States.",
    )
    seed_people(secretariat, chair)
    return [
        DemoLogin("Secretariat", "secretariat@example.org", f"second step: any unused backup code of {codes}"),
        DemoLogin("Chair", "chair@example.org", f"second step: any unused backup code of {codes}"),
        DemoLogin("Participant (State Party)", "ingrid.johansson@example.org"),
        DemoLogin("Participant (regional organisation)", "kwame.mensah@example.org"),
    ]
