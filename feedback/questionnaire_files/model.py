"""The plain data the questionnaire writers take and the readers give back (no ORM, no Django models)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from participants.domain_errors import DomainError

DOCX, XLSX = "docx", "xlsx"
FORMATS = (DOCX, XLSX)
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class QuestionData:
    """One question as the files show it. Satisfies feedback.validation.QuestionSpec."""

    key: str
    kind: str
    text: str
    help_text: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label), in the questionnaire's order
    required: bool = False
    max_length: int = 5000
    rows: tuple[str, ...] = ()  # a grid's statements
    other: bool = False  # "Other, please specify" for choice questions
    min_value: float | None = None
    max_value: float | None = None
    show_if: Mapping[str, Any] = field(default_factory=dict)
    condition: str = ""  # a follow-up's condition in words, shown beside the question


@dataclass(frozen=True)
class Questionnaire:
    """A round's questionnaire, and for a participant's own copy the answers to pre-fill (stored values)."""

    round_id: int
    title: str
    subtitle: str  # tool and stage
    deadline: str  # already written out in the reader's time zone
    description: str
    questions: tuple[QuestionData, ...]
    answers: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reference(self) -> str:
        """How people quote this questionnaire to the Secretariat."""
        return f"R{self.round_id}"


@dataclass(frozen=True)
class FilledQuestionnaire:
    """What a filled file says: its round, and the answers given in it, raw (validation comes after).

    `keys` are the questions the file was made with: a question added to the round later is not in it,
    so the file neither answers nor clears it."""

    round_id: int
    format: str
    keys: tuple[str, ...]
    answers: dict[str, Any]  # question key -> raw answer, only the questions answered in the file


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused: about one question (its key), or about the whole file (None)."""

    key: str | None
    message: str


class QuestionnaireFileError(DomainError, ValueError):
    """The file is refused and nothing is saved; `problems` say why, question by question."""

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, problems)]
        self.problems = list(problems)
        super().__init__(" ".join(problem.message for problem in self.problems))

    @property
    def by_key(self) -> dict[str | None, str]:
        joined: dict[str | None, list[str]] = {}
        for problem in self.problems:
            joined.setdefault(problem.key, []).append(problem.message)
        return {key: " ".join(messages) for key, messages in joined.items()}
