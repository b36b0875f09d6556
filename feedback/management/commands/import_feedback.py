"""manage.py import_feedback ROUND_ID PATH [--participant EMAIL] [--dry-run]: record written submissions
from a CSV or XLSX file (email,question,answer), or one participant's filled Word or Excel questionnaire."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from consult.models import Round
from feedback import questionnaire_files, services
from feedback.importing import read_rows


class Command(BaseCommand):
    help = (
        "Record offline written submissions for a round from a CSV or XLSX file with the header "
        "email,question,answer (one row per answer). All or nothing: any bad row imports nothing. "
        "With --participant EMAIL, PATH may also be that participant's filled Word (.docx) or Excel (.xlsx) "
        "questionnaire of the round. Recording a letter's answers is the Secretariat's statement that the "
        "participant gave them in their personal expert capacity (Annex 1 §11)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("round_id", type=int)
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--participant", metavar="EMAIL", help="Whose filled questionnaire (.docx or .xlsx) PATH is."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; record nothing.")

    def handle(
        self, *args: object, round_id: int, path: Path, participant: str | None, dry_run: bool, **options: object
    ) -> None:
        if not Round.objects.filter(pk=round_id).exists():
            raise CommandError(f"No consultation round has the id {round_id}.")
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        with path.open("rb") as handle:  # never more than the limit in memory, whatever the file's size
            content = handle.read(settings.IMPORT_MAX_BYTES + 1)
        if participant:
            self._questionnaire(round_id, path, content, participant, dry_run)
        elif questionnaire_files.looks_like_questionnaire(content):
            raise CommandError(
                f"{path.name} is a filled questionnaire: say whose it is with --participant EMAIL "
                f"(manage.py import_feedback {round_id} {path} --participant EMAIL)."
            )
        else:
            self._table(round_id, path, content, dry_run)

    def _table(self, round_id: int, path: Path, content: bytes, dry_run: bool) -> None:
        try:
            report = services.import_feedback(
                round_id=round_id, rows=read_rows(path, content), by=None, dry_run=dry_run
            )
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

    def _questionnaire(self, round_id: int, path: Path, content: bytes, email: str, dry_run: bool) -> None:
        if path.suffix.lower() == ".csv":
            raise CommandError(
                "--participant is for a filled Word (.docx) or Excel (.xlsx) questionnaire; "
                "a CSV file names each participant in its email column."
            )
        try:
            person = services.participant_with_email(email)
            filled = services.record_offline_from_file(
                round_id=round_id, participant_id=person.pk, source=content, name=path.name, by=None, dry_run=dry_run
            )
        except questionnaire_files.QuestionnaireFileError as refused:
            self._problems(refused.by_key)
            raise CommandError(f"Nothing was recorded: {path.name} has {len(refused.problems)} problem(s).") from None
        except services.InvalidAnswers as invalid:
            self._problems(invalid.errors)
            raise CommandError(f"Nothing was recorded: {len(invalid.errors)} answer(s) need correcting.") from None
        except services.FeedbackError as error:
            raise CommandError(str(error)) from None
        kind = "Word" if filled.format == questionnaire_files.DOCX else "Excel"
        verb = "Would record" if dry_run else "Recorded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the written submission of {person.email} for round {round_id} from the {kind} "
                f"questionnaire {path.name}, with {len(filled.answers)} answer(s)."
            )
        )

    def _problems(self, problems: dict) -> None:
        for key, message in problems.items():
            self.stderr.write(f"Question “{key}”: {message}" if key else message)
