"""Break glass: remove a person's second factor when no other Secretariat member can (audited)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from participants import second_factor
from participants.models import User, normalise_email


class Command(BaseCommand):
    help = (
        "Remove the authenticator app and backup codes of an account, so its owner sets up new ones at their next "
        "login. Prefer the participant page or the admin's user list, where another Secretariat member does it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The account's e-mail address.")

    def handle(self, *args: object, email: str, **options: object) -> None:
        user = User.objects.filter(email=normalise_email(email)).first()
        if user is None:
            raise CommandError(f"No account has the address {email}.")
        second_factor.reset_second_factor(user=user, by=None)  # the audit row says: no actor, the command line
        self.stdout.write(f"Two-step verification reset for {user.email}: they set it up again at their next login.")
