"""Forms of an identity that the registry does not hold but people write: acronyms, short forms, initials, handles.

Everything here runs once, when the index is built, and returns plain folded strings.
"""

from __future__ import annotations

import re

from feedback.anonymizer.lexicon import (
    COMMON_WORDS,
    CORE_TERMS,
    GENERIC_ADDRESS_WORDS,
    KNOWN_ACRONYMS,
    PARTICLES,
    words,
)
from feedback.anonymizer.text import fold_tokens, transliterate

# Words of a name are letters with the punctuation names use; anything else (markup, "=", quotes) makes a
# word no name at all, so a registrant called "<img onerror=…>" adds nothing to the matcher.
_NAME_WORD = re.compile(r"^[^\W_](?:[^\W_]|['’ʼ\-‐‑.])*$")  # noqa: RUF001
_ORG_WORD = re.compile(r"^[\w&(),/+:!?'’ʼ\-‐‑.]+$")  # noqa: RUF001
# Words no name is made of: a registrant called "The Party" must not make "the" a name.
NEVER_NAMES = words(
    "the a an and or nor of to in on at by for with from as is are was were be been this that these those it its"
    " our their we you they he she i me my your his her us them not no yes if but so than then there here"
)
LEGAL_FORMS = words(
    "ltd limited inc incorporated llc llp plc corp corporation co gmbh ggmbh ag sa sas sarl spa srl bv nv pty"
    " ab oy asa as kk sl sa de cv ev e v"
)
ORG_STOPWORDS = words("and of the for on in to at de la le des du et y para pour por del di da")
_GOVERNMENT_LABELS = words("gov gob gouv govt go gv mfa mofa mae mre minbuza fco fcdo example test invalid localhost")
_SECOND_LEVEL = words("co com org net ac edu gov gob gouv or ne go int mil nic")


def name_words(full_name: str) -> list[str]:
    """Return the words of a name that can be a person's name ("Jean-Pierre", "O'Brien", "J.")."""
    return [word for word in full_name.split() if _NAME_WORD.match(word)]


def clean_name(full_name: str) -> str:
    """Return the name without words that hold markup or other non-name characters."""
    return " ".join(name_words(full_name))


def clean_organisation(name: str) -> str:
    """Return an organisation's name, or "" when it holds markup (no fragment of it may become a pattern)."""
    if any(not _ORG_WORD.match(word) for word in name.split()):
        return ""
    return name.strip()


def without_legal_form(key: str) -> str:
    """Drop a trailing legal form from a folded name: "acme dynamics ltd" -> "acme dynamics"."""
    tokens = key.split()
    while len(tokens) > 1 and tokens[-1] in LEGAL_FORMS:
        tokens.pop()
    return " ".join(tokens)


def short_forms(key: str, is_wordlike) -> set[str]:
    """Return leading parts of an organisation's name that still single it out ("acme", "acme dynamics").

    A part counts only if it holds a distinctive word (no dictionary word, four letters or more).
    """
    significant = [token for token in key.split() if token not in ORG_STOPWORDS]
    forms = set()
    for size in range(1, len(significant)):
        prefix = significant[:size]
        if any(len(token) >= 4 and not is_wordlike(token) for token in prefix):
            forms.add(" ".join(prefix))
    return forms


def initials_acronym(name: str) -> str:
    """Return the acronym of an organisation's name from its capitalised words' initials ("PCSAB")."""
    letters = [word[0] for word in re.split(r"[\s\-\u2010\u2011/]+", name) if word[:1].isalpha()]
    significant = [
        word[0].upper()
        for word in re.split(r"[\s\-\u2010\u2011/]+", name)
        if word[:1].isalpha() and word.lower() not in ORG_STOPWORDS and word.lower() not in LEGAL_FORMS
    ]
    return "".join(significant) if len(letters) >= 2 else ""


def usable_acronym(acronym: str, country_terms: frozenset[str]) -> bool:
    """Tell whether a derived acronym may be matched: not the field's own, a country or a tiny word."""
    folded = acronym.lower()
    if len(folded) < 2 or folded in KNOWN_ACRONYMS or folded in CORE_TERMS or folded in country_terms:
        return False
    return not (len(folded) <= 3 and folded in COMMON_WORDS)  # "IS", "AN", "THE": every sentence has them


