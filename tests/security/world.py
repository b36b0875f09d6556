"""One realistic world for the access matrix, built through the services (and the test factories for people).

Two open rounds in the current cycle (one restricted to States Parties, §9), each with a document, a
questionnaire and submitted responses; a summarised written request (no cap place) with an approved summary
and an offline submission with its original letter; a draft round with a document; invitations by the
Secretariat and by the Chair; a calendar feed token per participant; confirmation, invitation and
password-reset tokens. Every object that belongs to someone belongs to the `owner`, a State Party expert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from consult import services as consult_services
from consult.meetings import services as meeting_services
from consult.meetings import tokens
from consult.models import Cycle, Mode, QuestionKind, RoundState
from feedback import services as feedback_services
from feedback.analysis import services as analysis_services
from feedback.models import Submission
from feedback.summary import services as summary_services
from participants import services as participant_services
from participants.models import Category, OutboundEmail, Status, User
from participants.permissions import CHAIR, SECRETARIAT
from participants.services.registration import confirmation_token
from tests import factories
from tests.consult.helpers import PDF, add_document, make_round
from tests.feedback.file_helpers import image_with_exif, png

# Every role the matrix asks with. Participants are approved unless the name says otherwise.
PARTICIPANT_ROLES = {
    "owner": Category.STATE_PARTY,
    "state_party": Category.STATE_PARTY,
    "signatory_state": Category.SIGNATORY_STATE,
    "observer_state": Category.OBSERVER_STATE,
    "international_organisation": Category.INTERNATIONAL_ORGANISATION,
    "regional_organisation": Category.REGIONAL_ORGANISATION,
    "civil_society": Category.CIVIL_SOCIETY,
    "industry": Category.INDUSTRY,
}
ROLES = (
    "anonymous",
    "applicant",
    "withdrawn",
    "declined",
    "removed",
    *PARTICIPANT_ROLES,
    "chair",
    "secretariat",
    "superuser",
    "chair_no_2fa",
    "secretariat_no_2fa",
    "superuser_no_2fa",
)
STATE_COUNTRIES = {"owner": "NO", "state_party": "PE", "signatory_state": "TH", "observer_state": "RU"}


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    refs: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
            if role in VERIFIED_ROLES:
                factories.verify_second_factor(client, user)
        return client


VERIFIED_ROLES = frozenset(ROLES) - {"anonymous", "chair_no_2fa", "secretariat_no_2fa", "superuser_no_2fa"}


def _staff(world: World) -> tuple[User, User]:
    secretariat = factories.make_secretariat(name="Sam Secretariat")
    chair = factories.make_chair(name="Chris Chair")
    superuser = factories.make_user(name="Root Admin", is_staff=True, is_superuser=True)
    world.users.update(secretariat=secretariat, chair=chair, superuser=superuser)
    world.users["secretariat_no_2fa"] = factories.make_secretariat(name="Una Verified")
    world.users["chair_no_2fa"] = factories.make_user(name="Noel Verified")
    world.users["chair_no_2fa"].groups.add(Group.objects.get(name=CHAIR))
    world.users["superuser_no_2fa"] = factories.make_user(name="Root Unverified", is_staff=True, is_superuser=True)
    assert Group.objects.get(name=SECRETARIAT).user_set.filter(pk=secretariat.pk).exists()
    return secretariat, chair


def _people(world: World, secretariat: User) -> dict[str, Any]:
    world.users["anonymous"] = None
    participants = {}
    for role, category in PARTICIPANT_ROLES.items():
        participants[role] = factories.make_participant(
            category=category,
            country=STATE_COUNTRIES.get(role, ""),
            full_name=f"{role.title().replace('_', '')} Expert",
        )
        world.users[role] = participants[role].user
    applicant = factories.make_participant(status=Status.REGISTERED, full_name="Applicant Expert")
    withdrawn = factories.make_participant(full_name="Withdrawn Expert")
    participant_services.withdraw_participant(participant_id=withdrawn.pk, by=withdrawn.user, reason="moving on")
    world.users.update(applicant=applicant.user, withdrawn=withdrawn.user)
    owner = participants["owner"]
    resetting = factories.make_participant(full_name="Forgetful Expert")  # never logs in, so the link stays valid
    world.refs.update(
        owner_participant=owner.pk,
        applicant_participant=applicant.pk,
        owner_feed_token=owner.feed_token,
        withdrawn_feed_token=withdrawn.feed_token,
        confirmation_token=confirmation_token(applicant, timezone.now()),
        reset_uid=urlsafe_base64_encode(force_bytes(resetting.user.pk)),
        reset_token=default_token_generator.make_token(resetting.user),
    )
    return participants


def _invitations(world: World, secretariat: User, chair: User) -> None:
    made = {}
    for inviter, email in (
        (secretariat, "invited-by-secretariat@example.org"),
        (chair, "invited-by-chair@example.org"),
    ):
        made[inviter] = participant_services.invite_participant(
            request=participant_services.InvitationRequest(
                email=email, category=Category.CIVIL_SOCIETY, full_name="Invited Person", organisation="Small NGO"
            ),
            by=inviter,
        )
    # The link is kept apart from the stored body until the worker sends it, then erased; once sent, the
    # message in the test outbox has it.
    stored = OutboundEmail.objects.filter(to="invited-by-secretariat@example.org").get()
    body = stored.secret_links.get("accept_url") or next(
        message.body for message in mail.outbox if "invited-by-secretariat@example.org" in message.to
    )
    world.refs.update(
        secretariat_invitation=made[secretariat].pk,
        chair_invitation=made[chair].pk,
        invitation_token=re.search(r"/invitation/([^/\s]+)/", body).group(1),
    )


def _answered_round(title: str, *, restricted: bool, cycle, respondents, secretariat: User, required: bool = False):
    now = timezone.now()
    round_ = make_round(
        state=RoundState.OPEN,
        cycle=cycle,
        title=title,
        restricted=restricted,
        opens_at=now.replace(second=0, microsecond=0) - timedelta(days=3),
        closes_at=now + timedelta(days=10),
        now=now - timedelta(days=4),
        by=secretariat,
    )
    consult_services.add_question(
        by=secretariat, round_id=round_.pk, key="ease", text="How easy?", kind=QuestionKind.RATING, required=required
    )
    consult_services.add_question(by=secretariat, round_id=round_.pk, key="improve", text="What would you improve?")
    consult_services.add_question(
        by=secretariat, round_id=round_.pk, key="screenshot", text="A screenshot?", kind=QuestionKind.FILE
    )
    document = add_document(round_, title=f"{title} note", content=PDF)
    for participant in respondents:
        feedback_services.submit_response(
            round_id=round_.pk,
            participant=participant,
            answers={"ease": "4", "improve": "Pre-fill from last year's report."},
            version=feedback_services.NEW,
            confirm_personal_capacity=True,
        )
    return round_, document


def _give_file(round_, participant) -> str:
    """The participant answers the file question of the round and submits again; the file's token."""
    question = round_.questions.get(key="screenshot")
    value = feedback_services.store_answer_file(
        round_=round_, participant=participant, question=question, filename="shot.jpg", content=image_with_exif()
    )
    submission = Submission.objects.get(round=round_, participant=participant)
    feedback_services.submit_response(
        round_id=round_.pk,
        participant=participant,
        answers={**submission.working_answers, "screenshot": value},
        version=submission.version,
        confirm_personal_capacity=True,
    )
    return value["file"]


