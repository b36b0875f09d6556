"""Answer validation per question kind: pure functions, no database, shared by the web form and imports.

A draft may be incomplete but never ill-formed: a rating of 9 or an unknown choice is refused even in a
draft. Completeness (required answers) and the length limit of free text are checked on submission, so
a participant can save a long answer while cutting it down; drafts are still capped at twice the limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from feedback import conditions
from participants.domain_errors import DomainError

TEXT, RATING, CHOICE, MULTI_CHOICE, YES_NO = "text", "rating", "choice", "multi_choice", "yes_no"
NUMBER, RANKING, GRID, FILE = "number", "ranking", "grid", "file"
CHOICE_KINDS = (CHOICE, MULTI_CHOICE)
# How an "Other, please specify" answer is written in a file or an import: "Other: my own words".
OTHER_PREFIX = "other:"
RATING_RANGE = range(1, 6)
# How a rating reads wherever it is offered: the web form, the Word and Excel questionnaires.
RATING_LABELS = {
    1: gettext_lazy("1 · very poor"),
    2: gettext_lazy("2"),
    3: gettext_lazy("3"),
    4: gettext_lazy("4"),
    5: gettext_lazy("5 · very good"),
}
YES_WORDS = frozenset({"yes", "y", "true", "1", "on"})
NO_WORDS = frozenset({"no", "n", "false", "0", "off"})
# One cell of an imported file may hold several choices, separated by any of these.
MULTI_SEPARATORS = (";", "|", "\n")


class QuestionSpec(Protocol):
    key: str
    kind: str
    choices: Any
    required: bool
    max_length: int


@dataclass(frozen=True)
class Cleaned:
    """Well-formed values by question key, and one specific message per question that failed.
    `discarded`: follow-up questions whose answers were dropped because the question is not asked."""

    values: dict[str, Any]
    errors: dict[str, str]
    discarded: tuple[str, ...] = ()


class AnswerError(DomainError, ValueError):
    """A value that does not fit its question; the message is shown next to the field."""


def choice_options(question: QuestionSpec) -> list[tuple[str, str]]:
    """The question's choices as (value, label) pairs, whether stored as strings, pairs or dicts."""
    options = []
    for choice in question.choices or []:
        if isinstance(choice, dict):
            value = str(choice.get("value", choice.get("label", "")))
            options.append((value, str(choice.get("label", value))))
        elif isinstance(choice, list | tuple) and choice:
            options.append((str(choice[0]), str(choice[-1])))
        else:
            options.append((str(choice), str(choice)))
    return options


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _as_text(raw: Any) -> str:
    return raw if isinstance(raw, str) else str(raw)


def _rating(raw: Any) -> int:
    if isinstance(raw, bool):
        raise AnswerError(_("Choose a rating from 1 to 5."))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    try:
        value = int(_as_text(raw).strip())
    except ValueError:
        raise AnswerError(
            _("“%(value)s” is not a rating: choose a whole number from 1 to 5.") % {"value": raw}
        ) from None
    if value not in RATING_RANGE:
        raise AnswerError(_("A rating goes from 1 to 5; %(value)s is outside that range.") % {"value": value})
    return value


def offers_other(question: QuestionSpec) -> bool:
    return question.kind in CHOICE_KINDS and bool(getattr(question, "other", False))


def _known_choice(question: QuestionSpec, text: str) -> str | None:
    wanted = " ".join(text.split()).casefold()
    for value, label in choice_options(question):
        if wanted in (value.casefold(), " ".join(label.split()).casefold()):
            return value
    return None


def _other_text(question: QuestionSpec, raw: Any) -> str | None:
    """The participant's own words when `raw` is an "Other" answer ({"other": text} from the form,
    "Other: text" from a file or an import), else None."""
    if isinstance(raw, dict):
        if raw.get("chosen"):
            raise AnswerError(
                _("You chose “%(choice)s” and also wrote an answer under “Other”: keep one of them.")
                % {"choice": dict(choice_options(question)).get(str(raw["chosen"]), raw["chosen"])}
            )
        text = _as_text(raw.get("other") or "")
    elif _as_text(raw).strip().casefold().startswith(OTHER_PREFIX):
        text = _as_text(raw).strip()[len(OTHER_PREFIX) :]
    else:
        return None
    text = " ".join(text.split())
    if not text:
        raise AnswerError(_("You chose “Other”: say what it is in the box next to it, or choose another answer."))
    if len(text) > question.max_length:
        raise AnswerError(
            _("Keep your “Other” answer to %(limit)d characters; it has %(count)d.")
            % {"limit": question.max_length, "count": len(text)}
        )
    return text


