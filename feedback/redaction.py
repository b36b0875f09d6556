"""Free text as the Chair may read it: passed through the anonymizer first (§4, §13).

Identities are removed before anything is shown, filtered or exported, so that a search or a filter on
free text cannot be used to probe for a name ("which respondents mention Peru?").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from consult.models import Question
from feedback.selectors import Respondent
from feedback.validation import TEXT, offers_other, other_answer

if TYPE_CHECKING:
    from feedback.anonymizer import Anonymizer

Cleaner = Callable[[str], str]
REMEMBERED_TEXTS = 4096  # about a hundred pages of responses; bounded memory per process


def text_cleaner() -> Cleaner:
    """Anonymize one text with the registry of every participant (rebuilt only when it changes)."""
    from feedback.registry import current_anonymizer  # heavy: loaded when free text is first shown

    return _remembering_cleaner(current_anonymizer())


@lru_cache(maxsize=1)
def _remembering_cleaner(anonymizer: Anonymizer) -> Cleaner:
    """A cleaner that remembers its latest texts, for as long as the registry is unchanged (a new
    registry builds a new anonymizer, hence a new cleaner): the Chair pages back and forth over the
    same answers, and the result for a text never changes under the same registry."""

    @lru_cache(maxsize=REMEMBERED_TEXTS)
    def clean(text: str) -> str:
        return anonymizer.redact(text).text

    return clean


def redacted(
    respondents: list[Respondent], questions: list[Question], clean: Cleaner | None = None
) -> list[Respondent]:
    """The same respondents with every free-text answer anonymized, "Other, please specify" words included."""
    texts = {question.key for question in questions if question.kind == TEXT}
    others = {question.key: question for question in questions if offers_other(question)}
    if not texts and not others:
        return respondents
    clean = clean or text_cleaner()
    result = []
    for respondent in respondents:
        answers = dict(respondent.answers)
        for key in texts & answers.keys():
            answers[key] = clean(answers[key])
        for key in others.keys() & answers.keys():
            answers[key] = clean_other(others[key], answers[key], clean)
        result.append(replace(respondent, answers=answers))
    return result


def clean_other(question: Question, value: Any, clean: Cleaner) -> Any:
    """A choice answer with its "Other" words anonymized (the chosen options are the questionnaire's own)."""
    words = other_answer(question, value)
    if not words:
        return value
    if isinstance(value, list):
        return [clean(str(item)) if str(item) == words else item for item in value]
    return clean(words)
