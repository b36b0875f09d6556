"""The one authorization policy: every state-changing service checks who acts.

A service that changes state takes `by`, the person acting, and calls `require(by, ...)` before it
writes anything, so a page, an admin action, a command or a task calling it cannot forget the rule.
The pages' decorators (permissions.py) still check first, to answer with a login, a second factor
or a 403; the service's check is the rule itself, and the one an admin form or a script meets.

`by=None` is the system itself: the background worker, the scheduled opening and closing of
rounds, a management command the operator runs on the server, the demo's seeding. It is allowed,
and its audit rows have no actor. A real user without one of the roles named is refused with
NotAllowed, before anything is written.

Services a participant calls for themselves take the participant (answering, subscriptions), or
check with `require_self` that the user acting is that person.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from participants.permissions import CHAIR, SECRETARIAT, is_chair, is_secretariat
from participants.services.errors import NotAllowed

_HOLDS = {SECRETARIAT: is_secretariat, CHAIR: is_chair}  # a superuser counts as the Secretariat

_REFUSALS = {
    frozenset({SECRETARIAT}): _("Only the Secretariat may do this."),
    frozenset({SECRETARIAT, CHAIR}): _("Only the Chair or the Secretariat may do this."),
}


def holds(by: Any, *roles: str) -> bool:
    """Whether `by` may act with one of `roles` (always, for the system: `by=None`)."""
    if not roles:
        raise ValueError("Name the roles that may act.")
    return by is None or any(_HOLDS[role](by) for role in roles)


def require(by: Any, *roles: str) -> None:
    """Refuse (NotAllowed) a real user who holds none of `roles`; the system (`by=None`) may act."""
    if not holds(by, *roles):
        raise NotAllowed(_REFUSALS.get(frozenset(roles)))


def require_self(by: Any, participant: Participant, *roles: str) -> None:
    """Refuse anyone but the participant themselves (or the system, or a user holding one of `roles`)."""
    if by is None or by.pk == participant.user_id or (roles and holds(by, *roles)):
        return
    raise NotAllowed(_("Only the participant themselves may do this."))
