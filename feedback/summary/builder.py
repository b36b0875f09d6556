"""Build a round's anonymized summary from the database, streaming answers question by question.

Memory stays bounded by one question's free-text excerpts: closed answers are counted as they
stream past, and nothing per respondent survives into the output.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from consult.figures import round_figures
from consult.models import Question, QuestionKind, Round
from feedback import conditions
from feedback.analysis.models import Theme, ThemeTag
from feedback.analysis.points import ThemeInfo, arrange_answers
from feedback.anonymizer import Anonymizer
from feedback.meeting_notes import summary as meeting_notes
from feedback.models import Answer
from feedback.selectors import released_submissions
from feedback.summary import aggregates
from feedback.validation import free_text_of, offers_other, other_answer
from participants.models import Category

SCHEMA_VERSION = 2  # 2: free-text questions carry groups, themes and points instead of excerpts
CHUNK = 2000

Progress = Callable[[int], None]


def build_content(
    round_: Round,
    *,
    anonymizer: Anonymizer,
    min_cell: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The summary as plain data (JSON-serialisable), every text already anonymized."""
    min_cell = settings.ANONYMITY_MIN_CELL if min_cell is None else min_cell
    report = progress or (lambda percent: None)
    submitted = released_submissions(round_)
    respondents = submitted.count()
    redactions: Counter = Counter()

    def clean(text: str) -> str:
        redaction = anonymizer.redact(text)
        redactions.update(finding.kind for finding in redaction.findings)
        return redaction.text

    questions = list(round_.questions.active())
    answer_counts = dict(
        Answer.objects.filter(submission__in=submitted, question__in=questions)
        .values_list("question")
        .annotate(n=Count("pk"))
    )
    total_answers = max(sum(answer_counts.values()), 1)
    done = 0
    built_questions = []
    # the themes are the Chair's words: the gate reads them without the registry, like the narrative;
    # cleaning them with it would show the Chair which names typed into a theme are registered
    themes = [ThemeInfo(theme.pk, theme.name, theme.description) for theme in _themes(round_)]
    asked = _asked_counts(questions, submitted)
    for number, question in enumerate(questions, start=1):
        built = _question(question, number, submitted, clean, anonymizer, themes)
        if question.key in asked:
            built["asked"] = asked[question.key]
        built_questions.append(built)
        done += answer_counts.get(question.pk, 0)
        report(min(99, int(100 * done / total_answers)))

    content = {
        "schema": SCHEMA_VERSION,
        "generated_at": timezone.now().date().isoformat(),  # the day only: times can de-anonymize
        "round": _facts(round_, clean),
        "respondents": respondents,
        "participation": _participation(round_, submitted, min_cell),
        "questions": built_questions,
        "meeting": meeting_notes.build(round_, min_cell=min_cell),
        "redactions": dict(sorted(redactions.items())),
    }
    report(100)
    return content


def _facts(round_: Round, clean: Callable[[str], str]) -> dict[str, Any]:
    return {
        "title": clean(round_.title),
        "tool": clean(round_.tool.name),
        "articles": list(round_.tool.articles or []),
        "cycle": round_.cycle.name,
        "stage": str(round_.get_stage_display()),
        "mode": str(round_.get_mode_display()),
        "restricted": round_.restricted,
        "opens_on": timezone.localdate(round_.opens_at).isoformat(),
        "closes_on": timezone.localdate(round_.closes_at).isoformat(),
    }


def _participation(round_: Round, submitted: Any, min_cell: int) -> dict[str, Any]:
    """Respondents by category as fixed at closing (live for a preview of an open round); answers
    recorded after closing are counted apart, without a category, so no version tells theirs."""
    labels = dict(Category.choices)
    figures = round_figures([round_])[round_.pk]
    counts = {str(labels.get(category, category)): rate.submitted for category, rate in figures.by_category.items()}
    result = aggregates.participation_by_category(counts, min_cell=min_cell)
    return {
        "total": result.total,
        "suppressed": result.suppressed,
        "min_cell": result.min_cell,
        "cells": [{"label": cell.label, "count": cell.count} for cell in result.cells],
        "after_closing": submitted.filter(after_closing=True).count(),
    }


