"""Every page costs the same number of queries whatever the amount of data: no query per row.

The pages and their objects come from the access matrix (tests/security/access_table.py), so a new page
is measured as soon as its access is declared. Each page a participant, the Chair or the Secretariat may
open is asked in the matrix's world, then again after the world has grown several times over (more
participants, responses, rounds, documents, themes and tags, poll answers, invitations, audit rows).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consult import services as consult_services
from consult.meetings import services as meeting_services
from consult.meetings.models import Availability, Poll
from consult.models import RoundState
from feedback import services as feedback_services
from feedback.analysis import services as analysis_services
from feedback.models import Submission
from participants import services as participant_services
from participants.models import Category
from participants.todo import forget_menu_counts
from tests import factories
from tests.consult.helpers import add_document, make_round
from tests.security import access_table as table
from tests.security.test_access_matrix import project_urls, url_for
from tests.security.world import World, build_world

pytestmark = pytest.mark.django_db

# One reader per kind of page: a State Party expert (owns the world's personal objects), the Chair and
# the Secretariat. Each page is measured for those of them the matrix lets in.
READERS = ("owner", "chair", "secretariat")
GROWTH = 8  # new participants of each of the two State categories, and as many rounds and invitations


def pages(world: World) -> list[tuple[str, str, str]]:
    """(label, url, role) for every page one of READERS opens with a 200."""
    routes = project_urls()
    found = []
    for case in table.CASES:
        if case.post is not None:  # POST-only
            continue
        for role in READERS:
            if case.get.get(role) == table.OK:
                found.append((f"{case.label} as {role}", url_for(case, world, routes), role))
    return found


def queries(client, url: str) -> int:
    client.get(url)  # once first: a page may fill a per-process cache (the anonymizer) on first sight
    forget_menu_counts()  # kept a few seconds: counted on every measured page, not when the clock says
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(world: World) -> None:
    """Several times the people, responses, rounds and analysis of the matrix's world."""
    refs, secretariat, chair = world.refs, world.users["secretariat"], world.users["chair"]
    newcomers = [
        factories.make_participant(category=category, country="PE" if category == Category.STATE_PARTY else "")
        for category in (Category.STATE_PARTY, Category.CIVIL_SOCIETY)
        for _ in range(GROWTH)
    ]
    open_round = refs["open_round"]
    restricted = refs["restricted_round"]
    for participant in newcomers:
        answers = {"ease": "2", "improve": f"Export to XML, says {participant.full_name}."}
        for round_id in (open_round, restricted) if participant.category == Category.STATE_PARTY else (open_round,):
            feedback_services.submit_response(
                round_id=round_id, participant=participant, answers=answers, version=0, confirm_personal_capacity=True
            )
    for number in range(GROWTH):
        theme = analysis_services.create_theme(round_id=restricted, by=chair, name=f"Theme {number}")
        pseudonyms = Submission.objects.filter(round_id=restricted, state="submitted").values_list(
            "pseudonym", flat=True
        )
        for pseudonym in pseudonyms[: number + 1]:
            analysis_services.set_answer_themes(
                round_id=restricted, by=chair, pseudonym=pseudonym, question_key="improve", theme_ids={theme.pk}
            )
        analysis_services.create_theme(round_id=open_round, by=chair, name=f"Open theme {number}")
    poll = Poll.objects.get(pk=refs["meeting_poll"])
    for participant in newcomers:
        meeting_services.answer_poll(
            poll_id=poll.pk,
            participant=participant,
            answers={slot.pk: Availability.YES for slot in poll.slots.all()},
        )
    cycle = consult_services.save_cycle(
        by=secretariat,
        name="Grown cycle",
        starts_on=timezone.now().date() + timedelta(days=901),  # after the world's cycles: cycles never overlap
        ends_on=timezone.now().date() + timedelta(days=1200),
    )
    for number in range(GROWTH):
        state = RoundState.SCHEDULED if number < 2 else RoundState.DRAFT  # the cycle's two places, then drafts
        round_ = make_round(
            state=state,
            cycle=cycle,
            title=f"Grown round {number}",
            by=secretariat,
            opens_at=timezone.now().replace(second=0, microsecond=0) + timedelta(days=910),
        )
        add_document(round_, title=f"Grown note {number}")
        participant_services.invite_participant(
            request=participant_services.InvitationRequest(
                email=f"grown{number}@example.org",
                category=Category.INDUSTRY,
                full_name=f"Guest {number}",
                organisation="Small company",
            ),
            by=chair if number % 2 else secretariat,
        )
        factories.make_participant(status="registered", full_name=f"Applicant Grown{factories.spelled(number)}")


def test_every_page_costs_the_same_queries_with_several_times_the_data():
    world = build_world()
    clients = {role: world.client(role) for role in READERS}
    measured = pages(world)
    few = {label: queries(clients[role], url) for label, url, role in measured}

    grow(world)
    many = {label: queries(clients[role], url) for label, url, role in measured}

    grew = [
        f"{label}: {few[label]} -> {many[label]} queries"
        for label, _url, _role in measured
        if many[label] != few[label]
    ]
    assert not grew, "\n".join(grew)
    assert len(measured) > 80  # the matrix's pages, not an empty list
