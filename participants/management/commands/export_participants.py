"""`manage.py export_participants [--format csv|xlsx|json|xml] [--output PATH]`: every participant.

The columns are the contract in docs/command-line.md."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from participants import roster


class Command(BaseCommand):
    help = (
        "Export every participant, one row each: the import columns first (so an edited export imports back), "
        "then status and the other fields. Writes to standard output unless --output is given (required for xlsx)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=roster.EXPORT_FORMATS,
            default="csv",
            dest="fmt",
            help="csv (default), xlsx, json or xml (schema: static/schemas/participants-1.xsd).",
        )
        parser.add_argument("--output", help="The file to write.")

    def handle(self, *args, fmt: str, output: str | None, **options) -> None:
        if fmt == "xlsx" and not output:
            raise CommandError("XLSX is a binary format: give --output PATH, e.g. --output participants.xlsx.")
        if output and not Path(output).parent.is_dir():
            raise CommandError(f"The folder {Path(output).parent} does not exist.")
        content = roster.export_participants(fmt=fmt, by=None, source=output or "stdout")
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
