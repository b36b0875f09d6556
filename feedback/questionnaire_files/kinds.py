"""How each question kind is drawn in the Word and Excel questionnaires and read back from them.

One class per kind, registered in KINDS. A kind says which answer boxes it needs in Word (`boxes`) and
what one filled set of boxes means (`from_boxes`), and the same for its answer cell in Excel (`cell`,
`from_cell`). Readers return raw answers; feedback.validation decides whether they are acceptable, so
the rules are the same as on the web. A new kind (ranking, grid, number...) is one more class here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _

from feedback.questionnaire_files.model import QuestionData
from feedback.validation import (
    CHOICE,
    MULTI_CHOICE,
    RATING,
    RATING_LABELS,
    RATING_RANGE,
    TEXT,
    YES_NO,
    AnswerError,
    choice_options,
    is_empty,
    split_multi,
)

TEXT_BOX, LIST_BOX, CHECK_BOX = "text", "list", "check"
SEVERAL_SEPARATOR = "; "


@dataclass(frozen=True)
class Box:
    """One answer box in the Word questionnaire, as the writer draws it."""

    tag: str
    type: str
    label: str = ""  # a check box's choice
    options: tuple[str, ...] = ()  # a drop-down list's items, as displayed
    value: str | bool | None = None  # pre-filled: the text, the displayed item, or ticked


@dataclass(frozen=True)
class Found:
    """One answer box as found in a filled Word file."""

    tag: str
    type: str
    text: str = ""  # "" when the box still shows its placeholder
    checked: bool = False
    label: str = ""  # what the box meant when the file was made (from the file's manifest)


@dataclass(frozen=True)
class Cell:
    """The answer cell of one question in the Excel questionnaire."""

    value: str | None
    options: tuple[str, ...] = ()  # offered in a drop-down list (data validation)
    several: bool = False  # several options, separated by ";"
    guidance: str = ""  # how to answer, under the help text and in the cell's prompt
    max_length: int | None = None
    writable: bool = True  # False: the question is answered on the page only


class Kind(Protocol):
    def word_hint(self, question: QuestionData) -> str: ...

    def boxes(self, question: QuestionData, value: Any) -> list[Box]: ...

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any: ...

    def cell(self, question: QuestionData, value: Any) -> Cell: ...

    def from_cell(self, question: QuestionData, value: Any) -> Any: ...


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: 4.0 is "4", a date is ISO 8601, TRUE is "yes"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


class TextKind:
    """Free text: one plain-text box; line breaks are kept."""

    def word_hint(self, question: QuestionData) -> str:
        return _("Up to %(limit)s characters.") % {"limit": question.max_length}

    def boxes(self, question: QuestionData, value: Any) -> list[Box]:
        return [Box(question.key, TEXT_BOX, value=None if is_empty(value) else str(value))]

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        return found[question.key].text

    def cell(self, question: QuestionData, value: Any) -> Cell:
        guidance = _("Up to %(limit)s characters.") % {"limit": question.max_length}
        return Cell(None if is_empty(value) else str(value), guidance=guidance, max_length=question.max_length)

    def from_cell(self, question: QuestionData, value: Any) -> Any:
        return cell_text(value)


class ListKind:
    """One answer from a list: a drop-down box in Word, a validated cell in Excel. The item's displayed
    text is the answer; subclasses say what the items are."""

    def options(self, question: QuestionData) -> list[tuple[str, str]]:
        return choice_options(question)

    def guidance(self, question: QuestionData) -> str:
        return _("Choose one from the list.")

    def word_hint(self, question: QuestionData) -> str:
        return self.guidance(question)

    def displayed(self, question: QuestionData, value: Any) -> str | None:
        if is_empty(value):
            return None
        wanted = "yes" if value is True else "no" if value is False else str(value)
        return next((label for option, label in self.options(question) if option == wanted), str(value))

    def raw(self, question: QuestionData, text: str) -> Any:
        """The stored value of a displayed item; anything else is passed on for validation to name."""
        for option, label in self.options(question):
            if _normal(text) in (_normal(label), _normal(option)):
                return option
        return text

    def boxes(self, question: QuestionData, value: Any) -> list[Box]:
        labels = tuple(label for _option, label in self.options(question))
        return [Box(question.key, LIST_BOX, options=labels, value=self.displayed(question, value))]

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        text = found[question.key].text
        return self.raw(question, text) if text.strip() else None

    def cell(self, question: QuestionData, value: Any) -> Cell:
        labels = tuple(label for _option, label in self.options(question))
        return Cell(self.displayed(question, value), options=labels, guidance=self.guidance(question))

    def from_cell(self, question: QuestionData, value: Any) -> Any:
        text = cell_text(value)
        return self.raw(question, text) if text.strip() else None


class RatingKind(ListKind):
    def options(self, question: QuestionData) -> list[tuple[str, str]]:
        return [(str(number), str(RATING_LABELS[number])) for number in RATING_RANGE]

    def guidance(self, question: QuestionData) -> str:
        return _("Choose a rating from 1 (very poor) to 5 (very good).")


class YesNoKind(ListKind):
    def options(self, question: QuestionData) -> list[tuple[str, str]]:
        return [("yes", _("Yes")), ("no", _("No"))]

    def guidance(self, question: QuestionData) -> str:
        return _("Choose Yes or No.")


class MultiChoiceKind:
    """Several choices: one check box per choice in Word (tagged KEY/N, N from 1); in Excel one cell with
    the chosen labels separated by ";"."""

    def word_hint(self, question: QuestionData) -> str:
        return _("Tick every choice that applies.")

    @staticmethod
    def tag(question: QuestionData, number: int) -> str:
        return f"{question.key}/{number}"

    def boxes(self, question: QuestionData, value: Any) -> list[Box]:
        chosen = {str(item) for item in value or []}
        return [
            Box(self.tag(question, number), CHECK_BOX, label=label, value=option in chosen)
            for number, (option, label) in enumerate(choice_options(question), start=1)
        ]

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        options = choice_options(question)
        chosen = []
        for tag, box in found.items():
            number = int(tag.rsplit("/", 1)[1])
            if number > len(options) or (box.label and _normal(box.label) != _normal(options[number - 1][1])):
                raise AnswerError(
                    _(
                        "The choices of this question changed after the file was made (“%(label)s” is no longer "
                        "choice %(number)s). Tick your choices on the page instead, or use a new copy of the file."
                    )
                    % {"label": box.label, "number": number}
                )
            if box.checked:
                chosen.append(options[number - 1][0])
        return chosen or None

    def cell(self, question: QuestionData, value: Any) -> Cell:
        labels = dict(choice_options(question))
        shown = SEVERAL_SEPARATOR.join(labels.get(str(item), str(item)) for item in value or [])
        return Cell(
            shown or None,
            options=tuple(labels.values()),
            several=True,
            guidance=_("Choose one or more; separate several with “;”."),
        )

    def from_cell(self, question: QuestionData, value: Any) -> Any:
        items = split_multi(cell_text(value))
        return items or None


class OnlineOnlyKind:
    """A kind the files cannot carry yet: the question is shown, with a note to answer it on the page."""

    def word_hint(self, question: QuestionData) -> str:
        return _("Answer this question on the consultation's web page; it cannot be answered in this file.")

    def boxes(self, question: QuestionData, value: Any) -> list[Box]:
        return []

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        return None

    def cell(self, question: QuestionData, value: Any) -> Cell:
        return Cell(None, guidance=self.word_hint(question), writable=False)

    def from_cell(self, question: QuestionData, value: Any) -> Any:
        return None


ONLINE_ONLY = OnlineOnlyKind()

KINDS: dict[str, Kind] = {
    TEXT: TextKind(),
    RATING: RatingKind(),
    CHOICE: ListKind(),
    YES_NO: YesNoKind(),
    MULTI_CHOICE: MultiChoiceKind(),
}


def kind_of(question: QuestionData) -> Kind:
    """The kind's drawing and reading rules; a kind not registered here is answered on the page only."""
    return KINDS.get(question.kind, ONLINE_ONLY)
