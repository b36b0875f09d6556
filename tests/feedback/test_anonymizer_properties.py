"""Properties of the anonymizer over generated registries and texts (hypothesis)."""

import re
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback.anonymizer import PLACEHOLDERS, Anonymizer, Identity
from feedback.anonymizer.lexicon import COMMON_WORDS, MONTHS, PARTICLES, SUBSTANCE_TOKENS
from feedback.anonymizer.text import fold_tokens
from participants.countries import COUNTRIES
from tests.corpus import templates

SYLLABLES = (
    "ka",
    "ri",
    "mo",
    "tse",
    "lu",
    "van",
    "dra",
    "ko",
    "shi",
    "ne",
    "gu",
    "bre",
    "zo",
    "mi",
    "ta",
    "ö",
    "ü",
    "é",
    "ñ",
    "ø",
    "ç",
    "ł",
    "ya",
    "ix",
    "qu",
    "th",
    "rh",
    "ol",
    "ang",
    "ei",
)
FILLERS = tuple(re.sub(r"<<|>>", "", sentence) for sentence in templates.WITHOUT_IDENTITIES)
FILLER_TOKENS = frozenset(token for sentence in FILLERS for token in fold_tokens(sentence))
ORDINARY = COMMON_WORDS | SUBSTANCE_TOKENS | MONTHS | FILLER_TOKENS | PARTICLES


def _distinctive(word: str) -> bool:
    tokens = fold_tokens(word)
    return bool(tokens) and all(len(t) >= 3 and t not in ORDINARY for t in tokens)


name_part = (
    st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4)
    .map(lambda parts: "".join(parts).capitalize())
    .filter(_distinctive)
)
surname = st.one_of(
    name_part,
    st.tuples(name_part, name_part).map("-".join),
    st.tuples(st.sampled_from(["van der", "de", "al-", "Ní", "bin", "da"]), name_part).map(
        lambda pair: pair[0] + pair[1] if pair[0].endswith("-") else f"{pair[0]} {pair[1]}"
    ),
)
person = st.tuples(name_part, surname)


@st.composite
def mention(draw, given_name: str, family: str) -> str:
    """Write a registered name the ways feedback does."""
    core = [t for t in re.split(r"[\s-]+", family) if t and t.lower() not in PARTICLES and t != "al-"][-1]
    forms = [
        f"{given_name} {family}",
        f"{family.upper()} {given_name}",
        f"{family.upper()}, {given_name}",
        f"Ms. {family}",
        f"Dr {core.upper()}",
        f"{given_name[0]}. {family}",
        f"{given_name}\n{family}",
        f"{given_name.lower()} {family.lower()}",
        f"{given_name}'s",
        f"{core}",
        f"{given_name} {family}".upper(),
    ]
    return draw(st.sampled_from(forms))


@st.composite
def registry_and_text(draw):
    """Return a registry and a feedback text that mentions some of its members."""
    people = draw(st.lists(person, min_size=1, max_size=6, unique_by=lambda p: p[0] + p[1]))
    identities = [Identity(f"{g} {s}") for g, s in people]
    sentences = []
    for given_name, family in draw(st.lists(st.sampled_from(people), min_size=1, max_size=4)):
        sentences.append(draw(st.sampled_from(FILLERS)))
        sentences.append(f"As {draw(mention(given_name, family))} noted, the template needs work.")
    separator = draw(st.sampled_from([" ", "\n", "  ", "\n\n", " \t"]))
    return identities, people, separator.join(sentences)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registry_and_text())
def test_no_registered_name_survives_redaction(case):
    identities, people, text = case
    anonymizer = Anonymizer.build(identities)

    output = anonymizer.redact(text).text

    remaining = set(fold_tokens(output))
    registered = {t for g, s in people for t in fold_tokens(f"{g} {s}") if t not in PARTICLES and len(t) > 2}
    assert remaining & registered == set()
    assert anonymizer.scan(output) == ()


FIXED = Anonymizer.build(
    [
        Identity("Ingrid Marie Johansson", "ingrid.johansson@mfa.no", "+47 22 24 36 00"),
        Identity("Jean-Pierre van der Berg", "jp@pcsab.org", "", "pcsab.org", "Pacific Customs Board", "PCSAB"),
        Identity("Theresa May"),
        Identity("Hope Young", organisation="Arms Control Trust", acronym="ACT"),
        Identity("Aoife Ní Bhriain", acronym="SAFE"),
    ]
)
FRAGMENTS = (
    "Ingrid",
    "Johansson",
    "May",
    "Young",
    "Hope",
    "Page",
    "PCSAB",
    "SAFE",
    "ACT",
    "safe",
    "Peru",
    "French",
    "Peruvian",
    "the",
    "Ms",
    "Ms.",
    "Dr",
    "J.",
    "'s",
    "’s",  # noqa: RUF001
    "van der Berg",
    "Ní",
    "Bhriain",
    "@",
    " at ",
    " dot ",
    "pcsab.org",
    ".org",
    "+41",
    "22 917",
    "2026",
    "-",
    "\n",
    ", ",
    " and ",
    "(",
    ")",
    "[",
    "]",
    "UK",
    "U.K.",
    "United Kingdom",
    "in",
    "into",
    "Spanish",
    "version",
    "said",
    "Ambassador",
    "OKONKWO",
    "Chidi",
    *PLACEHOLDERS,
)
feedback_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6), st.sampled_from([" ", " ", "  ", ". "])),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(feedback_like)
def test_a_redacted_text_always_scans_clean(text):
    output = FIXED.redact(text).text

    assert FIXED.scan(output) == ()


@settings(max_examples=300, deadline=None)
@given(feedback_like)
def test_findings_are_ordered_disjoint_and_quote_the_original(text):
    findings = FIXED.scan(text)

    assert all(text[f.start : f.end] == f.text for f in findings)
    assert all(a.end <= b.start for a, b in pairwise(findings))
    assert all(f.placeholder in PLACEHOLDERS for f in findings)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FILLERS), min_size=1, max_size=5).map(" ".join))
def test_feedback_without_identities_is_left_alone(text):
    assert FIXED.redact(text).text == text


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(COUNTRIES), st.sampled_from(["In {}, officials", "As {}, we", "{}'s practice"]))
def test_every_state_name_is_removed_in_context(country, frame):
    for name in country.names:
        output = FIXED.redact(frame.format(name)).text

        assert FIXED.scan(output) == ()
        assert "[a State]" in output
