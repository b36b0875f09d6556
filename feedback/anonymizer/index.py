"""Build the one multi-pattern matcher over every known identity and every country term."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import ahocorasick

from feedback.anonymizer import derived, places
from feedback.anonymizer.derived import NEVER_NAMES, ORG_STOPWORDS
from feedback.anonymizer.lexicon import (
    COMMON_WORDS,
    CORE_TERMS,
    GENERIC_ADDRESS_WORDS,
    GIVEN_WORDS,
    MONTHS,
    NAME_LEXICON,
    PARTICLES,
    PURE_LANGUAGES,
    STRONG_TITLES,
    SUBSTANCE_PHRASES,
    SUBSTANCE_TOKENS,
    WEAK_TITLES,
    WEEKDAYS,
)
from feedback.anonymizer.text import fold_tokens, spelling_variants, transliterate
from feedback.anonymizer.types import Identity
from participants.countries import COUNTRIES

# Entry kinds, the first item of every entry tuple.
NAME, COUNTRY, ORG, DOMAIN, PROTECT, LANGUAGE, TITLE, GIVEN, DIGIT, PLACE = range(10)
MIXED = -1  # a key with entries of several kinds (or several of one kind)
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.?){2,5}$|^[A-Z][a-zA-Z]{1,3}[A-Z]$")
_SPLIT_WORDS = re.compile(r"\s+")


def is_wordlike(token: str) -> bool:
    """Tell whether a folded token is also an ordinary word, so it needs a name context."""
    return (
        token in COMMON_WORDS
        or token in SUBSTANCE_TOKENS
        or token in MONTHS
        or token in WEEKDAYS
        or token in country_tokens()
    )


@cache
def country_tokens() -> frozenset[str]:
    """Return single-word country terms ("jordan", "chad"), which are also given names."""
    return frozenset(
        " ".join(fold_tokens(term)) for country in COUNTRIES for term in country.terms if len(fold_tokens(term)) == 1
    )


@cache
def static_entries() -> dict[str, list[tuple]]:
    """Return the entries every registry shares: countries, languages and protected phrases."""
    entries: dict[str, list[tuple]] = {}
    heads = Counter(derived.official_head(country.official_name) for country in COUNTRIES)
    for country in COUNTRIES:
        forms = [(term, "name") for term in country.names]
        forms += [(term, "demonym") for term in country.demonyms]
        forms += [(term, "plural") for term in country.demonym_plurals]
        for term, form in forms:
            key = " ".join(fold_tokens(term))
            if not key:
                continue
            exact = None
            if _ABBREVIATION.match(term) and (" " in key or key in COMMON_WORDS or (len(key) <= 2 and key != "uk")):
                exact = "".join(ch for ch in term if ch.isalnum())  # "US", not "us"; "usa" is fine
            needs_capital = key in COMMON_WORDS
            language = term in country.language_terms
            entries.setdefault(key, []).append((COUNTRY, country.code, form, language, exact, needs_capital))
        shared_by = heads.get(derived.official_head(country.official_name), 0)
        for fragment in derived.official_fragments(country.official_name, country.name, shared_by):
            key = " ".join(fold_tokens(fragment))
            entries.setdefault(key, []).append((COUNTRY, country.code, "name", False, None, True))
    for language in PURE_LANGUAGES:
        entries.setdefault(language, []).append((LANGUAGE,))
    for phrase in SUBSTANCE_PHRASES:
        entries.setdefault(phrase, []).append((PROTECT,))
    for title in {" ".join(fold_tokens(t)) for t in STRONG_TITLES + WEAK_TITLES + ["His Excellency"]}:
        entries.setdefault(title, []).append((TITLE,))
    for name in NAME_LEXICON - COMMON_WORDS:  # unregistered given names, for "OKONKWO Chidi"
        entries.setdefault(name, []).append((GIVEN,))
    return _merge_countries(entries)


def _merge_countries(entries: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """Keep one country entry per key and form, so "Congolese" counts once, not twice."""
    merged: dict[str, list[tuple]] = {}
    for key, items in entries.items():
        seen: dict[tuple, tuple] = {}
        for item in items:
            signature = item if item[0] != COUNTRY else (COUNTRY, item[2], item[4])
            seen.setdefault(signature, item)
        merged[key] = list(seen.values())
    return merged


@dataclass(frozen=True)
class Index:
    """The compiled matcher plus what the rules need to know about each identity."""

    automaton: ahocorasick.Automaton
    identity_tokens: tuple[frozenset[str], ...]
    phone_suffixes: frozenset[str]
    name_lexicon: frozenset[str]
    acronyms: frozenset[str] = frozenset()
    initials: dict[str, frozenset[int]] | None = None  # "HT" -> owners
    handles: frozenset[str] = frozenset()  # "jdoe", "janedoe": names written as handles
    given_words: frozenset[str] = frozenset()  # ordinary words that are someone's given name ("hope")
    phrase_words: frozenset[str] = frozenset()  # words only registered as part of a phrase ("state")


class _Builder:
    """Collect pattern entries per folded key, merging owners of the same key."""

    def __init__(self, min_cell: int = 3) -> None:
        self.min_cell = min_cell
        self.names: dict[str, set[int]] = {}
        self.compounds: dict[str, set[int]] = {}
        self.particles: dict[str, set[int]] = {}
        self.orgs: dict[tuple[str, str | None, bool], set[int]] = {}
        self.domains: dict[str, set[int]] = {}
        self.tokens: list[frozenset[str]] = []
        self.phones: set[str] = set()
        self.initials: dict[str, set[int]] = {}
        self.handles: set[str] = set()
        self.given_words: set[str] = set()
        self.phrase_owners: set[int] = set()
        self.countries: set[str] = set()

    def add(self, owner: int, identity: Identity) -> None:
        """Add every pattern one identity contributes, and the forms derived from them."""
        full_name = derived.clean_name(identity.full_name)
        tokens = self._add_name(owner, full_name)
        organisation = derived.clean_organisation(identity.organisation)
        acronym = derived.clean_organisation(identity.acronym)
        self._add_org(owner, organisation, acronym)
        self._add_address(owner, identity.email, identity.website)
        self._add_phone(identity.phone)
        for letters in derived.person_initials(full_name):
            self.initials.setdefault(letters, set()).add(owner)
        self.handles |= derived.handle_forms(tokens)
        if identity.country:
            self.countries.add(identity.country.upper())
        self.tokens.append(frozenset(tokens))

    def _add_name(self, owner: int, full_name: str) -> list[str]:
        tokens = fold_tokens(full_name)
        if tokens and (tokens[0] in GIVEN_WORDS or tokens[0] in NAME_LEXICON):
            self.given_words.add(tokens[0])
        elif tokens and all(is_wordlike(token) for token in tokens):
            self.phrase_owners.add(owner)  # "Observer State": a phrase, a name only in a name context
        variants = set(tokens) | set(fold_tokens(transliterate(full_name)))
        for word in _SPLIT_WORDS.split(full_name.strip()):
            parts = fold_tokens(word)
            if any(ch in "äöüÄÖÜßæøåÆØÅœŒ" for ch in word):
                variants |= {t for v in spelling_variants(word) for t in v.split()}
            if len(parts) > 1:  # "Jean-Pierre", "O'Brien", "al-Hassan" also written glued
                variants.add("".join(parts))
                variants.add("".join(fold_tokens(transliterate(word))))
                if all(len(part) > 1 for part in parts):  # "Min-jun": two ordinary words, one name
                    self.compounds.setdefault(" ".join(parts), set()).add(owner)
            elif parts and parts[0] in PARTICLES and word[:1].isupper():
                self.particles.setdefault(parts[0], set()).add(owner)  # "Nguyen Van", "De Souza"
            variants |= derived.particle_variants(word)
        for first, second in pairwise(tokens):
            if first in ("al", "el"):
                variants |= {"al" + second, "el" + second}  # "Al Hassan" is also written "Elhassan"
        variants |= _particle_compounds(tokens)
        variants |= {glued for glued in _glued_forms(tokens) if glued not in COMMON_WORDS}
        for token in variants:
            if len(token) >= 2 and token not in PARTICLES and token not in NEVER_NAMES and token not in CORE_TERMS:
                self.names.setdefault(token, set()).add(owner)
        return tokens

    def _add_org(self, owner: int, name: str, acronym: str) -> None:
        key = " ".join(fold_tokens(name))
        base = derived.without_legal_form(key)
        significant = [t for t in base.split() if t not in ORG_STOPWORDS]
        if key and _names_something(key, significant):
            needs_capital = all(is_wordlike(t) for t in significant)
            for variant in _org_variants(key) | _org_variants(base):
                self.orgs.setdefault((variant, None, needs_capital), set()).add(owner)
            for short in derived.short_forms(base, is_wordlike):
                self.orgs.setdefault((short, None, True), set()).add(owner)  # "Acme" for "Acme Dynamics Ltd"
        if not acronym:
            self._add_exact_acronym(owner, derived.initials_acronym(name))
        folded = " ".join(fold_tokens(acronym))
        if folded and folded not in CORE_TERMS:
            alnum = "".join(ch for ch in acronym if ch.isalnum())
            exact = alnum if (is_wordlike(folded.replace(" ", "")) or len(alnum) <= 3) else None
            self.orgs.setdefault((folded, exact, False), set()).add(owner)

    def _add_exact_acronym(self, owner: int, acronym: str) -> None:
        """Add an acronym matched only as written in capitals, plain or dotted ("PCSAB", "P.C.S.A.B.")."""
        if not acronym or not derived.usable_acronym(acronym, country_tokens()):
            return
        exact = acronym.upper()
        self.orgs.setdefault((exact.lower(), exact, False), set()).add(owner)
        if len(exact) <= 6:
            self.orgs.setdefault((" ".join(exact.lower()), exact, False), set()).add(owner)

    def _add_address(self, owner: int, email: str, website: str) -> None:
        hosts = []
        if "@" in email:
            local, _, host = email.strip().rpartition("@")
            hosts.append(host)
            for token in fold_tokens(local):
                if len(token) >= 4 and not is_wordlike(token) and token not in GENERIC_ADDRESS_WORDS:
                    self.names.setdefault(token, set()).add(owner)
        if website.strip():
            host = re.sub(r"^[a-z]+://", "", website.strip().lower()).split("/", 1)[0]
            hosts.append(host)
        for host in hosts:
            for label in derived.domain_labels(host):
                if 2 <= len(label) <= 10 and label.isalpha():
                    self._add_exact_acronym(owner, label)  # "pcsab.org" -> "PCSAB"
                elif "-" in label and label.replace("-", "").isalpha() and derived.usable_acronym(label, frozenset()):
                    exact = label.replace("-", "").upper()  # "CRE-HUB"
                    self.orgs.setdefault((" ".join(label.split("-")), exact, False), set()).add(owner)
            labels = fold_tokens(host.lower().removeprefix("www."))
            if len(labels) < 2 or labels[0] in GENERIC_ADDRESS_WORDS:
                continue
            self.domains.setdefault(" ".join(labels), set()).add(owner)
            label = labels[0]
            if len(label) >= 5 and not is_wordlike(label) and label not in GENERIC_ADDRESS_WORDS:
                self.orgs.setdefault((label, None, False), set()).add(owner)

    def _add_phone(self, phone: str) -> None:
        digits = "".join(ch for ch in phone if ch.isdigit())
        if len(digits) >= 7:
            self.phones.add(digits[-7:])
            if len(digits) >= 9:
                self.phones.add(digits[-9:])

    def entries(self) -> dict[str, list[tuple]]:
        """Return every key with its entries, the shared ones included."""
        entries = {key: list(items) for key, items in static_entries().items()}
        for key, owners in self.names.items():
            items = entries.setdefault(key, [])
            if items and items[-1] == (GIVEN,):
                items.pop()  # a registered name is looked at beside upper-case words anyway
            items.append((NAME, is_wordlike(key), len(key) <= 2, frozenset(owners)))
        for key, owners in self.compounds.items():
            entries.setdefault(key, []).append((NAME, False, False, frozenset(owners)))
        for key, owners in self.particles.items():
            entries.setdefault(key, []).append((NAME, True, len(key) <= 2, frozenset(owners)))
        for (key, exact, needs_capital), owners in self.orgs.items():
            entries.setdefault(key, []).append((ORG, frozenset(owners), exact, needs_capital))
        for key, owners in self.domains.items():
            entries.setdefault(key, []).append((DOMAIN, frozenset(owners)))
        for key, remove in places.entries(self.countries, self.min_cell).items():
            entries.setdefault(key, []).append((PLACE, remove))
        return entries


def _particle_compounds(tokens: list[str]) -> set[str]:
    """Return glued forms of particle surnames: "van der berg" is also "vanderberg"."""
    compounds = set()
    for index, token in enumerate(tokens):
        if token in PARTICLES:
            continue
        start = index
        while start > 0 and tokens[start - 1] in PARTICLES:
            start -= 1
        if start < index:
            compounds.add("".join(tokens[start : index + 1]))
    return compounds


def _glued_forms(tokens: list[str]) -> set[str]:
    """Return names written as one word: "Abdulrahman", "IngridJohansson", "ijohansson" (handles)."""
    core = [t for t in tokens if t not in PARTICLES]
    if len(core) < 2:
        return set()
    glued = {a + b for a, b in pairwise(core)}
    glued |= {core[0] + core[-1], core[0][0] + core[-1], core[-1] + core[0]}
    return {g for g in glued if len(g) >= 5}


def _org_variants(key: str) -> set[str]:
    """Return an organisation's name with and without "the" and "and" ("&" folds to nothing)."""
    variants = {key, key.removeprefix("the ")}
    variants |= {" ".join(t for t in v.split() if t != "and") for v in list(variants)}
    return {v for v in variants if v}


