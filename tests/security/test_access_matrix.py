"""Every URL of the project, asked by every role, answers as access_table.py declares.

URLs come from the resolver, so a new view without a declared expectation fails this test. A role
whose GET is refused also sends a POST, which must be refused the same way and write nothing; a role
a POST-only view allows sends it too, and must be neither refused nor met by a server error.
"""

from __future__ import annotations

import copy
import re
import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security import access_table as table
from tests.security.world import ROLES, World, build_world

pytestmark = pytest.mark.django_db

ADMIN_PAGE = re.compile(r"^admin:(?P<app>[a-z_]+)_(?P<model>[a-z]+)_(?P<page>changelist|add|change|history|delete)$")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Tables a refused request may still write: the session (a message, the next URL) and the lockout log.
HARMLESS_TABLES = ("django_session", "axes_")
DEFAULT_POST = {"confirm": "yes", "reason": "because", "version": 0}


def walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(key, route) for every URL pattern: the key is the namespaced name, or the route when unnamed."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


def project_urls() -> dict[str, str]:
    return dict(walk(get_resolver().url_patterns))


# --- Asking ------------------------------------------------------------------------------------------------


def outcome(response) -> str:
    """What the person sees, in the table's words."""
    if response.status_code in (301, 302):
        path = urlsplit(response["Location"]).path
        if path == reverse("login"):
            return table.LOGIN
        if path == reverse("two_factor"):
            return table.TWO_FACTOR
        return table.REDIRECT
    return str(response.status_code)


def writes_during(request) -> tuple[object, list[str]]:
    """Make the request in a savepoint that is rolled back; return its response and the rows it wrote."""
    connection.queries_log.clear()  # a full log would make the capture below empty
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = request()
        transaction.set_rollback(True)
    written = [
        query["sql"][:160]
        for query in queries.captured_queries
        if WRITE.match(query["sql"]) and not any(name in query["sql"] for name in HARMLESS_TABLES)
    ]
    return response, written


def posting_roles(label: str, outcomes: dict[str, str], *, every: bool) -> set[str]:
    """Who sends a POST: every refused role for a POST-only view; otherwise one refused role of each group
    (a different one from URL to URL, so that across the table every role posts), since a view's guard
    treats GET and POST alike."""
    refused = {role for role, expected in outcomes.items() if expected in table.REFUSALS}
    if every:
        return refused
    pick = zlib.crc32(label.encode())
    chosen = set()
    for members in table.GROUPS.values():
        candidates = [role for role in members if role in refused]
        if candidates:
            chosen.add(candidates[pick % len(candidates)])
    return chosen


def check(client: Client, role: str, label: str, url: str, expected_get: str, expected_post: str | None, data):
    """Problems found asking `url` as `role` (an empty list when it behaves as declared); expected_post
    None: no POST is sent."""
    problems = []
    response, _ = writes_during(lambda: client.get(url))
    got = outcome(response)
    if got != expected_get:
        problems.append(f"GET  {label} as {role}: expected {expected_get}, got {got} ({url})")
    if expected_post in table.REFUSALS:
        response, written = writes_during(lambda: client.post(url, data))
        got = outcome(response)
        if got not in (expected_post, table.NOT_ALLOWED):  # a GET-only view refuses every POST
            problems.append(f"POST {label} as {role}: expected {expected_post}, got {got} ({url})")
        if written:
            problems.append(f"POST {label} as {role} was refused but wrote: {written}")
    return problems


def check_allowed(client: Client, role: str, label: str, url: str, data, expected: str) -> list[str]:
    """A POST the table marks as allowed is sent too (in a savepoint rolled back afterwards, the client's
    cookies restored): it must be neither refused nor a server error (ALLOWED_THEN_TWO_FACTOR: it may end
    on the second factor's set-up page, where staff without one are held)."""
    cookies = copy.deepcopy(client.cookies)
    response, _ = writes_during(lambda: client.post(url, data))
    client.cookies = cookies
    got = outcome(response)
    if expected == table.ALLOWED_THEN_TWO_FACTOR and got == table.TWO_FACTOR:
        return []
    if got in table.REFUSALS or got == table.NOT_ALLOWED or response.status_code >= 500:
        return [f"POST {label} as {role}: allowed, but got {got} ({url})"]
    return []


def url_for(case: table.Case, world: World, routes: dict[str, str]) -> str:
    if case.name == routes[case.name]:  # an unnamed pattern, declared by its route
        return "/" + case.name
    kwargs = {
        key: world.refs[value[1:]] if isinstance(value, str) and value.startswith("@") else value
        for key, value in case.kwargs.items()
    }
    return reverse(case.name, kwargs=kwargs)


