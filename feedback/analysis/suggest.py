"""Suggested themes: topics found in the anonymized answers on this machine, with no network or model.

TF-IDF over words and word pairs, then non-negative matrix factorisation (scikit-learn): each topic is
a weighted set of terms, each answer a mix of topics. An answer is covered by a topic that carries at
least half of its strongest topic's weight, so one answer may fall under two themes.

A suggestion never names anyone: the answers are anonymized before they get here, placeholders such as
"[a State]" are removed, a word that appears only capitalised (a proper noun, perhaps a name the
anonymizer did not know) is never a key term unless it is a known ordinary or technical word, and the
caller may veto any further term (`is_safe`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from feedback.anonymizer.types import PLACEHOLDERS

MAX_THEMES = 10
MIN_ANSWERS = 2
TERMS = 6  # key terms shown per suggestion
LABEL_TERMS = 2
SHARE_OF_STRONGEST = 0.5
_PLACEHOLDER = re.compile("|".join(re.escape(placeholder) for placeholder in PLACEHOLDERS))
_WORD_PATTERN = r"(?u)\b[^\W\d_][\w-]*[^\W_]\b"  # words of two letters or more, hyphenated compounds kept whole
_WORD = re.compile(_WORD_PATTERN)
# Words every answer about reporting uses: they would make every theme look alike.
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "also", "would", "could", "should", "think", "need", "needs", "like", "please", "make", "use",
    "useful", "help", "helpful", "better", "good", "really", "just", "way", "able", "want", "etc",
}  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    """A possible theme: a label from its two strongest terms, its key terms, the answers it covers."""

    label: str
    terms: tuple[str, ...]
    members: tuple[int, ...]


def suggest_themes(
    texts: Sequence[str],
    *,
    max_themes: int = MAX_THEMES,
    known_words: Collection[str] = (),
    is_safe: Callable[[str], bool] = lambda term: True,
) -> list[Suggestion]:
    """Suggestions for these texts, the largest first; none when there is too little to go on."""
    cleaned = [_PLACEHOLDER.sub(" ", text) for text in texts]
    allowed = _term_filter(cleaned, known_words, is_safe)
    vectorizer = TfidfVectorizer(
        token_pattern=_WORD_PATTERN,
        stop_words=sorted(STOP_WORDS),
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
        strip_accents="unicode",
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(cleaned)
    except ValueError:  # no term appears in two answers
        return []
    themes = min(max_themes, _theme_count(len(texts)), matrix.shape[1])
    if themes < 2:
        return []
    model = NMF(n_components=themes, init="nndsvda", max_iter=400, random_state=0)
    weights = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    suggestions = []
    for topic in range(themes):
        members = _members(weights, topic)
        terms = _top_terms(model.components_[topic], vocabulary, allowed)
        if len(members) >= MIN_ANSWERS and terms:
            suggestions.append(Suggestion(label=label_of(terms), terms=terms, members=members))
    return sorted(suggestions, key=lambda suggestion: (-len(suggestion.members), suggestion.label))


def _theme_count(answers: int) -> int:
    """About √(n/2) themes for n answers: 2 for a dozen, 5 for fifty, 10 from about two hundred."""
    return max(2, round(math.sqrt(answers / 2)))


def _members(weights: np.ndarray, topic: int) -> tuple[int, ...]:
    strongest = weights.max(axis=1)
    chosen = (weights[:, topic] > 1e-6) & (weights[:, topic] >= SHARE_OF_STRONGEST * strongest)
    return tuple(int(index) for index in np.flatnonzero(chosen))


def _top_terms(weights: np.ndarray, vocabulary: np.ndarray, allowed: Callable[[str], bool]) -> tuple[str, ...]:
    terms: list[str] = []
    for index in np.argsort(-weights):
        if weights[index] <= 0 or len(terms) == TERMS:
            break
        term = str(vocabulary[index])
        if allowed(term) and not any(term in kept or kept in term for kept in terms):
            terms.append(term)
    return tuple(terms)


def _term_filter(
    texts: Sequence[str], known_words: Collection[str], is_safe: Callable[[str], bool]
) -> Callable[[str], bool]:
    """Terms made only of words seen in lower case (or known), which the caller accepts."""
    seen_lower = {word for text in texts for word in _WORD.findall(text) if not word[:1].isupper()}
    known = {word.casefold() for word in known_words} | {word.casefold() for word in seen_lower}

    def allowed(term: str) -> bool:
        return all(word in known for word in term.split()) and is_safe(term)

    return allowed


def label_of(terms: Sequence[str]) -> str:
    """ "Validation messages / field names": the strongest terms, the first capitalised."""
    label = " / ".join(terms[:LABEL_TERMS])
    return label[:1].upper() + label[1:]