def _names_something(key: str, significant: list[str]) -> bool:
    """Tell whether an organisation's name may be matched: not the field's own terms, not one plain word.

    "Online Reporting Tool" or "Validation Messages" registered as an organisation must not remove
    that substance from everyone's answers; nor may a one-word name that is a dictionary word.
    """
    if key in CORE_TERMS or key in SUBSTANCE_PHRASES or not significant:
        return False
    if all(t in SUBSTANCE_TOKENS or t in CORE_TERMS for t in significant):
        return False
    return not (len(significant) == 1 and is_wordlike(significant[0]))


def build_index(identities: Iterable[Identity], min_cell: int = 3) -> Index:
    """Compile the matcher for a registry; the countries are always included."""
    builder = _Builder(min_cell)
    for owner, identity in enumerate(identities):
        builder.add(owner, identity)
    automaton = ahocorasick.Automaton()
    entries = builder.entries()
    removable = country_tokens() | {key for key, items in entries.items() if any(e[0] == NAME for e in items)}
    for key, items in entries.items():
        if items == [(PROTECT,)] and not removable.intersection(key.split()):
            continue  # a protected phrase with no word that could be removed protects nothing
        sole = items[0][0] if len(items) == 1 else MIXED  # decided here, once, not at every hit
        automaton.add_word(f" {key} ", (len(key) + 2, tuple(items), " " not in key, sole))
    for digit in "0123456789":  # the start of every number, so phones need no scan of their own
        automaton.add_word(f" {digit}", (2, ((DIGIT,),), True, DIGIT))
    automaton.make_automaton()
    lexicon = NAME_LEXICON | frozenset(builder.names)
    acronyms = frozenset(key for key, exact, _ in builder.orgs if " " not in key)
    return Index(
        automaton,
        tuple(builder.tokens),
        frozenset(builder.phones),
        lexicon,
        acronyms,
        {letters: frozenset(owners) for letters, owners in builder.initials.items()},
        frozenset(builder.handles),
        frozenset(builder.given_words),
        frozenset(key for key, owners in builder.names.items() if owners <= builder.phrase_owners),
    )
