"""The append-only audit trail: one call per state change, reveal, import or export."""

from __future__ import annotations

from typing import Any

from django.db import models

from participants.models import AuditEvent, User


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    **details: Any,
) -> AuditEvent:
    """Write one audit row. Call it inside the same transaction as the change it records."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details,
    )
