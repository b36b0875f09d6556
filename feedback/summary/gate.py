"""The leak gate: every text of a summary scanned for every known identity.

Any hit blocks approval and export. Each hit is reported with where it is and its context so the
Chair can fix it.

Two readings, so that the gate tells the Chair nothing about who is registered:

- text people wrote for the round (its title, tool, questions, answer options, generated excerpts)
  is scanned for every identity the registry knows;
- the Chair's own text (the narrative, the themes' names and descriptions, excerpts the Chair edited,
  the points raised at a meeting) is scanned without the registry, for anything shaped like a
  person's or an organisation's name (namelike), so a registered name and an unregistered one get
  the same answer.

The product's own labels (categories in the participation table, stage, mode, yes/no and rating
options) are never scanned: a registrant called "State Party" cannot block approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from feedback.anonymizer import Anonymizer, namelike
from feedback.anonymizer.text import fold_tokens
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


_PRODUCT_LABEL_KINDS = ("rating", "yes_no")  # their options are the product's, not anyone's words


def texts_of(content: dict[str, Any], narrative: str) -> Iterator[tuple[str, str, bool]]:
    """(location, text, written by the Chair) for every text people wrote that ends up in an export."""
    if narrative:
        yield "Chair's narrative", narrative, True
    facts = content.get("round", {})
    for field in ("title", "tool", "cycle"):
        if facts.get(field):
            yield f"Consultation {field}", str(facts[field]), False
    for question in content.get("questions", []):
        where = f"Question {question['number']}"
        yield where, question["text"], False
        if question.get("kind") not in _PRODUCT_LABEL_KINDS:
            for bar in (question.get("distribution") or {}).get("bars", []):
                yield f"{where}, answer options", str(bar["label"]), False
        for theme in question.get("themes", []):  # the Chair's own words, like the narrative
            yield f"{where}, theme", theme["name"], True
            if theme.get("description"):
                yield f"{where}, theme “{theme['name']}”", theme["description"], True
        for group in question.get("groups", []):  # anonymized answers; one the Chair edited is the Chair's
            yield f"{where}, answer {group['id']}", group["text"], bool(group.get("edited"))
    for location, point in meeting_section.texts(content):  # the Chair's notes, anonymized on save (namelike)
        yield location, point, True


def vocabulary(content: dict[str, Any]) -> frozenset[str]:
    """Words of the consultation's own texts, which the Chair may repeat in the narrative."""
    texts = [str(content.get("round", {}).get(field, "")) for field in ("title", "tool", "cycle")]
    for question in content.get("questions", []):
        texts.append(question["text"])
        texts += [str(bar["label"]) for bar in (question.get("distribution") or {}).get("bars", [])]
    return words_of(texts)


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The folded words of these texts: what the Chair may repeat without the gate objecting."""
    return frozenset(token for text in texts for token in fold_tokens(text))


@dataclass(frozen=True)
class Review:
    """What the gate found: the leaks (they block), and how many capitals or regions are left (to check)."""

    leaks: list[Leak]
    places_left: int


def review(content: dict[str, Any], narrative: str, anonymizer: Anonymizer) -> Review:
    """Scan every text once. Capitals and regions left are counted in the same pass: a softer signal
    than a name (none points at a participant's State here), which the Chair reviews; the Chair's own
    text is counted without the registry, like the gate reads it."""
    leaks: list[Leak] = []
    places = 0
    words = None
    for location, text, by_chair in texts_of(content, narrative):
        kept_places: list[tuple[int, int]] = []
        if by_chair:
            words = vocabulary(content) if words is None else words
            findings = namelike.scan(text, words)
            places += namelike.blind().places_left(text)
        else:
            findings = anonymizer.scan(text, kept_places)
            places += len(kept_places)
        leaks += [leak_at(location, text, finding) for finding in findings]
    return Review(leaks, places)


def scan(content: dict[str, Any], narrative: str, anonymizer: Anonymizer) -> list[Leak]:
    """Return every leak: any of them blocks approval and export."""
    return review(content, narrative, anonymizer).leaks


def leak_at(location: str, text: str, finding: Any) -> Leak:
    return Leak(
        location=location,
        kind=finding.kind,
        text=finding.text,
        before=text[max(0, finding.start - CONTEXT_CHARS) : finding.start],
        after=text[finding.end : finding.end + CONTEXT_CHARS],
    )
