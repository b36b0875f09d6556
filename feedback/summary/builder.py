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

from consult.models import Question, QuestionKind, Round
from feedback.anonymizer import Anonymizer
from feedback.meeting_notes import summary as meeting_notes
from feedback.models import Answer, Submission, SubmissionState
from feedback.summary import aggregates
from participants.models import Category

SCHEMA_VERSION = 1
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
    submitted = Submission.objects.filter(round=round_, state=SubmissionState.SUBMITTED)
    respondents = submitted.count()
    redactions: Counter = Counter()

    def clean(text: str) -> str:
        redaction = anonymizer.redact(text)
        redactions.update(finding.kind for finding in redaction.findings)
        return redaction.text

    questions = list(round_.questions.filter(retired=False).order_by("order", "pk"))
    answer_counts = dict(
        Answer.objects.filter(submission__in=submitted, question__in=questions)
        .values_list("question")
        .annotate(n=Count("pk"))
    )
    total_answers = max(sum(answer_counts.values()), 1)
    done = 0
    built_questions = []
    for number, question in enumerate(questions, start=1):
        built_questions.append(_question(question, number, submitted, clean, anonymizer))
        done += answer_counts.get(question.pk, 0)
        report(min(99, int(100 * done / total_answers)))

    content = {
        "schema": SCHEMA_VERSION,
        "generated_at": timezone.now().date().isoformat(),  # the day only: times can de-anonymize
        "round": _facts(round_, clean),
        "respondents": respondents,
        "participation": _participation(submitted, min_cell),
        "questions": built_questions,
        "meeting": meeting_notes.build(round_, clean=clean, min_cell=min_cell),
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


def _participation(submitted: Any, min_cell: int) -> dict[str, Any]:
    labels = dict(Category.choices)
    counts = {
        str(labels.get(category, category)): n
        for category, n in submitted.values_list("participant__category").annotate(n=Count("pk"))
    }
    result = aggregates.participation_by_category(counts, min_cell=min_cell)
    return {
        "total": result.total,
        "suppressed": result.suppressed,
        "min_cell": result.min_cell,
        "cells": [{"label": cell.label, "count": cell.count} for cell in result.cells],
    }


def _values(question: Question, submitted: Any) -> Iterator[Any]:
    answers = Answer.objects.filter(submission__in=submitted, question=question).exclude(value=None)
    return answers.values_list("value", flat=True).iterator(chunk_size=CHUNK)


def _question(
    question: Question, number: int, submitted: Any, clean: Callable[[str], str], anonymizer: Anonymizer
) -> dict[str, Any]:
    built: dict[str, Any] = {
        "key": question.key,
        "number": number,
        "text": clean(question.text),
        "kind": question.kind,
        "kind_label": str(question.get_kind_display()),
        "answered": 0,
        "distribution": None,
        "excerpts": [],
    }
    if question.kind == QuestionKind.TEXT:
        excerpts = _excerpts(question, submitted, clean, anonymizer)
        built["answered"] = len(excerpts)
        built["excerpts"] = excerpts
        return built
    distribution = _distribution(question, _values(question, submitted))
    built["answered"] = distribution.answered
    built["distribution"] = {
        "bars": [{"label": clean(bar.label), "count": bar.count, "percent": bar.percent} for bar in distribution.bars],
        "mean": distribution.mean,
        "median": distribution.median,
    }
    return built


def _distribution(question: Question, values: Iterator[Any]) -> aggregates.Distribution:
    if question.kind == QuestionKind.RATING:
        return aggregates.rating_distribution(value for value in values if value not in ("", None))
    if question.kind == QuestionKind.YES_NO:
        return aggregates.yes_no_distribution(bool(value) for value in values)
    if question.kind == QuestionKind.MULTI_CHOICE:
        return aggregates.multi_choice_distribution((value for value in values if value), question.choices)
    return aggregates.choice_distribution((value for value in values if value not in ("", None)), question.choices)


def excerpt_order_key(question_id: int, submission_id: int) -> str:
    """A keyed hash: deterministic, unrelated to submission order, different for every question,
    so the n-th excerpt of two questions is not the same person."""
    message = f"summary-excerpt:{question_id}:{submission_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _excerpts(
    question: Question, submitted: Any, clean: Callable[[str], str], anonymizer: Anonymizer
) -> list[dict[str, Any]]:
    rows = (
        Answer.objects.filter(submission__in=submitted, question=question)
        .exclude(value=None)
        .values_list("submission_id", "value")
        .iterator(chunk_size=CHUNK)
    )
    keyed = []
    for submission_id, value in rows:
        text = str(value).strip()
        if text:
            keyed.append((excerpt_order_key(question.pk, submission_id), clean(text)))
    keyed.sort()
    return [
        {"id": f"{question.key}-{index}", "text": text, "flags": flag_spans(anonymizer, text)}
        for index, (_key, text) in enumerate(keyed, start=1)
    ]


def flag_spans(anonymizer: Anonymizer, text: str) -> list[list[int]]:
    """Capitalised tokens the anonymizer was unsure about, for the Chair to review."""
    return [[finding.start, finding.end] for finding in anonymizer.suspicious(text)]