def _values(question: Question, submitted: Any) -> Iterator[Any]:
    answers = Answer.objects.filter(submission__in=submitted, question=question).exclude(value=None)
    return answers.values_list("value", flat=True).iterator(chunk_size=CHUNK)


def _asked_counts(questions: list[Question], submitted: Any) -> dict[str, int]:
    """How many respondents each follow-up question was asked of (only follow-ups are counted)."""
    follow_ups = [question for question in questions if conditions.condition(question)]
    if not follow_ups:
        return {}
    deciding = {conditions.condition(question)[0] for question in follow_ups}
    answers: dict[int, dict[str, Any]] = {submission_id: {} for submission_id in submitted.values_list("pk", flat=True)}
    rows = Answer.objects.filter(submission__in=submitted, question__key__in=deciding, question__in=questions)
    for submission_id, key, value in rows.values_list("submission_id", "question__key", "value").iterator(CHUNK):
        answers[submission_id][key] = value
    counts = Counter()
    for given in answers.values():
        counts.update(conditions.asked_keys(questions, given))
    return {question.key: counts[question.key] for question in follow_ups}


def _themes(round_: Round) -> list[Theme]:
    return list(Theme.objects.filter(round=round_).order_by("name", "pk"))


def _question(
    question: Question,
    number: int,
    submitted: Any,
    clean: Callable[[str], str],
    anonymizer: Anonymizer,
    themes: list[ThemeInfo],
) -> dict[str, Any]:
    built: dict[str, Any] = {
        "key": question.key,
        "number": number,
        "text": clean(question.text),
        "kind": question.kind,
        "kind_label": str(question.get_kind_display()),
        "answered": 0,
        "distribution": None,
    }
    if question.kind == QuestionKind.TEXT:
        built.update(_free_text(question, submitted, clean, anonymizer, themes))
        return built
    if offers_other(question):
        # The "Other" words are free text: anonymized, grouped and themed; the chart counts them as "Other".
        built.update(
            {
                key: value
                for key, value in _free_text(question, submitted, clean, anonymizer, themes).items()
                if key != "answered"
            }
        )
    if question.kind == QuestionKind.RANKING:
        return built | _ranking(question, submitted, clean)
    if question.kind == QuestionKind.GRID:
        return built | _grid(question, submitted, clean)
    if question.kind == QuestionKind.FILE:  # never the files themselves: they may identify their author
        given = sum(1 for value in _values(question, submitted) if value)
        return built | {"answered": given, "files": given}
    if question.kind == QuestionKind.NUMBER:
        answered, mean, middle = aggregates.number_summary(_values(question, submitted))
        return built | {"answered": answered, "numbers": {"mean": mean, "median": middle} if answered else None}
    distribution = _distribution(question, _values(question, submitted))
    built["answered"] = distribution.answered
    built["distribution"] = {
        "bars": [{"label": clean(bar.label), "count": bar.count, "percent": bar.percent} for bar in distribution.bars],
        "mean": distribution.mean,
        "median": distribution.median,
    }
    return built


def _distribution(question: Question, values: Iterator[Any]) -> aggregates.Distribution:
    if offers_other(question):
        choices = [*question.choices, aggregates.OTHER_ANSWER]
        values = (_other_as_label(question, value) for value in values)
        if question.kind == QuestionKind.MULTI_CHOICE:
            return aggregates.multi_choice_distribution((value for value in values if value), choices)
        return aggregates.choice_distribution((value for value in values if value not in ("", None)), choices)
    if question.kind == QuestionKind.RATING:
        return aggregates.rating_distribution(value for value in values if value not in ("", None))
    if question.kind == QuestionKind.YES_NO:
        return aggregates.yes_no_distribution(bool(value) for value in values)
    if question.kind == QuestionKind.MULTI_CHOICE:
        return aggregates.multi_choice_distribution((value for value in values if value), question.choices)
    return aggregates.choice_distribution((value for value in values if value not in ("", None)), question.choices)


