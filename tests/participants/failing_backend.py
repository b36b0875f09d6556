"""An e-mail backend that fails like an ESP outage, to test retries against the real sending code."""

from anymail.exceptions import AnymailAPIError
from django.core.mail.backends.base import BaseEmailBackend


class AlwaysFailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise AnymailAPIError("Simulated ESP outage (HTTP 503)")
