"""manage.py import_feedback ROUND_ID PATH: record written submissions from a CSV or XLSX file (DESIGN.md §5)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consult.models import Round
from feedback import services
from feedback.importing import read_rows


class Command(BaseCommand):
    help = (
        "Record offline written submissions for a round from a CSV or XLSX file with the header "
        "email,question,answer (one row per answer). All or nothing: any bad row imports nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("round_id", type=int)
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; record nothing.")

    def handle(self, *args: object, round_id: int, path: Path, dry_run: bool, **options: object) -> None:
        if not Round.objects.filter(pk=round_id).exists():
            raise CommandError(f"No consultation round has the id {round_id}.")
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            report = services.import_feedback(round_id=round_id, rows=read_rows(path), by=None, dry_run=dry_run)
        except services.ImportRejected as rejected:
            if all(error.row == 0 for error in rejected.errors):  # the file itself, not its rows
                raise CommandError(" ".join(error.message for error in rejected.errors)) from None
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(str(rejected)) from None
        except services.RoundNotRecordable as error:
            raise CommandError(str(error)) from None
        verb = "Would record" if dry_run else "Recorded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {report.participants} written submission(s) with {report.answers} answer(s) "
                f"for round {round_id}"
                + (f"; {report.replaced} replaced an earlier response." if report.replaced else ".")
            )
        )
