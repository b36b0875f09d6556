"""`Cache-Control: private, no-store` and the security headers on every page of the access matrix that a
logged-in role may open (downloads, exports and the admin included): nothing personal stays in a browser's
or a proxy's cache. Reuses the matrix's URL list and world (test_access_matrix.py, world.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security import access_table as table
from tests.security.test_access_matrix import admin_urls, project_urls, url_for
from tests.security.world import ROLES, build_world

pytestmark = pytest.mark.django_db

SIGNED_IN = [role for role in ROLES if role != "anonymous"]
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def problems_of(response, label: str) -> list[str]:
    found = []
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    if not {"private", "no-store"} <= directives:
        found.append(f"{label}: Cache-Control is {response.get('Cache-Control')!r}")
    if "public" in directives:
        found.append(f"{label}: Cache-Control says public")
    for header, value in SECURITY_HEADERS.items():
        if response.get(header) != value:
            found.append(f"{label}: {header} is {response.get(header)!r}, not {value!r}")
    if "frame-ancestors 'none'" not in response.get("Content-Security-Policy", ""):
        found.append(f"{label}: no Content-Security-Policy with frame-ancestors 'none'")
    return found


def pages_open_to_someone_signed_in(world, routes):
    """(label, url, role) for every page some signed-in role opens (200), with the first such role."""
    for case in table.CASES:
        if case.name not in routes:
            continue
        role = next((role for role in SIGNED_IN if case.get[role] == table.OK), None)
        if role is not None:
            yield case.label, url_for(case, world, routes), role
    for label, url, outcomes in admin_urls(routes):
        role = next((role for role in SIGNED_IN if outcomes.get(role) == table.OK), None)
        if url and role is not None:
            yield label, url, role


def test_every_page_a_signed_in_role_opens_is_private_and_carries_the_security_headers():
    world = build_world()
    clients = {role: world.client(role) for role in SIGNED_IN}
    routes = project_urls()
    problems, asked = [], 0

    for label, url, role in pages_open_to_someone_signed_in(world, routes):
        response = clients[role].get(url)
        asked += 1
        if response.status_code == 200:
            problems += problems_of(response, f"{label} as {role}")

    assert asked > 100  # the matrix's pages, not a handful
    assert not problems, "\n".join(problems)


def test_a_redirect_for_a_signed_in_person_is_private_too(client_for):
    from tests import factories

    response = client_for(factories.make_participant().user).get(reverse("participants:register"))

    assert response.status_code == 302
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_pages_for_visitors_are_not_marked_private(client):
    response = client.get(reverse("home"))

    assert "no-store" not in response.get("Cache-Control", "")
