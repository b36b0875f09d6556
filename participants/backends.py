"""Password login by e-mail, and one query per request to load the user with their roles and profile."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from config.prepared import PreparedQuery
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT


def _member_of(group: str) -> Exists:
    return Exists(User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=group))


# Every page of a logged-in user runs it: prepared, as building it cost more than PostgreSQL's answer.
_USER_WITH_ROLES = PreparedQuery(
    lambda user_id: (
        User._default_manager.select_related("participant")
        .annotate(in_secretariat=_member_of(SECRETARIAT), in_chair=_member_of(CHAIR))
        .filter(pk=user_id)
    )
)


class EmailBackend(ModelBackend):
    """Django's ModelBackend; loading the logged-in user also fetches what every page asks next."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = _USER_WITH_ROLES.one(user_id=int(user_id))  # Django passes the session's key as an integer
        except (TypeError, ValueError):
            return None
        if user is None or not self.user_can_authenticate(user):
            return None
        user._role_names = frozenset(
            name for name, member in ((SECRETARIAT, user.in_secretariat), (CHAIR, user.in_chair)) if member
        )
        return user
