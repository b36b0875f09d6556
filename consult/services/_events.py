"""Side effects after commit: notifications run in the worker, never inside the request's transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction


def announce_on_commit(event: str, round_id: int, **extra: Any) -> None:
    """Queue the e-mails for `event` once the surrounding transaction commits (never if it rolls back)."""
    from consult.tasks import announce  # the task module imports services: import late

    transaction.on_commit(lambda: announce(event, round_id, extra))
