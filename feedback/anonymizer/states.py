"""Decide which country hits identify a State and which name a language ("a French version")."""

from __future__ import annotations

import re
from typing import NamedTuple

from feedback.anonymizer.context import breaks_sentence, next_word, prev_word
from feedback.anonymizer.lexicon import FUNCTION_WORDS, LANGUAGE_NOUNS, LANGUAGE_PREPOSITIONS, PEOPLE_NOUNS
from feedback.anonymizer.types import NATIONAL, NATIONALS, STATE
from participants.countries import COUNTRIES

Candidate = tuple[int, int, str, str, int]
_CODES = frozenset(country.code for country in COUNTRIES)
_CODE_IN_BRACKETS = re.compile(r" \(([A-Z]{2})\)")
PRIORITY_STATE = 1
_PLACEHOLDERS = {"name": STATE, "demonym": NATIONAL, "plural": NATIONALS}
_LIST_WORDS = frozenset({"and", "or", "as", "well", "nor", "both", "either"})
_HYPHEN_SUFFIXES = LANGUAGE_NOUNS | {"only", "speaking", "language", "friendly", "medium"}


class CountryHit(NamedTuple):
    """A country term found in the text; language is True for "French", "Spanish"..."""

    ns: int
    ne: int
    start: int
    end: int
    form: str
    language: bool
    exact: str | None
    needs_capital: bool


class LanguageHit(NamedTuple):
    """A language name that is no demonym ("Arabic"): never removed, it anchors lists."""

    ns: int
    ne: int
    start: int
    end: int


def states(text: str, norm: str, hits: list[CountryHit], languages: list[LanguageHit]) -> list[Candidate]:
    """Return the spans naming a State or its people, leaving language names in place."""
    valid = [  # _spelled_as_registered, its usual case inlined
        hit
        for hit in hits
        if (
            (not hit.needs_capital or text[hit.start].isupper())
            if hit.exact is None
            else _spelled_as_registered(text, hit)
        )
    ]
    if any(hit.form != "name" for hit in valid):
        language_like = [h for h in valid if h.language]  # only these can be spoken ("French", not "Andorran")
        spoken = (
            _language_uses(text, norm, language_like, languages) | _varieties(text, valid) if language_like else set()
        )
        spoken_starts = {item.ns for item in spoken} | {item.ns for item in languages}
    else:
        spoken, spoken_starts = set(), set()  # names only ("Peru"): nothing to weigh
    candidates = []
    for hit in valid:
        if spoken and hit in spoken:
            continue
        if hit.form != "name" and _names_a_variety(norm, hit, spoken_starts):
            continue  # "Brazilian Portuguese", "Swiss German"
        end = hit.end
        if text[end : end + 1] in (")", "."):
            end = _closing_punctuation(text, hit.start, hit.end)
        if text[end : end + 2] == " (":
            code = _CODE_IN_BRACKETS.match(text, end)
            if code and code.group(1) in _CODES:
                end = code.end()  # "Peru (PE)": the code names the State too
        candidates.append((hit.start, end, "country", _PLACEHOLDERS[hit.form], PRIORITY_STATE))
    return candidates


def _closing_punctuation(text: str, start: int, end: int) -> int:
    """Take in the ")" of "Bolivia (Plurinational State of)" and the last dot of "U.K." mid-sentence."""
    original = text[start:end]
    following = text[end : end + 1]
    if following == ")" and "(" in original and ")" not in original:
        return end + 1
    if following == "." and "." in original:
        after = text[end + 1 : end + 3]
        if after[:1] in (",", ";", ":", ")", "'", "\u2019") or (after[:1] == " " and after[1:2].islower()):
            return end + 1
    return end


def _spelled_as_registered(text: str, hit: CountryHit) -> bool:
    """Check the case rules: "UK" but not "uk"; "Turkey" but not "turkey"."""
    original = text[hit.start : hit.end]
    if hit.exact is not None:
        return "".join(ch for ch in original if ch.isalnum()) == hit.exact
    return not hit.needs_capital or original[:1].isupper()


def _varieties(text: str, hits: list[CountryHit]) -> set[CountryHit]:
    """Return the language names in "Brazilian Portuguese" or "Canadian French" (not people)."""
    after_demonym = {hit.ne + 1: hit.end for hit in hits if hit.form == "demonym"}
    return {
        hit
        for hit in hits
        if hit.language and hit.ns in after_demonym and text[after_demonym[hit.ns] : hit.start] == " "
    }


def _names_a_variety(norm: str, hit: CountryHit, spoken_starts: set[int]) -> bool:
    return hit.ne + 1 in spoken_starts and norm[hit.ne : hit.ne + 1] == " "


def _language_uses(text: str, norm: str, hits: list[CountryHit], languages: list[LanguageHit]) -> set[CountryHit]:
    """Return the demonyms used as language names, deciding lists ("Arabic, French and Spanish") together."""
    items: list[CountryHit | LanguageHit] = sorted([*hits, *languages], key=lambda item: item.ns)
    spoken: set[CountryHit] = set()
    chain: list = []
    for item in items:
        if chain and _listed_together(text, norm, chain[-1], item):
            chain.append(item)
            continue
        if chain and _is_language_chain(text, chain):
            spoken.update(i for i in chain if isinstance(i, CountryHit))
        chain = [item]
    if chain and _is_language_chain(text, chain):
        spoken.update(i for i in chain if isinstance(i, CountryHit))
    return spoken


def _listed_together(text: str, norm: str, left, right) -> bool:
    gap = norm[left.ne + 1 : right.ns - 1].split()
    if len(gap) > 2 or any(word not in _LIST_WORDS for word in gap):
        return False
    separator = text[left.end : right.start]
    return not breaks_sentence(separator) and len(separator) <= 12


def _is_language_chain(text: str, chain: list) -> bool:
    """Decide a list of language-like words: language unless what follows is a people noun."""
    if any(_hyphen_suffix(text, item.end) for item in chain):
        return True
    separator, following = next_word(text, chain[-1].end)
    folded_next = following.lower()
    ends = not following or breaks_sentence(separator) or any(ch in "),;" for ch in separator)
    if not ends and folded_next in LANGUAGE_NOUNS:
        return True
    before, gap = prev_word(text, chain[0].start)
    after_preposition = before.lower() in LANGUAGE_PREPOSITIONS and not breaks_sentence(gap)
    if after_preposition and folded_next not in PEOPLE_NOUNS:
        return True  # "in French and Spanish lags behind", not "in Spanish practice"
    content_follows = not ends and folded_next not in FUNCTION_WORDS
    if content_follows:
        return False  # "French officials", "in Spanish practice"
    return after_preposition or any(isinstance(item, LanguageHit) for item in chain)


def _hyphen_suffix(text: str, end: int) -> bool:
    """Tell "English-only", "French-speaking" and "Spanish-language" (language uses)."""
    if text[end : end + 1] not in ("-", "\u2010", "\u2011"):
        return False
    separator, following = next_word(text, end)
    return separator in ("-", "\u2010", "\u2011") and following.lower() in _HYPHEN_SUFFIXES
