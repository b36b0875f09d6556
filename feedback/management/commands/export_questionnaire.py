"""manage.py export_questionnaire ROUND_ID --format docx|xlsx --output PATH [--participant EMAIL]."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from consult.models import Round
from feedback import questionnaire_files, services


class Command(BaseCommand):
    help = (
        "Write a round's questionnaire as a Word (.docx) or Excel (.xlsx) file to fill in offline. With "
        "--participant, the copy is pre-filled with that participant's current answers (draft or submitted)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("round_id", type=int)
        parser.add_argument("--format", choices=questionnaire_files.FORMATS, required=True, dest="fmt")
        parser.add_argument("--output", type=Path, required=True, help="The file to write.")
        parser.add_argument("--participant", metavar="EMAIL", help="Pre-fill with this participant's answers.")

    def handle(self, *args: object, round_id: int, fmt: str, output: Path, participant: str | None, **options) -> None:
        round_ = Round.objects.select_related("tool").filter(pk=round_id).first()
        if round_ is None:
            raise CommandError(f"No consultation round has the id {round_id}.")
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        try:
            person = services.participant_with_email(participant) if participant else None
            with timezone.override(_zone(person)):
                export = services.export_questionnaire(round_=round_, fmt=fmt, participant=person)
        except services.FeedbackError as error:
            raise CommandError(str(error)) from None
        output.write_bytes(export.content)
        filled = f", pre-filled with the answers of {person.email}" if person else ""
        self.stdout.write(self.style.SUCCESS(f"Wrote the questionnaire of round {round_id} to {output}{filled}."))


def _zone(participant) -> zoneinfo.ZoneInfo | None:
    """The participant's own time zone for the deadline, or the site's."""
    try:
        return zoneinfo.ZoneInfo(participant.user.time_zone) if participant and participant.user.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
