"""Settings come from the environment exactly as docs/operator.md lists them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.site_url import site_url

PROJECT = Path(__file__).resolve().parents[1]

PROBE = """
import json
from django.conf import settings
import django
django.setup()
from huey.contrib.djhuey import HUEY
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "host": settings.DATABASES["default"].get("HOST", ""),
    "huey": type(HUEY).__name__,
    "immediate": HUEY.immediate,
    "email": settings.EMAIL_BACKEND,
    "anymail": settings.ANYMAIL,
    "debug": settings.DEBUG,
    "min_cell": settings.ANONYMITY_MIN_CELL,
    "from": settings.DEFAULT_FROM_EMAIL,
    "hosts": settings.ALLOWED_HOSTS,
    "site_url": settings.SITE_URL,
}))
"""

SETTING_NAMES = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
    "DEFAULT_FROM_EMAIL",
    "ANONYMITY_MIN_CELL",
    "SITE_URL",
    "HOST",
    "PORT",
    "SECURE_SSL_REDIRECT",
)


def settings_with(**variables: str) -> dict:
    env = {
        key: value for key, value in os.environ.items() if key not in SETTING_NAMES and not key.startswith("ANYMAIL_")
    }
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_need_nothing_installed():
    loaded = settings_with()

    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["name"] == str(PROJECT / "db.sqlite3")
    assert loaded["huey"] == "SqliteHuey"
    assert loaded["immediate"] is False
    assert loaded["email"] == "django.core.mail.backends.console.EmailBackend"
    assert loaded["debug"] is True
    assert loaded["min_cell"] == 3


def test_database_url_selects_postgresql():
    loaded = settings_with(DATABASE_URL="postgres://advisory:secret@db.internal:5433/advisory")

    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["name"] == "advisory"
    assert loaded["host"] == "db.internal"


def test_redis_url_moves_the_queue_to_redis():
    loaded = settings_with(REDIS_URL="redis://127.0.0.1:6379/3")

    assert loaded["huey"] == "RedisHuey"
    assert loaded["immediate"] is False


def test_anymail_settings_come_from_prefixed_variables():
    loaded = settings_with(
        EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend",
        ANYMAIL_MAILGUN_API_KEY="key-123",
        ANYMAIL_MAILGUN_SENDER_DOMAIN="mg.example.org",
        DEFAULT_FROM_EMAIL="ATT Secretariat <advisory@example.org>",
    )

    assert loaded["email"] == "anymail.backends.mailgun.EmailBackend"
    assert loaded["anymail"] == {"MAILGUN_API_KEY": "key-123", "MAILGUN_SENDER_DOMAIN": "mg.example.org"}
    assert loaded["from"] == "ATT Secretariat <advisory@example.org>"


def test_setting_a_secret_key_switches_debug_off():
    loaded = settings_with(
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.org, www.example.org",
        ANONYMITY_MIN_CELL="5",
        SITE_URL="https://example.org/",
    )

    assert loaded["debug"] is False
    assert loaded["hosts"] == ["example.org", "www.example.org"]
    assert loaded["min_cell"] == 5
    assert loaded["site_url"] == "https://example.org"


def test_production_without_secret_key_is_refused_with_a_clear_message():
    env = {key: value for key, value in os.environ.items() if key not in SETTING_NAMES}
    env.update(DEBUG="0", DJANGO_SETTINGS_MODULE="config.settings")

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=PROJECT, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("value", ["three", "3.5"])
def test_a_malformed_number_names_the_variable(value):
    env = {key: val for key, val in os.environ.items() if key not in SETTING_NAMES}
    env.update(ANONYMITY_MIN_CELL=value, DJANGO_SETTINGS_MODULE="config.settings")

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=PROJECT, env=env, capture_output=True, text=True
    )

    assert "ANONYMITY_MIN_CELL must be a whole number" in result.stderr


def test_deployment_check_is_clean_in_production():
    env = {key: value for key, value in os.environ.items() if key not in SETTING_NAMES}
    env.update(
        DEBUG="0",
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def refusal(**variables: str) -> str:
    """The error printed when the settings refuse to load."""
    env = {key: value for key, value in os.environ.items() if key not in SETTING_NAMES}
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    return result.stderr


def test_in_development_links_follow_the_address_make_run_serves_on():
    assert settings_with(HOST="localhost", PORT="8101")["site_url"] == "http://localhost:8101"


def development(value: str = "", **where: str) -> str:
    return site_url(value, **{"host": "127.0.0.1", "port": "8000", **where}, debug=True, allowed_hosts=[], https=False)


def test_development_listening_everywhere_links_to_the_loopback_address():
    assert development(port="8101") == "http://127.0.0.1:8101"
    assert development(host="0.0.0.0", port="8101") == "http://127.0.0.1:8101"  # noqa: S104


def test_an_explicit_site_url_wins_in_development():
    assert development("http://advisory.test:9000/", port="8101") == "http://advisory.test:9000"


def test_production_needs_a_site_url():
    assert "SITE_URL must be set when DEBUG is off" in refusal(SECRET_KEY="x" * 60)


def production(value: str, *, https: bool = True) -> str:
    return site_url(value, host="", port="", debug=False, allowed_hosts=["advisory.example.org"], https=https)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("advisory.example.org", "must be a full address"),
        ("https://advisory.example.org/advisory/", "without a path"),
        ("http://advisory.example.org", "must start with https://"),
        ("https://elsewhere.example.org", "is not in ALLOWED_HOSTS"),
    ],
)
def test_production_checks_the_site_url(value, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        production(value)


def test_production_behind_plain_http_may_use_an_http_site_url():
    assert production("http://advisory.example.org/", https=False) == "http://advisory.example.org"
