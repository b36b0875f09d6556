"""Free text as the Chair may read it: passed through the anonymizer first (§4, §13).

Identities are removed before anything is shown, filtered or exported, so that a search or a filter on
free text cannot be used to probe for a name ("which respondents mention Peru?").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from consult.models import Question
from feedback.selectors import Respondent
from feedback.validation import TEXT

Cleaner = Callable[[str], str]


def text_cleaner() -> Cleaner:
    """Anonymize one text with the registry of every participant (rebuilt only when it changes)."""
    from feedback.registry import current_anonymizer  # heavy: loaded when free text is first shown

    anonymizer = current_anonymizer()
    return lambda text: anonymizer.redact(text).text


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
