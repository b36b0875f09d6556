"""Test settings: only what tests need to differ."""

import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import ANYMAIL, HUEY, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
HUEY = {**HUEY, "immediate": True}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="advisory-media-"))
SITE_URL = "http://testserver"
# Calendar replies arrive through one ESP's inbound webhook, behind its basic-auth secret.
INBOUND_EMAIL_ESP = "postmark"
ANYMAIL = {**ANYMAIL, "WEBHOOK_SECRET": "inbound:calendar-replies-test-secret"}