def domain_labels(host: str) -> list[str]:
    """Return the labels of a host that name its owner: "cre-hub.org" gives "cre-hub", "cre", "hub"."""
    labels = host.lower().removeprefix("www.").split(".")
    labels = labels[:-1]  # the top-level domain names nobody
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]  # "rree.gob.pe", "foo.co.uk"
    found = []
    for label in labels:
        if not label.isascii() or label in _GOVERNMENT_LABELS or label in GENERIC_ADDRESS_WORDS:
            continue
        found.append(label)
        parts = [part for part in label.split("-") if part]
        if len(parts) > 1:
            found += [part for part in parts if part not in GENERIC_ADDRESS_WORDS]
    return found


_LOOSE = PARTICLES | {"abd", "abu", "ó", "ní", "nic", "ap", "te"}


def person_initials(full_name: str) -> set[str]:
    """Return the initials a person signs with: "HT", "MRK", "JPB", "JPVDB", and "JP" for "Jean-Pierre"."""
    words_ = name_words(full_name)
    if len(words_) < 2:
        return set()
    parts = [[p for p in re.split(r"[\-‐‑.'’]+", word) if p] for word in words_]  # noqa: RUF001
    core = [p for word_parts in parts for p in word_parts if p.lower() not in PARTICLES]
    every = [p for word_parts in parts for p in word_parts]
    # "Abd el-Nour" is signed "A.N.", "A.E.N." or "E.N."; "Ó Conchúir" "C." or "O.C."
    loose = [
        p for word, word_parts in zip(words_, parts, strict=True) if word.lower() not in _LOOSE for p in word_parts
    ]
    forms = {"".join(p[0] for p in core), "".join(p[0] for p in every), "".join(p[0] for p in loose)}
    if len(core) >= 3:
        forms.add(core[0][0] + core[-1][0])
    given_parts = parts[0]
    if len(given_parts) > 1:
        forms.add("".join(p[0] for p in given_parts))  # "J.-P." for Jean-Pierre
    return {form.upper() for form in forms if 2 <= len(form) <= 5 and form.isalpha()}


def handle_forms(tokens: list[str]) -> set[str]:
    """Return how a name is written as a handle or e-mail local part: "jdoe", "janedoe", "doej", "jane_d"."""
    core = [t for t in tokens if t not in PARTICLES and len(t) >= 2]
    if len(core) < 2:
        return set()
    given, surname = core[0], core[-1]
    glued_surname = "".join(t for t in tokens[tokens.index(given) + 1 :])  # "vanderberg"
    forms = {
        given + surname,
        transliterate(given + surname),
        given[0] + transliterate(surname),
        given[0] + surname,
        surname + given,
        surname + given[0],
        given + surname[0],
        given[0] + glued_surname,
        given + glued_surname,
        "".join(t[0] for t in core[:-1]) + surname,
    }
    for index, token in enumerate(tokens):
        if token in PARTICLES and index > tokens.index(given):
            forms |= {given[0] + "".join(tokens[index:]), given + "".join(tokens[index:])}  # "a.elnour"
    return {form for form in forms if len(form) >= 4 and form not in COMMON_WORDS}


def particle_variants(word: str) -> set[str]:
    """Return the transliterations of an Arabic article: "al-Hassan" is also "el-Hassan", "Elhassan"."""
    tokens = fold_tokens(word)
    if len(tokens) < 2 or tokens[0] not in ("al", "el", "ul"):
        return set()
    rest = "".join(tokens[1:])
    return {prefix + rest for prefix in ("al", "el")}


_STATE_FORM_WORDS = words(
    "republic kingdom state states federal federated democratic people's peoples people s union commonwealth"
    " principality independent territory territorial collectivity country nation federation of the and special"
    " administrative region socialist united"
)


def official_head(official_name: str) -> str:
    """Return what comes before "of" in an official name ("Plurinational State"), or ""."""
    head = re.split(r"\s+of\s+", official_name, maxsplit=1)[0]
    return "" if head == official_name else head


def official_fragments(official_name: str, short_name: str, shared_by: int = 1) -> set[str]:
    """Return the distinctive part of a State's official name: "Plurinational State", "Hashemite Kingdom".

    Only fragments with a word that is no mere form of government ("Republic of" names nobody).
    """
    head = official_head(official_name)
    if not head:
        return set()
    if short_name in head:
        return {head}  # "Hong Kong Special Administrative Region": no "Special Administrative Region" left
    fragments = set()
    head_words = head.split()
    distinctive = [w for w in head_words if w.lower() not in _STATE_FORM_WORDS]
    if distinctive or (len(head_words) >= 2 and shared_by <= 2):
        fragments.add(head)  # "Plurinational State"; "Democratic Socialist Republic" (Sri Lanka alone)
        for word in distinctive:
            if word.lower() not in COMMON_WORDS and len(word) >= 6:
                fragments.add(word)  # "Plurinational", "Hashemite", "Sultanate"
    return fragments
