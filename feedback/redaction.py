"""Free text as the Chair may read it: passed through the anonymizer first (§4, §13).

Identities are removed before anything is shown, filtered or exported, so that a search or a filter on
free text cannot be used to probe for a name. While the anonymizer is not installed, free text is
withheld from the Chair altogether (closed answers are still shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from consult.models import Question
from feedback.selectors import Respondent
from feedback.validation import TEXT

WITHHELD = None

Cleaner = Callable[[str], str]


def text_cleaner() -> Cleaner | None:
    """A function that anonymizes one text, or None when the anonymizer is not available yet."""
    try:
        from feedback.registry import current_anonymizer
    except ImportError:
        return None
    anonymizer = current_anonymizer()
    return lambda text: anonymizer.redact(text).text


def redacted(
    respondents: list[Respondent], questions: list[Question], clean: Cleaner | None = None
) -> list[Respondent]:
    """The same respondents with every free-text answer anonymized (or withheld)."""
    texts = {question.key for question in questions if question.kind == TEXT}
    if not texts:
        return respondents
    clean = clean if clean is not None else text_cleaner()
    result = []
    for respondent in respondents:
        answers = dict(respondent.answers)
        for key in texts & answers.keys():
            answers[key] = clean(answers[key]) if clean is not None else WITHHELD
        result.append(replace(respondent, answers=answers))
    return result


def free_text_available() -> bool:
    try:
        import feedback.registry  # noqa: F401
    except ImportError:
        return False
    return True
