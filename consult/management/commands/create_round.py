"""`manage.py create_round PATH`: create, schedule (and if due, open) a round from a JSON definition.

The contract is in docs/command-line.md. The new round's id is the last line printed. Any error creates nothing
and exits non-zero with every problem named by its place in the JSON.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consult.definition import DefinitionInvalid, parse_round_definition
from consult.services import RoundError, create_round_from_definition


class Command(BaseCommand):
    help = (
        "Create a consultation round from a JSON definition: the cycle and tool are created if missing, the round "
        "is scheduled (taking one of the cycle's two places) and opened at once if its opening time has passed. "
        "Datetimes are ISO 8601; without a time zone they are read as UTC. Prints the round's id last."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The JSON file (docs/command-line.md describes its keys).")

    def handle(self, *args: object, path: str, **options: object) -> None:
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        try:
            definition = parse_round_definition(raw)
            created = create_round_from_definition(definition=definition)
        except DefinitionInvalid as invalid:
            raise CommandError(_problems(path, invalid.problems)) from invalid
        except RoundError as error:
            raise CommandError(f"Nothing was created. {error}") from error
        for note in created.notes:
            self.stdout.write(note)
        self.stdout.write(str(created.round.pk))


def _problems(path: str, problems: list[str]) -> str:
    lines = [f"{path} has {len(problems)} problem{'s' if len(problems) != 1 else ''}; nothing was created:"]
    return "\n".join([*lines, *(f"  - {problem}" for problem in problems)])
