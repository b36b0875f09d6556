"""Reads for the Chair's analysis. Answers come out anonymized and under pseudonyms, in pseudonym order.

The response ids these functions use internally never leave the server: pages, files and the summary
know an answer only by pseudonym and question key.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, FilteredRelation, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404

from config.prepared import PreparedQuery
from consult.models import Question, QuestionKind, Round
from feedback.analysis.models import SuggestionSet, SuggestionStatus, Theme, ThemeTag
from feedback.models import Answer, SubmissionState
from feedback.redaction import Cleaner, text_cleaner
from feedback.selectors import linkable_arguments, linkable_query
from feedback.selectors import questions as active_questions
from feedback.validation import free_text_of, offers_other
from participants.state_flags import state_flags

NO_THEMES: frozenset[int] = frozenset()


@dataclass
class CodedAnswer:
    """One free-text answer as the Chair codes it. Its stored value is decoded and anonymized when its
    text is first read, so a page that shows one answer of a sequence decodes and anonymizes that one."""

    submission_id: int  # internal only: never rendered
    pseudonym: int
    _question: Question = field(repr=False)  # templates cannot read a name starting with "_"
    _stored: str = field(repr=False)  # the value as stored, in JSON
    _clean: Cleaner = field(repr=False)
    theme_ids: frozenset[int] = NO_THEMES
    quoted_theme_ids: frozenset[int] = NO_THEMES

    @cached_property
    def text(self) -> str:
        """The answer anonymized."""
        return self._clean(free_text_of(self._question, json.loads(self._stored)))


def _has_written_text(question: Question, stored: str | None) -> bool:
    """free_text_of(question, value).strip() != "" for a value still in its stored JSON, which a free-text
    answer without escapes does not need decoding for: between its quotes is exactly what was written."""
    if stored is None:
        return False
    if question.kind == QuestionKind.TEXT and stored[:1] == '"' and "\\" not in stored:
        return bool(stored[1:-1].strip())
    return bool(free_text_of(question, json.loads(stored)).strip())


# Questions with written answers: free text, and choices offering "Other, please specify".
WRITTEN = Q(kind=QuestionKind.TEXT) | Q(other=True, kind__in=(QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE))


def text_questions(round_: Round) -> list[Question]:
    return list(round_.questions.active().filter(WRITTEN))


def is_written(question: Question) -> bool:
    """WRITTEN, for a question already read."""
    return question.kind == QuestionKind.TEXT or offers_other(question)


def text_question(round_: Round, key: str) -> Question:
    """The round's question with written answers with this key, or 404. Taken from the round's active
    questions, which the page reads once anyway (the rule on linkable responses needs them)."""
    question = next((q for q in active_questions(round_) if q.key == key and is_written(q)), None)
    if question is None:
        raise Http404
    return question


def _written_answers(question_id: int, round_id: int, required: list[int], held: list[int]) -> QuerySet[Answer]:
    """The answers to the question of the responses the Chair may read one by one, in pseudonym order."""
    submissions = linkable_query(round_id, required, held)
    return (
        Answer.objects.filter(submission__in=submissions, question_id=question_id)
        .exclude(value=None)
        .order_by("submission__pseudonym")
    )


_WRITTEN_ANSWERS = PreparedQuery(
    lambda question_id, round_id, required, held: _written_answers(question_id, round_id, required, held).values_list(
        "submission_id", "submission__pseudonym", "value"
    )
)

# The same answers, each with the themes given to it for this question: a row per theme (or one row without).
# Values come as their JSON text, which coded_answers decodes only for the answers a page shows.
_WRITTEN_ANSWERS_AND_THEMES = PreparedQuery(
    lambda question_id, round_id, required, held: (
        _written_answers(question_id, round_id, required, held)
        .annotate(
            tag=FilteredRelation(
                "submission__theme_tags", condition=Q(submission__theme_tags__question_id=question_id)
            ),
            stored=Cast("value", TextField()),
        )
        .values_list("submission_id", "submission__pseudonym", "stored", "tag__theme_id", "tag__quoted")
    )
)


def raw_answers(round_: Round, question: Question) -> list[tuple[int, int, str]]:
    """(response id, pseudonym, text as given) of every submitted, non-blank answer, in pseudonym order."""
    rows = _WRITTEN_ANSWERS(question_id=question.pk, **linkable_arguments(round_))
    texts = ((submission_id, pseudonym, free_text_of(question, value)) for submission_id, pseudonym, value in rows)
    return [(submission_id, pseudonym, text) for submission_id, pseudonym, text in texts if text.strip()]


def coded_answers(round_: Round, question: Question, *, clean: Cleaner | None = None) -> list[CodedAnswer]:
    """Every non-blank answer to the question (raw_answers), anonymized, with the themes given to it."""
    clean = clean or text_cleaner()
    answers: list[CodedAnswer] = []
    rows = _WRITTEN_ANSWERS_AND_THEMES(question_id=question.pk, **linkable_arguments(round_))
    for submission_id, pseudonym, stored, theme_id, quoted in rows:
        if not answers or answers[-1].submission_id != submission_id:
            if not _has_written_text(question, stored):
                continue
            answers.append(CodedAnswer(submission_id, pseudonym, question, stored, clean))
        if theme_id is not None:
            answers[-1].theme_ids |= {theme_id}
            if quoted:
                answers[-1].quoted_theme_ids |= {theme_id}
    return answers


def codebook(round_: Round) -> QuerySet[Theme]:
    """The round's themes, each with how many answers carry it (`answers`)."""
    return (
        Theme.objects.filter(round=round_)
        .select_related("question")
        .annotate(answers=Count("tags", filter=Q(tags__submission__state=SubmissionState.SUBMITTED)))
        .order_by("name")
    )


