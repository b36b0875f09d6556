"""The JSON round definition read by `manage.py create_round` (docs/command-line.md), parsed and checked.

Pure: text in, a RoundDefinition out, or DefinitionInvalid naming every problem by its place in the
JSON (`questions[2].kind`). Lenient where the contract is loose: datetimes in ISO 8601 with or
without a zone (no zone means UTC), dates as YYYY-MM-DD, common spellings of modes and kinds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from consult.models import Mode, QuestionKind, Stage
from consult.question_shape import (
    CHOICE_KINDS,
    WITH_CHOICES,
    Earlier,
    clean_show_if,
    clean_texts,
    number_bounds_problems,
    rows_problems,
)
from participants.domain_errors import DomainError

MODE_SPELLINGS = {
    "written": Mode.WRITTEN,
    "written consultation": Mode.WRITTEN,
    "online": Mode.ONLINE,
    "online meeting": Mode.ONLINE,
    "in person": Mode.IN_PERSON,
    "in person meeting": Mode.IN_PERSON,
    "inperson": Mode.IN_PERSON,
}
KIND_SPELLINGS = {
    "text": QuestionKind.TEXT,
    "free text": QuestionKind.TEXT,
    "rating": QuestionKind.RATING,
    "choice": QuestionKind.CHOICE,
    "single choice": QuestionKind.CHOICE,
    "multi choice": QuestionKind.MULTI_CHOICE,
    "multiple choice": QuestionKind.MULTI_CHOICE,
    "multichoice": QuestionKind.MULTI_CHOICE,
    "yes no": QuestionKind.YES_NO,
    "yesno": QuestionKind.YES_NO,
    "number": QuestionKind.NUMBER,
    "numeric": QuestionKind.NUMBER,
    "rank": QuestionKind.RANKING,
    "ranking": QuestionKind.RANKING,
    "grid": QuestionKind.GRID,
    "matrix": QuestionKind.GRID,
    "file": QuestionKind.FILE,
    "screenshot": QuestionKind.FILE,
}
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1"}, {"false", "no", "0", ""}


class DefinitionInvalid(DomainError, ValueError):
    """Every problem found, each starting with where it is in the JSON."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class QuestionDefinition:
    key: str
    text: str
    kind: str
    help: str = ""
    choices: list[str] = field(default_factory=list)
    required: bool = False
    rows: list[str] = field(default_factory=list)
    other: bool = False
    min_value: float | None = None
    max_value: float | None = None
    show_if: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingDefinition:
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    link: str = ""
    att_meeting: str = ""
    justification: str = ""


@dataclass(frozen=True)
class RoundDefinition:
    cycle_name: str
    cycle_starts_on: date
    cycle_ends_on: date
    title: str
    tool: str
    stage: str
    mode: str
    restricted: bool | None  # None: as the tool's place says (§9)
    opens_at: datetime
    closes_at: datetime
    questions: list[QuestionDefinition]
    meeting: MeetingDefinition | None = None
    description: str = ""
    reminder_days: int | None = None
    unrestricted_reason: str = ""
    notes: list[str] = field(default_factory=list)


def _words(value: str) -> str:
    return " ".join(value.lower().replace("_", " ").replace("-", " ").split())