def _without_blank_other(raw: Any) -> Any:
    """A draft saved while "Other" is ticked and its box still empty (the page saves as people click)
    keeps the rest of the answer; the box is asked for on submission."""
    if isinstance(raw, dict) and set(raw) == {"other"} and not _as_text(raw["other"] or "").strip():
        return None
    if isinstance(raw, list):
        return [item for item in raw if _without_blank_other(item) is not None]
    return raw


def _match_choice(question: QuestionSpec, raw: Any) -> str:
    """The stored value of a choice, matched on its value or label, case and spacing aside. With
    "Other, please specify" the participant's own words are the value (unless they name a choice)."""
    other = _other_text(question, raw) if offers_other(question) else None
    if other is not None:
        return _known_choice(question, other) or other
    found = _known_choice(question, _as_text(raw)) if not isinstance(raw, dict) else None
    if found is not None:
        return found
    allowed = "; ".join(label for _value, label in choice_options(question))
    if offers_other(question):
        raise AnswerError(
            _("“%(value)s” is not one of the choices (%(allowed)s). For an answer of your own, write “Other: …”.")
            % {"value": raw, "allowed": allowed}
        )
    raise AnswerError(_("“%(value)s” is not one of the choices (%(allowed)s).") % {"value": raw, "allowed": allowed})


def other_answer(question: QuestionSpec, value: Any) -> str:
    """The "Other, please specify" text inside a stored choice or choices ("" when there is none)."""
    if not offers_other(question) or is_empty(value):
        return ""
    known = {option for option, _label in choice_options(question)}
    items = value if isinstance(value, list) else [value]
    return next((str(item) for item in items if str(item) not in known), "")


def split_multi(raw: Any) -> list[Any]:
    """A list as given, or one imported cell split on ';', '|' or new lines. An "Other: …" part comes
    last and keeps its separators: everything after "Other:" is the participant's own words."""
    if isinstance(raw, list | tuple):
        return list(raw)
    text = _as_text(raw)
    other_at = text.casefold().find(OTHER_PREFIX)
    if other_at != -1 and (other_at == 0 or text[:other_at].rstrip()[-1:] in MULTI_SEPARATORS):
        return [*split_multi(text[:other_at]), text[other_at:].strip()]
    for separator in MULTI_SEPARATORS[1:]:
        text = text.replace(separator, MULTI_SEPARATORS[0])
    return [part for part in (piece.strip() for piece in text.split(MULTI_SEPARATORS[0])) if part]


def as_raw(question: QuestionSpec, value: Any) -> Any:
    """A stored value in the form clean_value takes back (own words marked as "Other" again)."""
    words = other_answer(question, value)
    if not words:
        return value
    if isinstance(value, list):
        return [{"other": words} if str(item) == words else item for item in value]
    return {"other": words}


def free_text_of(question: QuestionSpec, value: Any) -> str:
    """The words a participant wrote in an answer: the whole of a free-text answer, the "Other" words of
    a choice ("" for anything else). These are anonymized and themed like any free text."""
    if question.kind == TEXT:
        return "" if is_empty(value) else str(value)
    return other_answer(question, value)


def _multi_choice(question: QuestionSpec, raw: Any) -> list[str]:
    chosen = {_match_choice(question, item) for item in split_multi(raw) if not is_empty(item)}
    ordered = [value for value, _label in choice_options(question) if value in chosen]  # the questionnaire's order
    others = sorted(chosen - set(ordered))
    if len(others) > 1:
        raise AnswerError(_("Give one “Other” answer only; put everything you want to add in it."))
    return ordered + others  # the participant's own words last


