"""What the summary says about one free-text question: themes by how many raised them, each with its
quotes, then the points no theme covers. Pure: anonymized answers and the Chair's coding in, plain data out.

Every answer is grouped first (identical and near-identical answers together), and a group is quoted
at most once in the whole question: under the first theme that quotes it, or among the other points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from feedback.analysis.grouping import group_texts

DEFAULT_QUOTES = 2


@dataclass(frozen=True)
class ThemeInfo:
    key: int
    name: str
    description: str = ""


def arrange_answers(
    answers: Sequence[tuple[int, str]],
    *,
    prefix: str,
    themes: Sequence[ThemeInfo],
    tags: Mapping[int, set[int]],
    picked: Mapping[int, set[int]],
    max_quotes: int = 3,
) -> dict[str, Any]:
    """{"groups", "themes", "points"} for answers given as (answer reference, anonymized text).

    `tags` maps an answer reference to its theme keys, `picked` a theme key to the answer references
    the Chair chose to quote. Groups are [{"id", "text", "respondents"}], most respondents first;
    themes [{"name", "description", "respondents", "percent", "quotes": [group ids]}], most raised
    first; points the ids of the groups no theme covers.
    """
    groups = group_texts([text for _ref, text in answers])
    refs = [ref for ref, _text in answers]
    group_of = {refs[index]: number for number, group in enumerate(groups) for index in group.members}
    ids = [f"{prefix}-{number}" for number in range(1, len(groups) + 1)]
    ranked = _ranked_themes(themes, tags, set(group_of))
    quoted: set[int] = set()
    built_themes = []
    for theme, members in ranked:
        chosen = _quotes(theme, members, group_of, picked, quoted, max_quotes)
        quoted.update(chosen)
        built_themes.append(
            {
                "name": theme.name,
                "description": theme.description,
                "respondents": len(members),
                "percent": round(100 * len(members) / len(group_of), 1) if group_of else 0.0,
                "quotes": [ids[number] for number in chosen],
            }
        )
    covered = {group_of[ref] for _theme, members in ranked for ref in members}
    return {
        "groups": [
            {"id": ids[number], "text": answers[group.representative][1], "respondents": group.size}
            for number, group in enumerate(groups)
        ],
        "themes": built_themes,
        "points": [ids[number] for number in range(len(groups)) if number not in covered],
    }


def _ranked_themes(
    themes: Sequence[ThemeInfo], tags: Mapping[int, set[int]], answered: set[int]
) -> list[tuple[ThemeInfo, set[int]]]:
    members = {theme.key: {ref for ref in answered if theme.key in tags.get(ref, ())} for theme in themes}
    ranked = [(theme, members[theme.key]) for theme in themes if members[theme.key]]
    return sorted(ranked, key=lambda item: (-len(item[1]), item[0].name.casefold()))


def _quotes(
    theme: ThemeInfo,
    members: set[int],
    group_of: Mapping[int, int],
    picked: Mapping[int, set[int]],
    taken: set[int],
    limit: int,
) -> list[int]:
    """The groups quoted for a theme: the Chair's picks, or by default those most of its members gave."""
    chosen_refs = picked.get(theme.key, set()) & members
    if chosen_refs:
        candidates = sorted({group_of[ref] for ref in chosen_refs})
        return [number for number in candidates if number not in taken][:limit]
    weight: dict[int, int] = {}
    for ref in members:
        weight[group_of[ref]] = weight.get(group_of[ref], 0) + 1
    candidates = sorted(weight, key=lambda number: (-weight[number], number))
    return [number for number in candidates if number not in taken][: min(limit, DEFAULT_QUOTES)]
