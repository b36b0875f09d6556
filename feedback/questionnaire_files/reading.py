"""Steps both readers share: the file must be of this round, and its answers are gathered per question."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from feedback.questionnaire_files.manifest import Manifest
from feedback.questionnaire_files.model import FilledQuestionnaire, Problem, QuestionData, QuestionnaireFileError
from feedback.validation import AnswerError, is_empty


def check_round(manifest: Manifest, round_id: int) -> None:
    if manifest.round_id != round_id:
        raise QuestionnaireFileError(
            _(
                "This file is the questionnaire of another consultation (reference R%(theirs)s), not of this one "
                "(R%(ours)s). Download this consultation's questionnaire and copy your answers into it."
            )
            % {"theirs": manifest.round_id, "ours": round_id}
        )


def withdrawn(key: str) -> Problem:
    return Problem(
        key,
        _(
            "“%(key)s” was withdrawn from the questionnaire after this file was made, so its answer cannot be "
            "recorded. Clear that answer, or download a new copy of the questionnaire."
        )
        % {"key": key},
    )


def changed(key: str) -> Problem:
    return Problem(
        key,
        _(
            "This question changed after the file was made, so its answer in the file cannot be read. "
            "Answer it on the page, or download a new copy of the questionnaire."
        ),
    )


def gather(
    manifest: Manifest,
    questions: Sequence[QuestionData],
    read: Callable[[QuestionData], Any],
    answered: Callable[[str], bool],
    *,
    fmt: str,
    problems: list[Problem],
) -> FilledQuestionnaire:
    """The raw answer of every question the file carries, read by `read`; problems are collected, and if
    there is any, the file is refused. `answered(key)` says whether the file holds something for a key."""
    current = {question.key: question for question in questions}
    answers: dict[str, Any] = {}
    refused = {problem.key for problem in problems}
    for key in manifest.keys:
        if key in refused:
            continue
        question = current.get(key)
        if question is None:
            if answered(key):
                problems.append(withdrawn(key))
            continue
        try:
            value = read(question)
        except AnswerError as error:
            problems.append(Problem(key, str(error)))
            continue
        if not is_empty(value):
            answers[key] = value
    if problems:
        raise QuestionnaireFileError(problems)
    return FilledQuestionnaire(manifest.round_id, fmt, manifest.keys, answers)