def _ranking(question: QuestionSpec, raw: Any, *, final: bool) -> list[str]:
    """The choices in the participant's order. Given as a list in order (an import's "a;b;c"), or as
    {choice: rank} from the page's rank boxes. A draft may rank some; a submission ranks every one."""
    if isinstance(raw, dict):
        ranked: dict[int, str] = {}
        for choice, rank in raw.items():
            if is_empty(rank):
                continue
            if not str(rank).isdigit():
                raise AnswerError(_("A rank is a whole number: 1 for your first choice."))
            number = int(rank)
            if number in ranked:
                raise AnswerError(
                    _("“%(first)s” and “%(second)s” both have rank %(rank)s: give each its own rank.")
                    % {"first": ranked[number], "second": choice, "rank": number}
                )
            ranked[number] = choice
        items = [ranked[number] for number in sorted(ranked)]
    else:
        items = split_multi(raw)
    order: list[str] = []
    for item in items:
        value = _known_choice(question, _as_text(item))
        if value is None:
            allowed = "; ".join(label for _value, label in choice_options(question))
            raise AnswerError(
                _("“%(value)s” is not one of the items to rank (%(allowed)s).") % {"value": item, "allowed": allowed}
            )
        if value in order:
            raise AnswerError(_("“%(value)s” is ranked twice; rank each item once.") % {"value": item})
        order.append(value)
    missing = [label for value, label in choice_options(question) if value not in order]
    if final and order and missing:
        raise AnswerError(_("Rank every item: %(missing)s has no rank yet.") % {"missing": ", ".join(missing)})
    return order


def _grid(question: QuestionSpec, raw: Any) -> dict[str, str]:
    """{statement number from 1: the scale's value}. Given as {number: value} (the page, a file, an
    import's KEY/N rows) or as a list in the statements' order."""
    rows = list(getattr(question, "rows", None) or [])
    if isinstance(raw, list | tuple):
        raw = {str(number): value for number, value in enumerate(raw, start=1)}
    if not isinstance(raw, dict):
        raise AnswerError(_("Rate each statement on its own row."))
    rated: dict[str, str] = {}
    for number, value in raw.items():
        if is_empty(value) or (isinstance(value, str) and not value.strip()):
            continue
        if not str(number).isdigit() or not 1 <= int(number) <= len(rows):
            raise AnswerError(
                _("There is no statement %(number)s: this grid has %(count)s.") % {"number": number, "count": len(rows)}
            )
        found = _known_choice(question, _as_text(value))
        if found is None:
            allowed = "; ".join(label for _value, label in choice_options(question))
            raise AnswerError(
                _("“%(value)s” (statement %(number)s) is not on the scale (%(allowed)s).")
                % {"value": value, "number": number, "allowed": allowed}
            )
        rated[str(int(number))] = found
    return dict(sorted(rated.items(), key=lambda item: int(item[0])))


