"""The inbound webhook route of the one ESP configured to receive e-mail (INBOUND_EMAIL_ESP).

Only that ESP's anymail inbound view is mounted: the others would fail without their own
settings, and an endpoint nobody uses is one more thing to attack.
"""

from __future__ import annotations

from anymail import urls as anymail_urls
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern

SUFFIX = "_inbound_webhook"


def supported_esps() -> list[str]:
    return sorted(
        pattern.name.removesuffix(SUFFIX) for pattern in anymail_urls.urlpatterns if pattern.name.endswith(SUFFIX)
    )


def inbound_patterns(esp: str) -> list[URLPattern]:
    """anymail's inbound route for `esp` (e.g. "mailgun"), mounted under /anymail/. Raises ImproperlyConfigured."""
    name = esp.strip().lower() + SUFFIX
    patterns = [pattern for pattern in anymail_urls.urlpatterns if pattern.name == name]
    if not patterns:
        raise ImproperlyConfigured(
            f"INBOUND_EMAIL_ESP={esp!r} is not an ESP whose inbound e-mail anymail reads; use one of "
            f"{', '.join(supported_esps())}."
        )
    return patterns
