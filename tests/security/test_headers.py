"""Headers and cookies on real responses, with the production settings (DEBUG off, a secret key, HTTPS);
and the CSP in every environment: no inline script or style can creep into a template."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

PROJECT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter with the production settings module and an in-memory database. Only the
# static files storage is swapped (the manifest needs `collectstatic`, which says nothing about headers).
PROBE = """
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

call_command("migrate", verbosity=0)
from participants.models import User
User.objects.create_user("expert@example.org", "a long enough passphrase")

def cookie(response, name):
    morsel = response.cookies[name]
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"]}

simple = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                                 "staticfiles": simple}):
    client = Client()
    plain = client.get("/account/login/")
    page = client.get("/account/login/", secure=True)
    register = client.get("/register/", secure=True)
    login = client.post("/account/login/", {"username": "expert@example.org", "password": "a long enough passphrase"},
                        secure=True)
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "headers": dict(page.headers),
    "register_csp": register["Content-Security-Policy"],
    "csrf_cookie": cookie(page, "csrftoken"),
    "session_cookie": cookie(login, "sessionid"),
}))
"""


@pytest.fixture(scope="module")
def production():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DEBUG", "DATABASE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(PROJECT),
        DEBUG="0",
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        ALLOWED_HOSTS="testserver",
        SITE_URL="https://testserver",
        DATABASE_URL="sqlite://:memory:",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production):
    status, location = production["plain"]

    assert status == 301
    assert location == "https://testserver/account/login/"


def test_https_responses_carry_hsts_and_the_protective_headers(production):
    headers = production["headers"]

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("which", ["headers", "register_csp"])
def test_the_content_security_policy_allows_no_inline_code_and_no_framing(production, which):
    policy = production["headers"]["Content-Security-Policy"] if which == "headers" else production[which]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())

    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("name", ["csrf_cookie", "session_cookie"])
def test_cookies_are_secure_http_only_and_same_site(production, name):
    assert production[name] == {"secure": True, "httponly": True, "samesite": "Lax"}


@pytest.mark.django_db
def test_development_pages_carry_the_same_policy(client):
    response = client.get(reverse("home"))

    assert "default-src 'self'" in response["Content-Security-Policy"].split("; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


# --- Templates: nothing the policy would block -----------------------------------------------------------

TEMPLATE_DIRS = [PROJECT / "templates", *PROJECT.glob("*/templates")]
# Inline code: a <script> without src, a <style> block, a style="" attribute, an on*="" handler, a
# javascript: URL. E-mail templates are exempt: mail clients need inline styles and never run our CSP.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=\s*[\"']|javascript:",
    re.IGNORECASE,
)


def page_templates() -> list[Path]:
    return sorted(
        path
        for directory in TEMPLATE_DIRS
        for path in directory.rglob("*.html")
        if "emails" not in path.relative_to(directory).parts
    )


def test_no_page_template_holds_inline_script_style_or_event_handlers():
    found = [
        f"{path.relative_to(PROJECT)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0)!r}"
        for path in page_templates()
        for text in [path.read_text(encoding="utf-8")]
        for match in INLINE.finditer(text)
    ]

    assert len(page_templates()) > 40  # the scan really reads the templates
    assert not found, "Inline code the CSP would block (move it to static/js or static/css):\n" + "\n".join(found)


def test_no_script_evaluates_strings_as_code():
    scripts = sorted((PROJECT / "static" / "js").rglob("*.js"))
    found = [
        f"{path.relative_to(PROJECT)}: {match.group(0)}"
        for path in scripts
        for match in re.finditer(r"\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*[\"']", path.read_text())
    ]

    assert scripts
    assert not found