def _number(question: QuestionSpec, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise AnswerError(_("Write a number, for example 12 or 3.5."))
    text = _as_text(raw).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    try:
        number = float(text)
    except ValueError:
        raise AnswerError(
            _("“%(value)s” is not a number: write digits only, for example 12 or 3.5.") % {"value": raw}
        ) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise AnswerError(_("“%(value)s” is not a number: write digits only, for example 12 or 3.5.") % {"value": raw})
    low, high = getattr(question, "min_value", None), getattr(question, "max_value", None)
    if (low is not None and number < low) or (high is not None and number > high):
        raise AnswerError(
            _("Give %(range)s; %(value)s is outside it.") % {"range": number_range(question), "value": raw}
        )
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _plain_number(value: float | None) -> str:
    return "" if value is None else str(int(value)) if float(value).is_integer() else str(value)


def number_range(question: QuestionSpec) -> str:
    """The bounds of a number question in words ("" when it has none)."""
    low = _plain_number(getattr(question, "min_value", None))
    high = _plain_number(getattr(question, "max_value", None))
    if low and high:
        return _("a number from %(low)s to %(high)s") % {"low": low, "high": high}
    if low:
        return _("a number of at least %(low)s") % {"low": low}
    if high:
        return _("a number of at most %(high)s") % {"high": high}
    return ""


def _yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _as_text(raw).strip().casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise AnswerError(_("“%(value)s” is not an answer to a yes-or-no question: use yes or no.") % {"value": raw})


def _text(question: QuestionSpec, raw: Any, *, final: bool) -> str:
    text = _as_text(raw).replace("\r\n", "\n").strip()
    limit = question.max_length * (1 if final else 2)
    if len(text) > limit:
        raise AnswerError(
            ngettext(
                "Keep this answer to %(limit)d character; it has %(count)d. Shorten it by %(over)d.",
                "Keep this answer to %(limit)d characters; it has %(count)d. Shorten it by %(over)d.",
                question.max_length,
            )
            % {"limit": question.max_length, "count": len(text), "over": len(text) - question.max_length}
        )
    return text


def _file(raw: Any) -> dict[str, str]:
    """A file answer is a reference to a file kept by the web form ({"file": token}); a file's
    contents never come through a spreadsheet, a Word form or an import."""
    token = raw.get("file") if isinstance(raw, dict) else None
    if not isinstance(token, str) or not token:
        raise AnswerError(
            _(
                "This question takes a file (a screenshot or a PDF), which can only be given on the "
                "questionnaire's web page."
            )
        )
    return {"file": token}


def clean_value(question: QuestionSpec, raw: Any, *, final: bool = False) -> Any:
    """The well-formed value for one question, or None when unanswered. Raises AnswerError."""
    if isinstance(raw, str):
        raw = raw.strip()
    if not final and offers_other(question):
        raw = _without_blank_other(raw)
    if is_empty(raw):
        return None
    kind = question.kind
    if kind == TEXT:
        value: Any = _text(question, raw, final=final)
    elif kind == RATING:
        value = _rating(raw)
    elif kind == CHOICE:
        value = _match_choice(question, raw)
    elif kind == MULTI_CHOICE:
        value = _multi_choice(question, raw)
    elif kind == YES_NO:
        value = _yes_no(raw)
    elif kind == NUMBER:
        value = _number(question, raw)
    elif kind == RANKING:
        value = _ranking(question, raw, final=final)
    elif kind == GRID:
        value = _grid(question, raw)
    elif kind == FILE:
        value = _file(raw)
    else:
        raise AnswerError(_("This question cannot be answered (unknown kind %(kind)s).") % {"kind": kind})
    return None if is_empty(value) else value


def clean_answers(
    questions: Iterable[QuestionSpec],
    raw: Mapping[str, Any],
    *,
    final: bool,
    complete: bool | None = None,
    refuse_hidden: bool = False,
) -> Cleaned:
    """Check every question's raw answer; on submission (`final`) also the length limit and, unless
    `complete` is False (a written submission recorded as sent), that required questions are answered.

    A follow-up question that is not asked (its `show_if` does not match the answers above it) is never
    required. A draft keeps what was typed in it (the participant may change their mind); a submission
    drops it and names it in `discarded`; an import (`refuse_hidden`) refuses it with the reason."""
    complete = final if complete is None else complete
    questions = list(questions)
    values: dict[str, Any] = {}
    shown: dict[str, Any] = {}  # the values of questions that are asked, which decide the follow-ups
    errors: dict[str, str] = {}
    discarded: list[str] = []
    for question in questions:
        try:
            value = clean_value(question, raw.get(question.key), final=final)
        except AnswerError as exc:
            errors[question.key] = str(exc)
            continue
        asked = conditions.is_asked(question, shown)
        if not asked and value is not None:
            if refuse_hidden:
                errors[question.key] = conditions.why_not_asked(question, questions, shown)
            elif final:
                discarded.append(question.key)
            else:
                values[question.key] = value
            continue
        if value is None:
            if asked and complete and question.required:
                errors[question.key] = _("This question needs an answer before you submit.")
            continue
        values[question.key] = shown[question.key] = value
    return Cleaned(values=values, errors=errors, discarded=tuple(discarded))


def display_value(question: QuestionSpec, value: Any) -> str:
    """A stored value as people read it: labels for choices, Yes/No, the rating out of 5."""
    if is_empty(value):
        return ""
    labels = dict(choice_options(question))
    if question.kind == YES_NO:
        return _("Yes") if value else _("No")
    if question.kind == RATING:
        return _("%(value)s of 5") % {"value": value}
    if question.kind == FILE:
        return _("File given")
    if question.kind == RANKING:
        return "; ".join(f"{rank}. {labels.get(str(item), str(item))}" for rank, item in enumerate(value, start=1))
    if question.kind == GRID:
        rows = list(getattr(question, "rows", None) or [])
        return "; ".join(
            f"{rows[int(number) - 1] if int(number) <= len(rows) else number}: {labels.get(str(item), str(item))}"
            for number, item in value.items()
        )
    other = other_answer(question, value)
    if question.kind == CHOICE:
        return _("Other: %(text)s") % {"text": other} if other else labels.get(str(value), str(value))
    if question.kind == MULTI_CHOICE:
        return "; ".join(
            _("Other: %(text)s") % {"text": item} if other and str(item) == other else labels.get(str(item), str(item))
            for item in value
        )
    return str(value)