def _bars(distribution: aggregates.Distribution, clean: Callable[[str], str]) -> list[dict[str, Any]]:
    return [{"label": clean(bar.label), "count": bar.count, "percent": bar.percent} for bar in distribution.bars]


def _ranking(question: Question, submitted: Any, clean: Callable[[str], str]) -> dict[str, Any]:
    """How often each item came first (the chart) and the mean rank of each, best first."""
    firsts, ranked = aggregates.ranking_summary(_values(question, submitted), question.choices)
    return {
        "answered": firsts.answered,
        "distribution": {"bars": _bars(firsts, clean), "mean": None, "median": None, "title": "Ranked first"},
        "ranking": [
            {
                "label": clean(item.label),
                "mean_rank": item.mean_rank,
                "first": item.first,
                "percent": item.first_percent,
            }
            for item in ranked
        ],
    }


def _grid(question: Question, submitted: Any, clean: Callable[[str], str]) -> dict[str, Any]:
    """Each statement's answers on the scale: a table of counts, and a chart per statement."""
    values = list(_values(question, submitted))
    per_row = aggregates.grid_summary(values, question.rows, question.choices)
    return {
        "answered": sum(1 for value in values if value),
        "grid": {
            "scale": [clean(step) for step in question.choices],
            "rows": [
                {"statement": clean(statement), "answered": row.answered, "bars": _bars(row, clean)}
                for statement, row in zip(question.rows, per_row, strict=True)
            ],
        },
    }


def _other_as_label(question: Question, value: Any) -> Any:
    words = other_answer(question, value)
    if not words:
        return value
    if isinstance(value, list):
        return [aggregates.OTHER_ANSWER if str(item) == words else item for item in value]
    return aggregates.OTHER_ANSWER


def excerpt_order_key(question_id: int, submission_id: int) -> str:
    """A keyed hash: deterministic, unrelated to submission order, different for every question,
    so the n-th excerpt of two questions is not the same person."""
    message = f"summary-excerpt:{question_id}:{submission_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _free_text(
    question: Question,
    submitted: Any,
    clean: Callable[[str], str],
    anonymizer: Anonymizer,
    themes: list[ThemeInfo],
) -> dict[str, Any]:
    """Groups of answers, themes by how many raised them with their quotes, and the other points."""
    answers = _anonymized_answers(question, submitted, clean)
    tags: dict[int, set[int]] = {}
    picked: dict[int, set[int]] = {}
    rows = ThemeTag.objects.filter(question=question, submission__in=submitted).values_list(
        "submission_id", "theme_id", "quoted"
    )
    for submission_id, theme_id, quoted in rows:
        tags.setdefault(submission_id, set()).add(theme_id)
        if quoted:
            picked.setdefault(theme_id, set()).add(submission_id)
    arranged = arrange_answers(answers, prefix=question.key, themes=themes, tags=tags, picked=picked)
    for group in arranged["groups"]:
        group["flags"] = flag_spans(anonymizer, group["text"])
    return {"answered": len(answers), **arranged}


def _anonymized_answers(question: Question, submitted: Any, clean: Callable[[str], str]) -> list[tuple[int, str]]:
    """(response id, anonymized text) of each non-blank answer, in an order that says nothing about who."""
    rows = (
        Answer.objects.filter(submission__in=submitted, question=question)
        .exclude(value=None)
        .values_list("submission_id", "value")
        .iterator(chunk_size=CHUNK)
    )
    keyed = []
    for submission_id, value in rows:
        text = free_text_of(question, value).strip()
        if text:
            keyed.append((excerpt_order_key(question.pk, submission_id), submission_id, clean(text)))
    keyed.sort()
    return [(submission_id, text) for _key, submission_id, text in keyed]


def flag_spans(anonymizer: Anonymizer, text: str) -> list[list[int]]:
    """Capitalised tokens the anonymizer was unsure about, for the Chair to review."""
    return [[finding.start, finding.end] for finding in anonymizer.suspicious(text)]
