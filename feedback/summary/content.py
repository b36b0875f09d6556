"""Reading the free-text part of a summary's content (schema 2), shared by the writers, the gate and pages.

A free-text question holds:

- `groups`: every distinct answer once, anonymized, `[{"id", "text", "respondents", "flags"}]`, the
  most given first (identical and near-identical answers form one group);
- `themes`: `[{"name", "description", "respondents", "percent", "quotes": [group ids]}]`, the most
  raised first; `respondents` counts those whose answer carries the theme, `percent` is of those who
  answered the question;
- `points`: the ids of the groups no theme covers, quoted after the themes.

A group id is quoted at most once in a question, so no quote appears twice in a summary.
"""

from __future__ import annotations

from typing import Any


def groups_by_id(question: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {group["id"]: group for group in question.get("groups", [])}


def resolve(question: dict[str, Any], ids: list[str]) -> list[dict[str, Any]]:
    """The groups with these ids, in that order (ids of removed groups are skipped)."""
    groups = groups_by_id(question)
    return [groups[group_id] for group_id in ids if group_id in groups]


def themes_with_quotes(question: dict[str, Any]) -> list[dict[str, Any]]:
    """Each theme with `quoted`: its quote groups resolved."""
    return [{**theme, "quoted": resolve(question, theme.get("quotes", []))} for theme in question.get("themes", [])]


def other_points(question: dict[str, Any]) -> list[dict[str, Any]]:
    return resolve(question, question.get("points", []))


def has_free_text(question: dict[str, Any]) -> bool:
    return bool(question.get("groups"))


def respondents_label(count: int) -> str:
    return f"{count} respondent" if count == 1 else f"{count} respondents"
