"""Free text as the Chair may read it: passed through the anonymizer first (§4, §13).

Identities are removed before anything is shown, filtered or exported, so that a search or a filter on
free text cannot be used to probe for a name ("which respondents mention Peru?").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from consult.models import Question
from feedback.selectors import Respondent
from feedback.validation import TEXT

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
    """The same respondents with every free-text answer anonymized."""
    texts = {question.key for question in questions if question.kind == TEXT}
    if not texts:
        return respondents
    clean = clean or text_cleaner()
    result = []
    for respondent in respondents:
        answers = dict(respondent.answers)
        for key in texts & answers.keys():
            answers[key] = clean(answers[key])
        result.append(replace(respondent, answers=answers))
    return result
