"""Side effects after commit: the e-mails go from the worker, never inside the request's transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction


def after_commit(event: str, **arguments: Any) -> None:
    """Queue the e-mails for `event` once the surrounding transaction commits (never if it rolls back)."""
    from consult.meetings.tasks import notify  # the task module imports services: import late

    transaction.on_commit(lambda: notify(event, arguments))
