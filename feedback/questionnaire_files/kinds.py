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
    GRID,
    MULTI_CHOICE,
    NUMBER,
    RANKING,
    RATING,
    RATING_LABELS,
    RATING_RANGE,
    TEXT,
    YES_NO,
    AnswerError,
    choice_options,
    is_empty,
    number_range,
    other_answer,
    split_multi,
)

TEXT_BOX, LIST_BOX, CHECK_BOX = "text", "list", "check"
SEVERAL_SEPARATOR = "; "
OTHER_TAG = "other"  # the Word box KEY/other holds the words of "Other, please specify"


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
    open_list: bool = False  # the list's options, or "Other: own words"


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


class NumberKind(TextKind):
    """A number: a plain-text box in Word, a cell in Excel; the bounds are said in the guidance."""

    def word_hint(self, question: QuestionData) -> str:
        bounds = number_range(question)
        return _("Write %(what)s.") % {"what": bounds} if bounds else _("Write a number, for example 12 or 3.5.")

    def boxes(self, question: QuestionData, value: Any) -> list[Box]:
        return [Box(question.key, TEXT_BOX, value=None if is_empty(value) else cell_text(value))]

    def cell(self, question: QuestionData, value: Any) -> Cell:
        return Cell(None if is_empty(value) else cell_text(value), guidance=self.word_hint(question))


def other_tag(question: QuestionData) -> str:
    return f"{question.key}/{OTHER_TAG}"


def other_box(question: QuestionData, value: Any) -> Box:
    words = other_answer(question, value)
    return Box(other_tag(question), TEXT_BOX, label=_("Other, please specify:"), value=words or None)


def other_words(question: QuestionData, found: Mapping[str, Found]) -> str:
    box = found.get(other_tag(question))
    return " ".join(box.text.split()) if box is not None else ""


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
        if not question.other:
            return [Box(question.key, LIST_BOX, options=labels, value=self.displayed(question, value))]
        chosen = None if other_answer(question, value) else self.displayed(question, value)
        return [Box(question.key, LIST_BOX, options=labels, value=chosen), other_box(question, value)]

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        text = found[question.key].text
        words = other_words(question, found) if question.other else ""
        if words:
            return {"other": words, "chosen": self.raw(question, text) if text.strip() else None}
        return self.raw(question, text) if text.strip() else None

    def cell(self, question: QuestionData, value: Any) -> Cell:
        labels = tuple(label for _option, label in self.options(question))
        words = other_answer(question, value)
        if question.other:
            guidance = _("Choose one from the list, or write “Other: ” followed by your own answer.")
            shown = f"Other: {words}" if words else self.displayed(question, value)
            return Cell(shown, options=labels, guidance=guidance, open_list=True)
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
        boxes = [
            Box(self.tag(question, number), CHECK_BOX, label=label, value=option in chosen)
            for number, (option, label) in enumerate(choice_options(question), start=1)
        ]
        return [*boxes, other_box(question, value)] if question.other else boxes

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        options = choice_options(question)
        chosen: list[Any] = []
        for tag, box in found.items():
            if tag == other_tag(question):
                continue
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
        words = other_words(question, found) if question.other else ""
        return [*chosen, {"other": words}] if words else chosen or None

    def cell(self, question: QuestionData, value: Any) -> Cell:
        labels = dict(choice_options(question))
        words = other_answer(question, value)
        shown = SEVERAL_SEPARATOR.join(
            f"Other: {words}" if words and str(item) == words else labels.get(str(item), str(item))
            for item in value or []
        )
        guidance = _("Choose one or more; separate several with “;”.")
        if question.other:
            guidance += " " + _("For an answer of your own, end with “Other: ” and your words.")
        return Cell(shown or None, options=tuple(labels.values()), several=True, guidance=guidance)

    def from_cell(self, question: QuestionData, value: Any) -> Any:
        items = split_multi(cell_text(value))
        return items or None


