"""Write a round's anonymized summary: `manage.py generate_summary ROUND_ID --format md --output PATH`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consult.models import Round
from feedback import registry
from feedback.models import GenerationStatus, Summary, SummaryState
from feedback.summary import gate, services, writers


class Command(BaseCommand):
    help = (
        "Write the anonymized summary of a closed round (md, html, docx or json). The stored draft or "
        "approved summary is written when there is one; otherwise it is generated first. Exits non-zero "
        "if the leak gate finds any identity."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round_id", type=int)
        parser.add_argument("--format", required=True, choices=writers.FORMATS, dest="fmt")
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--preview", action="store_true", help="Generate from the answers so far, even if the round is open."
        )
        parser.add_argument(
            "--appendix",
            action="store_true",
            help="Add every anonymized answer as an appendix (also on when the Chair has switched it on).",
        )
        parser.add_argument(
            "--regenerate",
            action="store_true",
            help="Rebuild the draft from the answers (drops quote edits; themes and tags are kept).",
        )

    def handle(
        self,
        *args: Any,
        round_id: int,
        fmt: str,
        output: Path,
        preview: bool,
        regenerate: bool,
        appendix: bool = False,
        **opts: Any,
    ):
        round_ = Round.objects.filter(pk=round_id).first()
        if round_ is None:
            raise CommandError(f"There is no round with id {round_id}.")
        try:
            content, narrative, state, chosen = self.summary_parts(round_, preview=preview, regenerate=regenerate)
            data = services.render(
                content=content, narrative=narrative, state=state, fmt=fmt, appendix=appendix or chosen
            )
        except services.SummaryBlocked as blocked:
            for leak in blocked.leaks:
                self.stderr.write(f"  {leak.location}: {leak.kind} “…{leak.before}[{leak.text}]{leak.after}…”")
            raise CommandError(str(blocked)) from blocked
        except services.SummaryError as error:
            raise CommandError(str(error)) from error
        if not output.parent.exists():
            raise CommandError(f"The folder {output.parent} does not exist.")
        output.write_bytes(data)
        respondents = content["respondents"]
        self.stdout.write(f"Wrote the {state} summary of “{round_.title}” ({respondents} respondents) to {output}")
        places = gate.review(content, narrative, registry.current_anonymizer()).places_left
        if places:
            self.stdout.write(
                f"{places} capital {'city or region' if places == 1 else 'cities or regions'} left in the text "
                "(none of a participant's State): check that none singles anyone out."
            )

    def summary_parts(self, round_: Round, *, preview: bool, regenerate: bool) -> tuple[dict, str, str, bool]:
        """The content, narrative, state and appendix choice to write."""
        if preview:
            return services.build_content(round_), "", SummaryState.DRAFT, False
        summary = Summary.objects.filter(round=round_).first()
        if regenerate or summary is None or summary.generation_status != GenerationStatus.DONE:
            summary = services.generate_now(round_id=round_.pk, by=None)
        return summary.content, summary.narrative, summary.state, summary.include_appendix
