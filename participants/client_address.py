"""The address a request came from, for the lockout and the e-mail throttles.

Behind a reverse proxy every request arrives from the proxy, so counting failures by REMOTE_ADDR would
let anyone lock a colleague out. `X-Forwarded-For` is believed only as far as the operator says
(`TRUSTED_PROXY_COUNT`): each trusted proxy appends the address it received the request from, so the
client is the entry that many places from the end. Entries further left were written by the client and
are never used. With the default 0 the header is ignored entirely.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or the trusted proxies' record of it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < trusted:
        return remote  # the request did not pass through every trusted proxy: trust nothing it says
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
