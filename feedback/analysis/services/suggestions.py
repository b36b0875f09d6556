"""Suggested themes for a question: computed from the anonymized answers, then accepted, merged or discarded."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from consult.models import Round
from feedback import registry
from feedback.analysis import selectors
from feedback.analysis.models import SuggestionSet, SuggestionStatus, Theme, ThemeTag
from feedback.analysis.services.errors import NothingChosen
from feedback.analysis.services.themes import create_theme
from feedback.analysis.suggest import suggest_themes
from feedback.anonymizer import Anonymizer
from feedback.anonymizer.lexicon import COMMON_WORDS, SUBSTANCE_TOKENS
from feedback.redaction import text_cleaner
from participants import audit
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require

OPEN, ACCEPTED, DISCARDED = SuggestionStatus.OPEN, SuggestionStatus.ACCEPTED, SuggestionStatus.DISCARDED


def _safe_terms(anonymizer: Anonymizer) -> Callable[[str], bool]:
    """A key term is kept only if the anonymizer finds no identity in it, in any capitalisation."""

    def is_safe(term: str) -> bool:
        return not any(anonymizer.scan(form) for form in (term, term.title(), term.upper()))

    return is_safe


def compute_suggestions(*, round_id: int, question_key: str, by: User | None) -> SuggestionSet:
    """Suggest themes for one free-text question from its anonymized answers (replacing earlier ones)."""
    require(by, CHAIR, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    question = selectors.text_question(round_, question_key)
    answers = selectors.raw_answers(round_, question)
    clean = text_cleaner()
    found = suggest_themes(
        [clean(text) for _id, _pseudonym, text in answers],
        known_words=COMMON_WORDS | SUBSTANCE_TOKENS,
        is_safe=_safe_terms(registry.current_anonymizer()),
    )
    items = [
        {
            "number": number,
            "label": suggestion.label,
            "terms": list(suggestion.terms),
            "submissions": [answers[index][0] for index in suggestion.members],
            "status": OPEN,
        }
        for number, suggestion in enumerate(found, start=1)
    ]
    with transaction.atomic():
        suggestion_set, _created = SuggestionSet.objects.update_or_create(
            round=round_,
            question=question,
            defaults={"items": items, "answers": len(answers), "computed_at": timezone.now(), "computed_by": by},
        )
        audit.record(actor=by, action="theme.suggest", target=round_, question=question.key, suggestions=len(items))
    return suggestion_set


def _chosen(suggestion_set: SuggestionSet, numbers: list[int]) -> list[dict]:
    chosen = [item for item in suggestion_set.items if item["number"] in set(numbers) and item["status"] == OPEN]
    if not chosen:
        raise NothingChosen
    return chosen


@transaction.atomic
def accept_suggestions(
    *, round_id: int, question_key: str, numbers: list[int], name: str, by: User | None, description: str = ""
) -> Theme:
    """Make one theme of the chosen suggestions (one accepted, or several merged) under the given name,
    tagging every answer they cover. A name already in the codebook adds to that theme.
    Raises NothingChosen and the errors of create_theme."""
    require(by, CHAIR, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    question = selectors.text_question(round_, question_key)
    suggestion_set = SuggestionSet.objects.select_for_update().get(round=round_, question=question)
    chosen = _chosen(suggestion_set, numbers)
    name = " ".join(name.split()) or chosen[0]["label"]
    theme = Theme.objects.filter(round=round_, name__iexact=name).first() or create_theme(
        round_id=round_.pk,
        by=by,
        name=name,
        description=description,
        question_key=question.key,
        key_terms=sorted({term for item in chosen for term in item["terms"]}, key=len)[:8],
    )
    covered = {submission_id for item in chosen for submission_id in item["submissions"]}
    tagged = set(ThemeTag.objects.filter(theme=theme, question=question).values_list("submission_id", flat=True))
    still_there = set(selectors.answered_submissions(round_, question))
    ThemeTag.objects.bulk_create(
        [ThemeTag(theme=theme, submission_id=pk, question=question) for pk in sorted((covered & still_there) - tagged)]
    )
    _mark(suggestion_set, [item["number"] for item in chosen], ACCEPTED)
    audit.record(actor=by, action="theme.accept_suggestion", target=round_, theme=theme.name, answers=len(covered))
    return theme


@transaction.atomic
def discard_suggestions(*, round_id: int, question_key: str, numbers: list[int], by: User | None) -> int:
    """Set suggestions aside (they stay listed as discarded until suggestions are computed again)."""
    require(by, CHAIR, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    question = selectors.text_question(round_, question_key)
    suggestion_set = SuggestionSet.objects.select_for_update().get(round=round_, question=question)
    chosen = _chosen(suggestion_set, numbers)
    _mark(suggestion_set, [item["number"] for item in chosen], DISCARDED)
    audit.record(actor=by, action="theme.discard_suggestion", target=round_, question=question.key, count=len(chosen))
    return len(chosen)


def _mark(suggestion_set: SuggestionSet, numbers: list[int], status: str) -> None:
    for item in suggestion_set.items:
        if item["number"] in numbers:
            item["status"] = status
    suggestion_set.save(update_fields=["items"])
