"""The red-team suite: an adversary's registry and texts (tests/redteam/generate.py), scored end to end.

Targets: no identity leaked; at least 98% of the substance phrases kept. Also: the gate reads the
Chair's own text the same way whatever the registry holds.
"""

from __future__ import annotations

import pytest

from feedback.anonymizer import Anonymizer
from feedback.summary import gate
from tests.redteam.generate import World, generate, measure


@pytest.fixture(scope="module")
def world() -> World:
    return generate()


@pytest.fixture(scope="module")
def anonymizer(world) -> Anonymizer:
    return Anonymizer.build(world.identities)


def test_no_identity_derivable_from_the_registry_leaks(world, anonymizer):
    result = measure(world, anonymizer.redact)

    assert result.leak_total > 1500
    assert result.leaked == []


def test_the_substance_survives_adversarial_registrants(world, anonymizer):
    result = measure(world, anonymizer.redact)

    assert result.keep_total > 1500
    assert result.kept_rate >= 0.98, result.damaged[:10]


def test_the_gate_reads_the_chairs_narrative_without_the_registry(world, anonymizer):
    content = {"round": {"title": "Online reporting tool review"}, "questions": []}
    blind = Anonymizer.build([])
    registered = [person.name for person in world.people[:40]]
    narratives = [f"We thank {name} for the comments." for name in registered]
    narratives += [text.text for text in world.texts[:40]]

    for narrative in narratives:
        with_registry = gate.scan(content, narrative, anonymizer)
        without = gate.scan(content, narrative, blind)
        assert with_registry == without
    assert all(gate.scan(content, f"We thank {name}.", anonymizer) for name in registered)


def test_the_gate_reads_the_chairs_theme_names_and_edited_answers_without_the_registry(world, anonymizer):
    blind = Anonymizer.build([])
    registered = world.people[0].name

    def content(theme: str, edited: str) -> dict:
        question = {
            "number": 1,
            "text": "What should change?",
            "kind": "text",
            "themes": [{"name": theme, "description": f"Raised by {theme}."}],
            "groups": [{"id": "improve-1", "text": edited, "edited": True}],
        }
        return {"round": {"title": "Review"}, "questions": [question]}

    for name in (registered, "Pedro Alvarado"):
        summary = content(name, f"As {name} said, pre-filling helps.")
        assert gate.scan(summary, "", anonymizer) == gate.scan(summary, "", blind)
        flagged = {leak.location for leak in gate.scan(summary, "", anonymizer)}
        assert flagged == {"Question 1, theme", "Question 1, theme “" + name + "”", "Question 1, answer improve-1"}
