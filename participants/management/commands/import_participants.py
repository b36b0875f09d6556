"""`manage.py import_participants PATH [--dry-run] [--reason TEXT]`: the participant list from CSV or XLSX.

Described in docs/command-line.md."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from participants import roster


class Command(BaseCommand):
    help = (
        "Import participants from a CSV or XLSX file with the columns email, full_name, category, affiliation, "
        "country (and optionally phone, website, acronym). New people are created approved; existing ones "
        "(matched by e-mail, any case) get their profile updated, never their status. Any bad row: nothing is "
        "imported. The audit trail records, for each person added, that the command line added them, from which "
        "file and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv (UTF-8) or .xlsx file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would change; change nothing."
        )
        parser.add_argument(
            "--reason",
            default="",
            help="Why these people are added without applying (e.g. “nominated by their governments, letter of "
            "3 March”); kept in the audit trail.",
        )

    def handle(self, *args, path: str, dry_run: bool, reason: str, **options) -> None:
        file = Path(path)
        if file.is_file() and file.stat().st_size > settings.IMPORT_MAX_BYTES:
            raise CommandError(
                f"{file} is larger than the {settings.IMPORT_MAX_BYTES:,} bytes allowed (IMPORT_MAX_BYTES)."
            )
        try:
            dataset = roster.load_path(file)
            plan = roster.import_participants(
                dataset=dataset, by=None, source=file.name, reason=reason, dry_run=dry_run
            )
        except roster.UnreadableFile as error:
            raise CommandError(str(error)) from error
        except roster.ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(f"{file.name}: {str(error)[0].upper()}{str(error)[1:]}")
            raise CommandError(f"{len(failed.errors)} problem(s) found; nothing was imported.") from failed
        counts = plan.counts
        summary = f"{counts['created']} new, {counts['updated']} updated, {counts['unchanged']} unchanged."
        self.stdout.write(f"Dry run, nothing saved: would import {summary}" if dry_run else f"Imported {summary}")
