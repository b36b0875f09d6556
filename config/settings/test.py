"""Test settings: only what tests need to differ (STYLE.md)."""

import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import HUEY, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
HUEY = {**HUEY, "immediate": True}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="advisory-media-"))
SITE_URL = "http://testserver"