class _Reader:
    """Reads values from JSON objects, noting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def get(self, data: dict, name: str, where: str, *, required: bool = True) -> Any:
        if name not in data or data[name] is None:
            if required:
                self.fail(where, "is missing.")
            return None
        return data[name]

    def text(self, data: dict, name: str, where: str, *, required: bool = True, max_length: int = 0) -> str:
        value = self.get(data, name, where, required=required)
        if value is None:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, "must be a non-empty text." if required else "must be a text.")
            return ""
        if max_length and len(value.strip()) > max_length:
            self.fail(where, f"is {len(value.strip())} characters long; the most is {max_length}.")
        return value.strip()

    def day(self, data: dict, name: str, where: str) -> date | None:
        value = self.text(data, name, where)
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            self.fail(where, f"“{value}” is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01.")
            return None

    def moment(self, data: dict, name: str, where: str) -> datetime | None:
        value = self.text(data, name, where)
        if not value:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(where, f"“{value}” is not a date and time; use ISO 8601, e.g. 2026-09-01T09:00:00+02:00.")
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)  # no zone given: UTC

    def flag(self, data: dict, name: str, where: str) -> bool:
        value = self.get(data, name, where, required=False)
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, str | int) and str(value).strip().lower() in TRUE_WORDS | FALSE_WORDS:
            return str(value).strip().lower() in TRUE_WORDS
        self.fail(where, "must be true or false.")
        return False

    def choice(self, data: dict, name: str, where: str, spellings: dict[str, str], allowed: list[str]) -> str:
        value = self.text(data, name, where)
        if not value:
            return ""
        chosen = spellings.get(_words(value)) or (value.lower() if value.lower() in allowed else "")
        if not chosen:
            self.fail(where, f"“{value}” is not one of {', '.join(allowed)}.")
        return chosen


def parse_round_definition(raw: str | bytes) -> RoundDefinition:
    """Parse and check a round definition. Raises DefinitionInvalid listing every problem."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DefinitionInvalid([f"The file is not valid JSON: {exc}."]) from exc
    if not isinstance(data, dict):
        raise DefinitionInvalid(["The file must contain one JSON object (a round definition), not a list or value."])
    read = _Reader()
    cycle = read.get(data, "cycle", "cycle")
    if cycle is not None and not isinstance(cycle, dict):
        read.fail("cycle", 'must be an object: {"name", "starts_on", "ends_on"}.')
        cycle = None
    cycle = cycle or {}
    cycle_name = read.text(cycle, "name", "cycle.name", max_length=40) if cycle else ""
    cycle_starts_on = read.day(cycle, "starts_on", "cycle.starts_on") if cycle else None
    cycle_ends_on = read.day(cycle, "ends_on", "cycle.ends_on") if cycle else None
    if cycle_starts_on and cycle_ends_on and cycle_ends_on < cycle_starts_on:
        read.fail("cycle.ends_on", "must not be before cycle.starts_on.")
    tool = _tool_name(read, data)
    mode = read.choice(data, "mode", "mode", MODE_SPELLINGS, Mode.values)
    stage = read.choice(data, "stage", "stage", {}, Stage.values)
    opens_at = read.moment(data, "opens_at", "opens_at")
    closes_at = read.moment(data, "closes_at", "closes_at")
    if opens_at and closes_at and closes_at <= opens_at:
        read.fail("closes_at", "must be after opens_at.")
    questions = _questions(read, data)
    meeting, notes = _meeting(read, data, mode)
    reminder_days = _reminder_days(read, data)
    definition = RoundDefinition(
        cycle_name=cycle_name,
        cycle_starts_on=cycle_starts_on,
        cycle_ends_on=cycle_ends_on,
        title=read.text(data, "title", "title", max_length=200),
        tool=tool,
        stage=stage,
        mode=mode,
        restricted=None if data.get("restricted") is None else read.flag(data, "restricted", "restricted"),
        unrestricted_reason=read.text(data, "unrestricted_reason", "unrestricted_reason", required=False),
        opens_at=opens_at,
        closes_at=closes_at,
        questions=questions,
        meeting=meeting,
        description=read.text(data, "description", "description", required=False),
        reminder_days=reminder_days,
        notes=notes,
    )
    if read.problems:
        raise DefinitionInvalid(read.problems)
    return definition


def _tool_name(read: _Reader, data: dict) -> str:
    value = data.get("tool")
    if isinstance(value, dict):  # lenient: {"name": ...} as well as a plain name
        return read.text(value, "name", "tool.name", max_length=120)
    return read.text(data, "tool", "tool", max_length=120)


def _reminder_days(read: _Reader, data: dict) -> int | None:
    value = read.get(data, "reminder_days", "reminder_days", required=False)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 60:
        read.fail("reminder_days", "must be a whole number of days from 0 to 60.")
        return None
    return value


def _questions(read: _Reader, data: dict) -> list[QuestionDefinition]:
    items = read.get(data, "questions", "questions")
    if items is None:
        return []
    if not isinstance(items, list):
        read.fail("questions", "must be a list of questions (use [] for none).")
        return []
    questions, keys = [], set()
    earlier: list[Earlier] = []
    for index, item in enumerate(items):
        where = f"questions[{index}]"
        if not isinstance(item, dict):
            read.fail(where, 'must be an object: {"key", "text", "kind", ...}.')
            continue
        question = _question(read, item, where, earlier)
        earlier.append(Earlier(question.key, question.kind, question.choices))
        if question.key and question.key in keys:
            read.fail(f"{where}.key", f"“{question.key}” is used by an earlier question; keys must be unique.")
        keys.add(question.key)
        questions.append(question)
    return questions


def _bound(read: _Reader, item: dict, name: str, where: str) -> float | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        read.fail(f"{where}.{name}", "must be a number, e.g. 0 or 2.5.")
        return None
    return float(value)


