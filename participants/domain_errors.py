"""The one family of errors the services raise when a rule refuses an action.

Every service error derives from DomainError, so views, admin actions and commands can show any of
them the same way: `str(error)` is a complete, translated sentence for the person acting, saying
why the action was refused and what to do instead. This module sits in the lowest app so that
consult and feedback can derive from it without importing upwards.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    default_message = _("That cannot be done.")

    def __init__(self, message: object | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)