_THEMES_FOR = PreparedQuery(
    lambda round_id, question_id: (
        Theme.objects.filter(round_id=round_id)
        .filter(Q(question=None) | Q(question_id=question_id))
        .order_by("name", "pk")
    )
)


def themes_for(round_: Round, question: Question) -> list[Theme]:
    """The themes that may be given to answers of this question: untied ones and those tied to it."""
    return _THEMES_FOR(round_id=round_.pk, question_id=question.pk)


def theme_of(round_: Round, theme_id: int) -> Theme:
    """A theme of this round, or 404."""
    theme = Theme.objects.filter(round=round_, pk=theme_id).select_related("question").first()
    if theme is None:
        raise Http404
    return theme


def suggestions(round_: Round, question: Question) -> SuggestionSet | None:
    return SuggestionSet.objects.filter(round=round_, question=question).first()


def tag_names(round_: Round) -> dict[tuple[int, str], list[str]]:
    """{(pseudonym, question key): theme names} for the response pages."""
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    rows = (
        ThemeTag.objects.filter(theme__round=round_)
        .order_by("theme__name")
        .values_list("submission__pseudonym", "question__key", "theme__name")
    )
    for pseudonym, key, name in rows:
        names[pseudonym, key].append(name)
    return names


def answered_submissions(round_: Round, question: Question) -> list[int]:
    """Ids of the submitted responses that answer this question (internal use only)."""
    return [submission_id for submission_id, _pseudonym, _text in raw_answers(round_, question)]


def coded_submissions(question: Question) -> set[int]:
    """Ids of the responses whose answer to this question has at least one theme (internal use only)."""
    return set(ThemeTag.objects.filter(question=question).values_list("submission_id", flat=True))


@dataclass(frozen=True)
class QuoteChoice:
    question: Question
    answers: list[CodedAnswer]  # those carrying the theme, anonymized


def quote_choices(round_: Round, theme: Theme) -> list[QuoteChoice]:
    """Per question, the answers that carry the theme, so the Chair can pick the ones to quote."""
    clean = text_cleaner()
    questions = [theme.question] if theme.question else text_questions(round_)
    choices = []
    for question in questions:
        tagged = [answer for answer in coded_answers(round_, question, clean=clean) if theme.pk in answer.theme_ids]
        if tagged:
            choices.append(QuoteChoice(question, tagged))
    return choices


@state_flags("status", SuggestionStatus)
@dataclass(frozen=True)
class SuggestionItem:
    number: int
    label: str
    terms: list[str]
    status: str
    samples: list[str]  # a few of the answers it covers, anonymized
    covered: int  # answers it covers that are still there


def suggestion_items(round_: Round, suggestion_set: SuggestionSet, *, samples: int = 3) -> list[SuggestionItem]:
    clean = text_cleaner()
    texts = {submission_id: text for submission_id, _p, text in raw_answers(round_, suggestion_set.question)}
    items = []
    for item in suggestion_set.items:
        present = [pk for pk in item["submissions"] if pk in texts]
        items.append(
            SuggestionItem(
                item["number"],
                item["label"],
                item["terms"],
                item["status"],
                [clean(texts[pk]) for pk in present[:samples]],
                len(present),
            )
        )
    return items
