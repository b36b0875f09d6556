"""The leak gate for the cycle report: every text of it scanned before approval and every export.

The readings are the summary gate's (feedback.summary.gate): texts from the rounds (titles, tools,
follow-up actions, their reasons and themes) are scanned for every identity the registry knows,
and so is the Secretariat's own text (introduction, conclusions): the Secretariat keeps the list of
participants, so the registry tells it nothing new. The Chair's approved narratives and theme names
are read as the summary gate read them, for anything shaped like a name, with the consultation's
own words allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from feedback.anonymizer import Anonymizer, namelike
from feedback.summary.gate import Leak, Review, leak_at


def texts_of(
    content: dict[str, Any], introduction: str, conclusions: str
) -> Iterator[tuple[str, str, frozenset | None]]:
    """(location, text, vocabulary) for every text of the report; vocabulary None: read with the registry."""
    for location, text in (("Introduction", introduction), ("Conclusions", conclusions)):
        if text.strip():
            yield location, text, None
    for round_ in content.get("rounds", []):
        where = f"Consultation {round_['number']}"
        yield f"{where}, title", round_["title"], None
        yield f"{where}, tool", round_["tool"], None
        summary = round_.get("summary")
        if summary:
            words = frozenset(summary.get("vocabulary", []))
            if summary["narrative"].strip():
                yield f"{where}, Chair's narrative", summary["narrative"], words
            for theme in summary["themes"]:
                yield f"{where}, theme", theme["name"], words
    for action in content.get("follow_ups", []):
        where = f"Follow-up action {action['number']}"
        for field in ("action", "reason", "tool"):
            if action.get(field):
                yield f"{where}, {field}", action[field], None
        for theme in action.get("themes", []):  # the Chair's words, read like the summary's themes
            yield f"{where}, theme", theme, frozenset()


def review(content: dict[str, Any], introduction: str, conclusions: str, anonymizer: Anonymizer) -> Review:
    """Every leak (any of them blocks approval and export), and the capitals or regions left to check."""
    leaks: list[Leak] = []
    places = 0
    for location, text, vocabulary in texts_of(content, introduction, conclusions):
        if vocabulary is None:
            kept: list[tuple[int, int]] = []
            findings = anonymizer.scan(text, kept)
            places += len(kept)
        else:
            findings = namelike.scan(text, vocabulary)
            places += namelike.blind().places_left(text)
        leaks += [leak_at(location, text, finding) for finding in findings]
    return Review(leaks, places)


def scan(content: dict[str, Any], introduction: str, conclusions: str, anonymizer: Anonymizer) -> list[Leak]:
    return review(content, introduction, conclusions, anonymizer).leaks
