"""The site's public address, from which every e-mailed link and calendar URL is built.

In development it follows the address the server listens on (`make run PORT=8101` gives
http://127.0.0.1:8101), so links work wherever the demo runs. In production it must be given and
is checked when the settings load: a wrong SITE_URL would send every participant a dead link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

# Listening on every interface says nothing about the address people open; use the loopback one.
WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]", ""}  # noqa: S104


def site_url(value: str, *, host: str, port: str, debug: bool, allowed_hosts: list[str], https: bool) -> str:
    """The checked public address, without a trailing slash. Raises ImproperlyConfigured."""
    if not value:
        if not debug:
            raise ImproperlyConfigured(
                "SITE_URL must be set when DEBUG is off: the address people open, for example "
                "https://advisory.example.org. Links in e-mails and calendar feeds are built from it."
            )
        host = "127.0.0.1" if host in WILDCARD_HOSTS else host
        value = f"http://{host}:{port}"
    value = value.rstrip("/")
    _check(value, allowed_hosts=None if debug else allowed_hosts, https=https)
    return value


def _check(value: str, *, allowed_hosts: list[str] | None, https: bool) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be a full address such as https://advisory.example.org, not {value!r}."
        )
    if parts.path or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_URL must be the site's root address, without a path: not {value!r}.")
    if https and parts.scheme != "https":
        raise ImproperlyConfigured(
            f"SITE_URL must start with https:// in production ({value!r}): the site redirects plain HTTP to HTTPS."
        )
    if allowed_hosts is not None and not validate_host(parts.hostname, allowed_hosts):
        raise ImproperlyConfigured(
            f"SITE_URL's host {parts.hostname!r} is not in ALLOWED_HOSTS ({', '.join(allowed_hosts)}): "
            "the links it builds would be refused."
        )
