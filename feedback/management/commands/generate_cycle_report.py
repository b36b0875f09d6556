"""Write the Secretariat's report on a cycle: `manage.py generate_cycle_report CYCLE --format md --output PATH`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consult.models import Cycle
from feedback.report import services
from feedback.report.models import CycleReport, ReportState
from feedback.report.writers import FORMATS

DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def folded(name: str) -> str:
    """A cycle's name as people type it: any case, spaces and kind of dash (“CSP12 \u2013 CSP13”)."""
    return "".join(name.translate(DASHES).casefold().split())


class Command(BaseCommand):
    help = (
        "Write the Secretariat's report on the advisory group's work in one cycle (md, html, docx or json): the "
        "approved report when there is one, otherwise the draft, generated with today's figures. Exits non-zero "
        "if the leak gate finds any identity."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cycle", help="The cycle's name, e.g. CSP12-CSP13 (any case, spaces or dash).")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--preview",
            action="store_true",
            help="Write a draft built now from today's figures, without storing or approving anything.",
        )

    def handle(self, *args: Any, cycle: str, fmt: str, output: Path, preview: bool, **options: Any) -> None:
        found = next((item for item in Cycle.objects.all() if folded(item.name) == folded(cycle)), None)
        if found is None:
            names = ", ".join(Cycle.objects.order_by("starts_on").values_list("name", flat=True)) or "none yet"
            raise CommandError(f"There is no cycle named “{cycle}”. Cycles: {names}.")
        if not output.parent.exists():
            raise CommandError(f"The folder {output.parent} does not exist.")
        try:
            content, introduction, conclusions, state = self.report_parts(found, preview=preview)
            data = services.render(
                content=content, introduction=introduction, conclusions=conclusions, state=state, fmt=fmt
            )
        except services.ReportBlocked as blocked:
            for leak in blocked.leaks:
                self.stderr.write(f"  {leak.location}: {leak.kind} “…{leak.before}[{leak.text}]{leak.after}…”")
            raise CommandError(str(blocked)) from blocked
        except services.ReportError as error:
            raise CommandError(str(error)) from error
        output.write_bytes(data)
        rounds = len(content["rounds"])
        self.stdout.write(
            f"Wrote the {state} report on {found.name} ({rounds} consultation{'s' if rounds != 1 else ''}, "
            f"figures as at {content['cycle']['figures_as_at']}) to {output}"
        )

    def report_parts(self, cycle: Cycle, *, preview: bool) -> tuple[dict, str, str, str]:
        """The content, introduction, conclusions and state to write."""
        report = CycleReport.objects.filter(cycle=cycle).first()
        if preview:
            texts = (report.introduction, report.conclusions) if report else ("", "")
            return services.build_content(cycle), *texts, ReportState.DRAFT
        if report is None or report.state == ReportState.DRAFT or not report.is_ready:
            report = services.generate_now(cycle_id=cycle.pk, by=None)
        return report.content, report.introduction, report.conclusions, report.state