class RankingKind:
    """A ranking: in Word a rank drop-down (1, 2, 3...) beside each item, tagged KEY/N; in Excel one cell
    with the items in order, separated by ";"."""

    def word_hint(self, question: QuestionData) -> str:
        return _("Give each item its own rank: 1 for the one that matters most.")

    def boxes(self, question: QuestionData, value: Any) -> list[Box]:
        order = [str(item) for item in value or []]
        ranks = tuple(str(rank) for rank in range(1, len(question.choices) + 1))
        return [
            Box(
                f"{question.key}/{number}",
                LIST_BOX,
                label=label,
                options=ranks,
                value=str(order.index(option) + 1) if option in order else None,
            )
            for number, (option, label) in enumerate(choice_options(question), start=1)
        ]

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        options = choice_options(question)
        ranks = {
            options[int(tag.rsplit("/", 1)[1]) - 1][0]: box.text.strip()
            for tag, box in found.items()
            if box.text.strip() and int(tag.rsplit("/", 1)[1]) <= len(options)
        }
        return ranks or None

    def cell(self, question: QuestionData, value: Any) -> Cell:
        labels = dict(choice_options(question))
        shown = SEVERAL_SEPARATOR.join(labels.get(str(item), str(item)) for item in value or [])
        guidance = _("Write every item in your order, first to last, separated by “;”: %(items)s.") % {
            "items": SEVERAL_SEPARATOR.join(labels.values())
        }
        return Cell(shown or None, guidance=guidance)

    def from_cell(self, question: QuestionData, value: Any) -> Any:
        return split_multi(cell_text(value)) or None


class GridKind:
    """A grid: in Word a drop-down on the scale for each statement, tagged KEY/N; in Excel one cell with
    a line "N: answer" per statement."""

    def word_hint(self, question: QuestionData) -> str:
        return _("Choose an answer for each statement.")

    def boxes(self, question: QuestionData, value: Any) -> list[Box]:
        labels = dict(choice_options(question))
        given = value or {}
        return [
            Box(
                f"{question.key}/{number}",
                LIST_BOX,
                label=f"{number}. {statement}",
                options=tuple(labels.values()),
                value=labels.get(str(given.get(str(number)))) if str(number) in given else None,
            )
            for number, statement in enumerate(question.rows, start=1)
        ]

    def from_boxes(self, question: QuestionData, found: Mapping[str, Found]) -> Any:
        rated = {tag.rsplit("/", 1)[1]: box.text.strip() for tag, box in found.items() if box.text.strip()}
        return rated or None

    def cell(self, question: QuestionData, value: Any) -> Cell:
        labels = dict(choice_options(question))
        given = value or {}
        shown = "\n".join(f"{number}: {labels.get(str(item), str(item))}" for number, item in given.items())
        statements = "; ".join(f"{number} = {statement}" for number, statement in enumerate(question.rows, start=1))
        guidance = _("One line per statement, “number: answer”, answers from: %(scale)s. Statements: %(rows)s.") % {
            "scale": SEVERAL_SEPARATOR.join(labels.values()),
            "rows": statements,
        }
        return Cell(shown or None, guidance=guidance)

    def from_cell(self, question: QuestionData, value: Any) -> Any:
        rated: dict[str, str] = {}
        for line in cell_text(value).splitlines():
            if not line.strip():
                continue
            number, separator, answer = line.partition(":")
            if not separator or not number.strip().rstrip(".").isdigit():
                raise AnswerError(
                    _("Write each statement's answer on its own line as “number: answer”, e.g. “1: %(example)s”.")
                    % {"example": choice_options(question)[0][1] if question.choices else "…"}
                )
            rated[str(int(number.strip().rstrip(".")))] = answer.strip()
        return rated or None


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
    NUMBER: NumberKind(),
    RANKING: RankingKind(),
    GRID: GridKind(),
}


def kind_of(question: QuestionData) -> Kind:
    """The kind's drawing and reading rules; a kind not registered here is answered on the page only."""
    return KINDS.get(question.kind, ONLINE_ONLY)