def _question_extras(read: _Reader, item: dict, where: str, kind: str, earlier: list[Earlier]) -> dict[str, Any]:
    """other, min/max and show_if: checked with the editor's rules, problems named by their place."""
    other = read.flag(item, "other", f"{where}.other")
    if other and kind not in CHOICE_KINDS:
        read.fail(f"{where}.other", "applies to choice and multi_choice questions only.")
    low, high = _bound(read, item, "min", where), _bound(read, item, "max", where)
    if (low is not None or high is not None) and kind != QuestionKind.NUMBER:
        read.fail(f"{where}.{'min' if low is not None else 'max'}", "applies to number questions only.")
    for name, message in number_bounds_problems(low, high).items():
        read.fail(f"{where}.{name}", message)
    show_if, problems = clean_show_if(item.get("show_if"), earlier)
    for name, message in problems.items():
        read.fail(f"{where}.{name}", message)
    return {"other": other and kind in CHOICE_KINDS, "min_value": low, "max_value": high, "show_if": show_if}


def _question(read: _Reader, item: dict, where: str, earlier: list[Earlier]) -> QuestionDefinition:
    key = read.text(item, "key", f"{where}.key", max_length=60)
    if key and slugify(key) != key.lower():
        read.fail(f"{where}.key", f"“{key}” must use letters, digits, hyphens or underscores only.")
    kind = read.choice(item, "kind", f"{where}.kind", KIND_SPELLINGS, QuestionKind.values)
    choices = item.get("choices") or []
    if not isinstance(choices, list) or not all(isinstance(choice, str | int | float) for choice in choices):
        read.fail(f"{where}.choices", "must be a list of texts.")
        choices = []
    choices = [str(choice).strip() for choice in choices if str(choice).strip()]
    if kind in WITH_CHOICES and len(set(choices)) < 2:
        read.fail(f"{where}.choices", f"a {kind} question needs at least two different choices.")
    rows = item.get("rows") or []
    if not isinstance(rows, list) or not all(isinstance(row, str | int | float) for row in rows):
        read.fail(f"{where}.rows", "must be a list of statements (texts).")
        rows = []
    rows = clean_texts(rows) if kind == QuestionKind.GRID else []
    if rows_problems(kind, rows) and isinstance(item.get("rows") or [], list):
        read.fail(f"{where}.rows", rows_problems(kind, rows)["rows"])
    elif item.get("rows") and kind != QuestionKind.GRID:
        read.fail(f"{where}.rows", "applies to grid questions only.")
    help_text = read.text(item, "help", f"{where}.help", required=False) or read.text(
        item, "help_text", f"{where}.help_text", required=False
    )
    return QuestionDefinition(
        key=key,
        text=read.text(item, "text", f"{where}.text"),
        kind=kind,
        help=help_text,
        choices=choices if kind in WITH_CHOICES else [],
        rows=rows,
        required=read.flag(item, "required", f"{where}.required"),
        **_question_extras(read, item, where, kind, earlier),
    )


def _meeting(read: _Reader, data: dict, mode: str) -> tuple[MeetingDefinition | None, list[str]]:
    meeting = data.get("meeting")
    if mode == Mode.WRITTEN or not mode:
        return None, ["meeting: ignored, a written consultation has no meeting."] if meeting else []
    if not isinstance(meeting, dict):
        read.fail("meeting", f"is needed for an {mode.replace('_', '-')} meeting: starts_at, ends_at and more.")
        return None, []
    starts_at = read.moment(meeting, "starts_at", "meeting.starts_at")
    ends_at = read.moment(meeting, "ends_at", "meeting.ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        read.fail("meeting.ends_at", "must be after meeting.starts_at.")
    link = read.text(meeting, "link", "meeting.link", required=mode == Mode.ONLINE, max_length=200)
    if link:
        try:
            URLValidator(schemes=["https", "http"])(link)
        except ValidationError:
            read.fail("meeting.link", f"“{link}” is not a web address (https://...).")
    required_in_person = mode == Mode.IN_PERSON
    definition = MeetingDefinition(
        starts_at=starts_at,
        ends_at=ends_at,
        location=read.text(meeting, "location", "meeting.location", required=required_in_person, max_length=200),
        link=link,
        att_meeting=read.text(
            meeting, "att_meeting", "meeting.att_meeting", required=required_in_person, max_length=160
        ),
        justification=read.text(meeting, "justification", "meeting.justification", required=required_in_person),
    )
    return definition, []
