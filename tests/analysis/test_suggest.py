"""Suggested themes: known topics are found again, and no suggestion names anyone."""

from __future__ import annotations

from feedback.analysis.suggest import suggest_themes
from feedback.anonymizer.lexicon import COMMON_WORDS, SUBSTANCE_TOKENS
from tests.analysis.topics import TOPICS, generate, recovered

KNOWN = COMMON_WORDS | SUBSTANCE_TOKENS


def test_most_known_topics_of_a_generated_set_are_recovered():
    corpus = generate(2000, seed=11)

    suggestions = suggest_themes(corpus.texts, known_words=KNOWN)

    found = recovered(corpus, suggestions)
    assert len(found) >= len(TOPICS) - 1, sorted(found)
    assert all(suggestion.terms and suggestion.label for suggestion in suggestions)


def test_a_name_written_only_capitalised_is_never_a_key_term():
    texts = [f"Mr Okonkwo-Baptiste asked for {topic} reports." for topic in ("xml", "csv")] * 20
    texts += [f"Okonkwo-Baptiste wants guidance notes on {topic}." for topic in ("exports", "imports")] * 20

    suggestions = suggest_themes(texts, known_words=KNOWN)

    terms = " ".join(term for suggestion in suggestions for term in suggestion.terms)
    assert suggestions and "okonkwo" not in terms


def test_placeholders_left_by_the_anonymizer_are_not_terms():
    texts = [f"As [a State] we need {topic} and [a participant] agrees." for topic in ("xml export", "nil report")] * 15

    terms = {term for suggestion in suggest_themes(texts, known_words=KNOWN) for term in suggestion.terms}

    assert not terms & {"state", "participant", "agrees state"}


def test_a_vetoed_term_is_dropped():
    texts = [f"The {word} field needs validation." for word in ("date", "value")] * 20

    suggestions = suggest_themes(texts, known_words=KNOWN, is_safe=lambda term: "validation" not in term)

    assert all("validation" not in term for suggestion in suggestions for term in suggestion.terms)


def test_too_few_answers_give_no_suggestion():
    assert suggest_themes(["Add XML.", "Add CSV."], known_words=KNOWN) == []
    assert suggest_themes([], known_words=KNOWN) == []
