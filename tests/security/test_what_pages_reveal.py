"""What the Chair's pages and exports reveal, not only whether they open: in the access matrix's world
(online and written answers, a written answer skipping a required question, late written answers still
held back, people declined, removed and withdrawn after answering, rounds in every state), no page or
export the Chair can open shows an identity, a category small enough to point at someone, or whether an
answer came online or on paper."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from participants.models import Category
from tests.security import access_table as table
from tests.security.test_access_matrix import project_urls, url_for
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

ROUNDS = ("open_round", "restricted_round", "summarised_round", "closed_round", "scheduled_round", "cancelled_round")
# Words that would tell a written answer from an online one.
PAPER_MARKS = re.compile(r"offline|on paper|by letter|letter\.pdf|recorded by|original file|e-mailed file", re.I)
HELD_BACK = ("Sent after the deadline.", "A letter that leaves the rating blank.")
SMALL_CATEGORIES = [str(label) for value, label in Category.choices if value != Category.STATE_PARTY]
EXPORTS = ("csv", "json", "xml")


def chair_pages(world) -> list[tuple[str, str]]:
    """(label, url) of every page the matrix lets the Chair open, asked about every round for round pages."""
    routes = project_urls()
    pages = []
    for case in table.CASES:
        if case.name not in routes or case.get.get("chair") != table.OK or "token" in str(case.kwargs):
            continue  # a personal link (reset, invitation, meeting reply) shows its owner whoever opens it
        if case.name.startswith("user_guide"):
            continue  # the guides describe the product in the same words for everyone, and show no data
        if case.kwargs.get("round_id"):
            for name in ROUNDS:
                kwargs = {**case.kwargs, "round_id": f"@{name}"}
                pages.append(
                    (f"{case.label} ({name})", url_for(table.Case(case.name, case.get, kwargs), world, routes))
                )
        else:
            pages.append((case.label, url_for(case, world, routes)))
    for name in ROUNDS:
        for fmt in EXPORTS:
            pages.append(
                (
                    f"{fmt} export ({name})",
                    reverse("feedback:export_answers", kwargs={"round_id": world.refs[name], "fmt": fmt}),
                )
            )
    return pages


def test_no_chair_page_or_export_reveals_an_identity_a_small_category_or_paper():
    world = build_world()
    client = world.client("chair")
    problems = []

    for label, url in chair_pages(world):
        response = client.get(url)
        if response.status_code != 200 or response.streaming or "officedocument" in response.get("Content-Type", ""):
            continue  # documents the Secretariat uploaded, and Excel files (zipped; their CSV twin is read)
        text = response.content.decode("utf-8", "replace")
        problems += [f"{label}: names {who!r}" for who in world.refs["identities"] if who in text]
        problems += [f"{label}: tells paper by {mark!r}" for mark in set(PAPER_MARKS.findall(text))]
        problems += [f"{label}: shows the held-back {quote!r}" for quote in HELD_BACK if quote in text]
        if "/rounds/" in url:
            problems += [f"{label}: shows the category {name!r}" for name in SMALL_CATEGORIES if name in text]

    assert not problems, "\n".join(problems)
