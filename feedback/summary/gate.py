"""The leak gate: every text of a summary scanned for every known identity (DESIGN.md §4).

Any hit blocks approval and export. Each hit is reported with where it is and its context so the
Chair can fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from feedback.anonymizer import Anonymizer
from feedback.summary import meeting_section

CONTEXT_CHARS = 40
KIND_LABELS = {
    "person": "a person's name",
    "email": "an e-mail address",
    "phone": "a phone number",
    "url": "a website",
    "organisation": "an organisation",
    "country": "a country",
}


@dataclass(frozen=True)
class Leak:
    location: str
    kind: str
    text: str
    before: str
    after: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def texts_of(content: dict[str, Any], narrative: str) -> Iterator[tuple[str, str]]:
    """(location, text) for every piece of text that ends up in an export."""
    if narrative:
        yield "Chair's narrative", narrative
    facts = content.get("round", {})
    for field in ("title", "tool", "cycle", "stage", "mode"):
        if facts.get(field):
            yield f"Consultation {field}", str(facts[field])
    for cell in content.get("participation", {}).get("cells", []):
        yield "Participation", str(cell["label"])
    for question in content.get("questions", []):
        where = f"Question {question['number']}"
        yield where, question["text"]
        for bar in (question.get("distribution") or {}).get("bars", []):
            yield f"{where}, answer options", str(bar["label"])
        for theme in question.get("themes", []):
            yield f"{where}, theme", theme["name"]
            if theme.get("description"):
                yield f"{where}, theme “{theme['name']}”", theme["description"]
        for group in question.get("groups", []):
            yield f"{where}, answer {group['id']}", group["text"]
    yield from meeting_section.texts(content)


def scan(content: dict[str, Any], narrative: str, anonymizer: Anonymizer) -> list[Leak]:
    leaks = []
    for location, text in texts_of(content, narrative):
        for finding in anonymizer.scan(text):
            leaks.append(
                Leak(
                    location=location,
                    kind=finding.kind,
                    text=finding.text,
                    before=text[max(0, finding.start - CONTEXT_CHARS) : finding.start],
                    after=text[finding.end : finding.end + CONTEXT_CHARS],
                )
            )
    return leaks