def _rounds(world: World, participants: dict[str, Any], secretariat: User, chair: User) -> None:
    today = timezone.now().date()
    current = consult_services.save_cycle(
        by=secretariat, name="Current cycle", starts_on=today - timedelta(days=100), ends_on=today + timedelta(days=200)
    )
    everyone = list(participants.values())
    state_parties = [participants["owner"], participants["state_party"]]
    open_round, open_document = _answered_round(
        "Open consultation", restricted=False, cycle=current, respondents=everyone, secretariat=secretariat
    )
    restricted, restricted_document = _answered_round(
        "Restricted consultation", restricted=True, cycle=current, respondents=state_parties, secretariat=secretariat
    )
    summarised, summarised_document = _answered_round(
        "Summarised consultation", restricted=False, cycle=current, respondents=everyone[1:], secretariat=secretariat
    )
    letter = ContentFile(PDF, name="letter.pdf")
    feedback_services.record_offline_submission(
        round_id=summarised.pk,
        participant_id=participants["owner"].pk,
        answers={"ease": "3", "improve": "Guidance in plain English."},
        by=secretariat,
        original_file=letter,
    )
    consult_services.close_round(round_id=summarised.pk, by=secretariat, notify=False)
    summary = summary_services.generate_now(round_id=summarised.pk, by=chair)
    summary_services.approve(summary_id=summary.pk, by=chair)
    draft = make_round(title="Draft consultation", cycle=current, by=secretariat)
    draft_question = consult_services.add_question(by=secretariat, round_id=draft.pk, key="q1", text="Draft question?")
    draft_document = add_document(draft, title="Draft note")
    consult_services.record_download(user=participants["owner"].user, version=open_document.versions.get())
    meeting = consult_services.save_att_meeting(
        by=secretariat, name="CSP12", location="Geneva", starts_on=today, ends_on=today + timedelta(days=4)
    )
    restricted_theme = analysis_services.create_theme(round_id=restricted.pk, by=chair, name="Pre-filling")
    open_theme = analysis_services.create_theme(round_id=open_round.pk, by=chair, name="Guidance")
    # Files given in the open round: the owner's is not reviewed, the State Party expert's is released.
    owner_file = _give_file(open_round, participants["owner"])
    released_file = _give_file(open_round, participants["state_party"])
    feedback_services.release_answer_file(
        round_=open_round, token=released_file, by=secretariat, filename="reviewed.png", content=png()
    )
    # Pseudonyms are random per round: make the owner's open-round one unused in the restricted round,
    # so that "a pseudonym of another round" never names a respondent there by chance.
    unused = max(Submission.objects.values_list("pseudonym", flat=True)) + 1
    Submission.objects.filter(round=open_round, participant=participants["owner"]).update(pseudonym=unused)
    world.refs.update(
        open_round=open_round.pk,
        restricted_round=restricted.pk,
        summarised_round=summarised.pk,
        draft_round=draft.pk,
        open_document=open_document.pk,
        restricted_document=restricted_document.pk,
        summarised_document=summarised_document.pk,
        draft_document=draft_document.pk,
        open_question=open_round.questions.get(key="improve").pk,
        restricted_question=restricted.questions.get(key="improve").pk,
        draft_question=draft_question.pk,
        current_cycle=current.pk,
        tool=open_round.tool_id,
        att_meeting=meeting.pk,
        restricted_theme=restricted_theme.pk,
        open_theme=open_theme.pk,
        owner_file=str(owner_file),
        released_file=str(released_file),
        **{
            f"{name}_pseudonym": Submission.objects.get(round=round_, participant=participants["owner"]).pseudonym
            for name, round_ in (("open", open_round), ("restricted", restricted), ("summarised", summarised))
        },
    )


