"""`manage.py close_round ROUND_ID`: close an open round now (answers stop; participants are told)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consult.models import Round
from consult.services import RoundNotOpen, close_round


class Command(BaseCommand):
    help = "Close an open consultation round now. Fails for unknown ids and for rounds that are not open."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round_id", type=int, help="The round's id (create_round prints it).")

    def handle(self, *args: object, round_id: int, **options: object) -> None:
        if not Round.objects.filter(pk=round_id).exists():
            raise CommandError(f"There is no round with id {round_id}.")
        try:
            round_ = close_round(round_id=round_id, by=None)
        except RoundNotOpen as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Closed round {round_.pk} “{round_.title}” at {round_.closed_at:%Y-%m-%d %H:%M %Z}.")
