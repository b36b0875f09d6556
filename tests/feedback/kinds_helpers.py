"""A questionnaire with a follow-up question, a choice offering "Other" and a number, for the tests of
those kinds through every path (form, autosave, submission, files, imports, Chair pages, summaries)."""

from __future__ import annotations

from typing import Any

FOLLOW_UP_QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "prefill",
        "text": "Should the tool pre-fill from last year's report?",
        "kind": "yes_no",
        "required": True,
    },
    {
        "key": "prefill_what",
        "text": "What should it pre-fill?",
        "kind": "text",
        "required": True,
        "show_if": {"question": "prefill", "in": ["yes"]},
    },
    {
        "key": "format",
        "text": "Which format do you prefer?",
        "kind": "choice",
        "choices": ["Online form", "Excel template"],
        "other": True,
    },
    {"key": "staff", "text": "How many staff prepare the report?", "kind": "number", "min_value": 0, "max_value": 50},
]

RANKING_AND_GRID: list[dict[str, Any]] = [
    {
        "key": "priorities",
        "text": "Rank what to improve first.",
        "kind": "ranking",
        "choices": ["Validation", "Guidance", "Offline editing"],
    },
    {
        "key": "agree",
        "text": "How far do you agree?",
        "kind": "grid",
        "choices": ["Disagree", "Neutral", "Agree"],
        "rows": ["The template is clear", "The guidance is enough"],
    },
]