def _meeting(world: World, participants: dict[str, Any], secretariat: User) -> None:
    """An announced online meeting in the current cycle (its first consultation place) with an open time poll."""
    cycle = Cycle.objects.get(name="Current cycle")
    now = timezone.now()
    round_ = make_round(state=RoundState.SCHEDULED, mode=Mode.ONLINE, cycle=cycle, title="Meeting", by=secretariat)
    start = (now + timedelta(days=5)).replace(second=0, microsecond=0)
    poll = meeting_services.open_poll(
        round_id=round_.pk,
        by=secretariat,
        slots=[(start, start + timedelta(hours=2)), (start + timedelta(hours=3), start + timedelta(hours=5))],
        closes_at=now + timedelta(days=2),
    )
    world.refs.update(
        meeting_round=round_.pk,
        meeting_slot=poll.slots.first().pk,
        meeting_poll=poll.pk,
        owner_reply_token=tokens.make(round_id=round_.pk, participant_id=participants["owner"].pk, answer="accepted"),
    )


def _every_state(world: World, participants: dict[str, Any], secretariat: User) -> None:
    """Rounds in the states the rounds above lack (closed but not summarised, scheduled, cancelled), and
    people who left in every way: one declined, one removed after answering, one withdrawn after
    answering; written answers recorded before closing (one skipping a required question) and after."""
    today = timezone.now().date()
    cycle = consult_services.save_cycle(
        by=secretariat, name="Later cycle", starts_on=today + timedelta(days=561), ends_on=today + timedelta(days=900)
    )
    everyone = list(participants.values())
    leaving = [factories.make_participant(full_name=f"{word} Leaver", country="PE") for word in ("Removed", "Gone")]
    closed, _document = _answered_round(
        "Closed consultation",
        restricted=False,
        cycle=Cycle.objects.get(name="Current cycle"),
        respondents=everyone[:4] + leaving,
        secretariat=secretariat,
        required=True,
    )
    feedback_services.record_offline_submission(
        round_id=closed.pk,
        participant_id=participants["industry"].pk,
        answers={"improve": "A letter that leaves the rating blank."},
        by=secretariat,
        original_file=ContentFile(PDF, name="industry-letter.pdf"),
    )
    participant_services.remove_participant(participant_id=leaving[0].pk, by=secretariat, reason="left the post")
    participant_services.withdraw_participant(participant_id=leaving[1].pk, by=leaving[1].user, reason="")
    consult_services.close_round(round_id=closed.pk, by=secretariat, notify=False)
    for role in ("civil_society", "international_organisation"):
        feedback_services.record_offline_submission(
            round_id=closed.pk,
            participant_id=participants[role].pk,
            answers={"ease": "2", "improve": "Sent after the deadline."},
            by=secretariat,
        )
    declined = factories.make_participant(status=Status.REGISTERED, full_name="Declined Applicant")
    participant_services.decline_participant(participant_id=declined.pk, by=secretariat, reason="not an expert")
    world.users.update(declined=declined.user, removed=leaving[0].user)
    later = timezone.now().replace(second=0, microsecond=0) + timedelta(days=600)
    scheduled, cancelled = (
        make_round(state=RoundState.SCHEDULED, cycle=cycle, title=title, opens_at=later, by=secretariat)
        for title in ("Scheduled consultation", "Cancelled consultation")
    )
    consult_services.cancel_round(round_id=cancelled.pk, by=secretariat, reason="merged", notify=False)
    world.refs.update(closed_round=closed.pk, scheduled_round=scheduled.pk, cancelled_round=cancelled.pk)
    world.refs["identities"] = [
        text
        for person in [*everyone, *leaving, declined]
        for text in (person.full_name, person.email, person.organisation)
        if text
    ]


def build_world() -> World:
    world = World()
    secretariat, chair = _staff(world)
    participants = _people(world, secretariat)
    _invitations(world, secretariat, chair)
    _rounds(world, participants, secretariat, chair)
    _every_state(world, participants, secretariat)
    _meeting(world, participants, secretariat)
    _sign_in_attempts(world)
    assert set(world.users) == set(ROLES), set(ROLES) ^ set(world.users)
    return world


def _sign_in_attempts(world: World) -> None:
    """One failed and one successful login through the real form, so the lockout records exist."""
    client = Client()
    client.post("/account/login/", {"username": world.users["applicant"].email, "password": "wrong password"})
    client.post("/account/login/", {"username": world.users["withdrawn"].email, "password": factories.PASSWORD})