# --- The admin, by pattern -------------------------------------------------------------------------------


def admin_urls(routes: dict[str, str]) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(label, url, outcome per role) for every admin URL pattern, filled with a real object of its model."""
    models = {model._meta.label_lower: model for model in admin.site._registry}
    for key, route in routes.items():
        if not route.startswith("admin/"):
            continue
        page = None if key in table.ADMIN_OTHER_PAGES else ADMIN_PAGE.match(key)
        if page:
            label = f"{page['app']}.{page['model']}"
            yield from _model_page(label, page["page"], models.get(label))
        elif key.endswith("<path:object_id>/"):
            label = ".".join(route.split("/")[1:3])
            obj = models[label].objects.order_by("pk").first()
            if obj is None:
                yield f"admin {label} old change URL (the world has no {label} to ask about)", "", {}
            else:
                yield f"{label} (old change URL)", f"/{route.split('<')[0]}{obj.pk}/", _admin_roles("admin:<object>")
        elif key.startswith("admin/(?P<url>"):
            yield "admin catch-all", "/admin/nothing/here/", _admin_roles("admin:<catch-all>")
        else:
            outcomes = _admin_roles(key)
            yield key, _admin_url(key) if outcomes else "", outcomes


def _model_page(label: str, page: str, model) -> Iterator[tuple[str, str, dict[str, str]]]:
    declared = table.ADMIN_MODELS.get(label)
    if declared is None or model is None:
        yield f"admin {label}", "", {}
        return
    obj = model.objects.order_by("pk").first()
    if obj is None and page not in ("changelist", "add"):
        yield f"admin {label} {page} (the world has no {label} to ask about)", "", {}
        return
    args = [] if page in ("changelist", "add") else [obj.pk]
    url = reverse(f"admin:{label.replace('.', '_')}_{page}", args=args)
    outcomes = dict(table.ADMIN_ROLES)
    for role in ("secretariat", "superuser"):
        pages = declared.get(role, declared["secretariat"])
        outcomes[role] = table.OK if page in pages else table.DENIED
    yield f"admin {label} {page}", url, outcomes


def _admin_url(name: str) -> str:
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "participants"})
    if name == "admin:view_on_site":
        return "/admin/r/1/1/"
    if name.endswith("user_password_change"):
        from participants.models import User

        return reverse(name, args=[User.objects.order_by("pk").first().pk])
    return reverse(name)


def _admin_roles(name: str) -> dict[str, str]:
    if name not in table.ADMIN_OTHER_PAGES:
        return {}
    return {
        role: table.ADMIN_OTHER_PAGES[name] if expected == table.ADMIN else expected
        for role, expected in table.ADMIN_ROLES.items()
    }


# --- The test ----------------------------------------------------------------------------------------------


def test_every_url_answers_every_role_as_declared():
    world = build_world()
    clients = {role: world.client(role) for role in ROLES}
    routes = project_urls()
    declared = {case.name for case in table.CASES}
    problems = [
        f"no expectation declared for {key} ({route})"
        for key, route in routes.items()
        if key not in declared and not route.startswith("admin/")
    ]
    problems += [f"a declared URL no longer exists: {name}" for name in sorted(declared - set(routes))]

    for case in table.CASES:
        if case.name not in routes:
            continue
        url = url_for(case, world, routes)
        posts = case.post if case.post is not None else case.get
        posting = posting_roles(case.label, posts, every=case.post is not None)
        for role in ROLES:
            expected_post = posts[role] if role in posting else None
            problems += check(
                clients[role], role, case.label, url, case.get[role], expected_post, case.data or DEFAULT_POST
            )
            if case.post is not None and case.post[role] in (table.ALLOWED, table.ALLOWED_THEN_TWO_FACTOR):
                problems += check_allowed(
                    clients[role], role, case.label, url, case.data or DEFAULT_POST, case.post[role]
                )

    for label, url, outcomes in admin_urls(routes):
        if not outcomes:
            problems.append(f"no expectation declared for the admin page {label}")
            continue
        posting = posting_roles(label, outcomes, every=False)
        for role in ROLES:
            expected_post = outcomes[role] if role in posting else None
            problems += check(clients[role], role, label, url, outcomes[role], expected_post, DEFAULT_POST)

    assert not problems, f"{len(problems)} differences from access_table.py:\n" + "\n".join(problems)
