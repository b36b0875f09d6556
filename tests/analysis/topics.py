"""Generated answers on known topics, to measure how many of them the suggested themes recover.

Each topic has its own words; an answer makes one or two points (from one or two topics) in varied
sentences, with filler every answer shares. Used by the tests and by `make bench`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

TOPICS: dict[str, list[str]] = {
    "pre-filling": ["pre-fill", "last year's entries", "previous report", "copy forward", "retyping"],
    "validation": ["validation messages", "error message", "wrong field", "mandatory fields", "checks"],
    "formats": ["XML export", "CSV files", "Excel import", "machine-readable", "spreadsheet upload"],
    "guidance": ["guidance notes", "help text", "examples", "frequently asked questions", "explanations"],
    "translation": ["French version", "Spanish translation", "Arabic", "language versions", "translated"],
    "offline": ["offline template", "connectivity", "Word form", "printable", "without internet"],
    "notifications": ["e-mail alerts", "reminders", "deadline notice", "subscription", "notified"],
    "search": ["keyword search", "metadata filters", "document library", "find documents", "search results"],
}
OPENINGS = ["We would like", "It would help to have", "Our authorities ask for", "Please consider", "We need"]
LINKS = ["more", "better", "clearer", "proper", "simpler"]
FILLER = [
    "This matters for our national reporting.",
    "Thank you for the consultation.",
    "The tool is improving overall.",
    "",
    "",
]


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    topics: list[set[str]]  # the known topics of each answer


def generate(count: int, *, seed: int = 7, topics: dict[str, list[str]] = TOPICS) -> Corpus:
    rng = random.Random(seed)
    names = list(topics)
    texts, labels = [], []
    for _ in range(count):
        chosen = set(rng.sample(names, k=1 if rng.random() < 0.7 else 2))
        sentences = []
        for topic in sorted(chosen):
            terms = rng.sample(topics[topic], k=2)
            sentences.append(f"{rng.choice(OPENINGS)} {rng.choice(LINKS)} {terms[0]} and {terms[1]}.")
        sentences.append(rng.choice(FILLER))
        rng.shuffle(sentences)
        texts.append(" ".join(sentence for sentence in sentences if sentence))
        labels.append(chosen)
    return Corpus(texts, labels)


def recovered(corpus: Corpus, suggestions: list, *, at_least: float = 0.6) -> set[str]:
    """Known topics matched by a suggestion covering at least 60% of the topic's answers, with at least
    60% of the suggestion's answers on that topic."""
    found = set()
    for topic in {topic for labels in corpus.topics for topic in labels}:
        truth = {index for index, labels in enumerate(corpus.topics) if topic in labels}
        for suggestion in suggestions:
            members = set(suggestion.members)
            overlap = len(truth & members)
            if overlap >= at_least * len(truth) and overlap >= at_least * len(members):
                found.add(topic)
    return found
