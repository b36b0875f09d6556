"""Generate a registry and realistic feedback with identities embedded in every form.

Deterministic for a seed. Each sample knows which spans must disappear (identities) and which
must survive (substance), so a test can count leaks and over-redaction for any anonymizer.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from feedback.anonymizer import Identity
from participants.countries import COUNTRIES, Country
from tests.corpus import names, templates

TITLES = ("Ms", "Ms.", "Mr", "Mr.", "Dr", "Dr.", "Ambassador", "Prof.", "Colonel", "H.E. Mr.", "Mrs")
# Acronyms of the treaty and of file formats: no organisation would take them.
_SUBSTANCE_ACRONYMS = frozenset(
    ("ATT", "WGTR", "CSP", "PDF", "API", "CSV", "XML", "UTF", "SQL", "URL", "ISO", "DOC", "XLS", "JSON", "HTML", "FAQ")
)
_SLOT = re.compile(r"\{[A-Z]+\}|<<.*?>>")


@dataclass(frozen=True)
class Person:
    """A generated participant and the parts of their name."""

    identity: Identity
    given: str
    surname: str
    wordlike: bool


@dataclass(frozen=True)
class Sample:
    """One feedback text, with what must go and what must stay."""

    text: str
    leaks: tuple[str, ...]
    keeps: tuple[str, ...]
    leak_spans: tuple[tuple[int, int], ...]
    keep_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Corpus:
    """A generated registry and the texts written about its members."""

    identities: tuple[Identity, ...]
    samples: tuple[Sample, ...]


@dataclass(frozen=True)
class Score:
    """Leaks (identity spans not fully removed) and substance kept."""

    leaks: tuple[tuple[int, str], ...]
    leak_total: int
    damaged: tuple[tuple[int, str], ...]
    keep_total: int

    @property
    def leak_rate(self) -> float:
        return len(self.leaks) / self.leak_total if self.leak_total else 0.0

    @property
    def kept_rate(self) -> float:
        return 1 - len(self.damaged) / self.keep_total if self.keep_total else 1.0


def strip_accents(text: str) -> str:
    """Write a name as people without the keyboard for it do ("Muller", "Garcia Lopez")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(
        str.maketrans(
            {
                "ø": "o",
                "Ø": "O",
                "ß": "ss",
                "ł": "l",
                "Ł": "L",
                "ı": "i",  # noqa: RUF001
                "Þ": "Th",
                "þ": "th",
                "æ": "ae",
                "đ": "d",
            }
        )
    )


def _is_wordlike(part: str) -> bool:
    return part in names.WORD_SURNAMES or part in names.WORD_GIVEN_NAMES


class _Generator:
    """Draw participants and sentences from one random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[Person] = []
        self.orgs: list[tuple[str, str, str]] = []  # name, acronym, domain
        self.state_countries = [c for c in COUNTRIES if c.demonyms]

    # ---- registry -------------------------------------------------------------------------
    def registry(self, count: int) -> tuple[Identity, ...]:
        rng = self.rng
        self.orgs = self._organisations(max(12, count // 12))
        for index in range(count):
            culture = rng.choice(list(names.CULTURES))
            givens, surnames = names.CULTURES[culture]
            given = rng.choice(names.WORD_GIVEN_NAMES) if rng.random() < 0.06 else rng.choice(givens)
            surname = rng.choice(names.WORD_SURNAMES) if rng.random() < 0.12 else rng.choice(surnames)
            if rng.random() < 0.04:
                surname = f"{surname}-{rng.choice(names.CULTURES[rng.choice(list(names.CULTURES))][1])}"
            full = f"{given} {surname}"
            local = ".".join(re.findall(r"[a-z]+", strip_accents(full).lower()))
            if rng.random() < 0.5:
                country = rng.choice(self.state_countries)
                tld = "uk" if country.code == "GB" else country.code.lower()
                identity = Identity(full, f"{local}@mfa.gov.{tld}", self._phone(), "", "", "", country.code)
            else:
                org, acronym, domain = rng.choice(self.orgs)
                initials = local.split(".")[0][:1] + local.split(".")[-1]
                identity = Identity(
                    full, f"{initials}{index}@{domain}", self._phone(), f"https://www.{domain}", org, acronym, ""
                )
            wordlike = any(_is_wordlike(part) for part in re.split(r"[\s-]+", full))
            self.people.append(Person(identity, given, surname, wordlike))
        members = {p.identity.organisation for p in self.people}
        self.orgs = [org for org in self.orgs if org[0] in members]  # only registered ones can be known
        return tuple(p.identity for p in self.people)

    def _organisations(self, count: int) -> list[tuple[str, str, str]]:
        rng, orgs, seen = self.rng, [], set()
        for name, acronym in names.WORD_ACRONYM_ORGS:
            orgs.append((name, acronym, f"{acronym.lower()}-network.org"))
        while len(orgs) < count:
            words = [rng.choice(group) for group in names.ORG_WORDS]
            name = " ".join(words) if rng.random() < 0.6 else f"{words[0]} {words[2]} on {words[1]}"
            acronym = "".join(w[0] for w in name.split() if w[0].isupper())
            if len(acronym) < 3 or acronym in seen or acronym in _SUBSTANCE_ACRONYMS:
                continue
            seen.add(acronym)
            orgs.append((name, acronym, f"{acronym.lower()}.{rng.choice(['org', 'net', 'int', 'eu'])}"))
        return orgs

    def _phone(self) -> str:
        rng = self.rng
        code = rng.choice(["41", "47", "51", "44", "33", "27", "81", "234", "1", "61", "358"])
        groups = [
            str(rng.randint(10, 99)),
            str(rng.randint(100, 999)),
            str(rng.randint(10, 99)),
            str(rng.randint(10, 99)),
        ]
        return f"+{code} {' '.join(groups)}"

    # ---- sentences ------------------------------------------------------------------------
    def sample(self) -> Sample:
        rng = self.rng
        count = rng.randint(2, 5)
        pool = list(templates.WITH_IDENTITIES)
        sentences = []
        for _ in range(count):
            source = templates.WITHOUT_IDENTITIES if rng.random() < 0.3 else pool
            sentences.append(rng.choice(source))
        text, leaks, keeps = [], [], []
        position = 0
        for number, sentence in enumerate(sentences):
            if number:
                glue = rng.choice([" ", " ", " ", "\n", "\n\n", "  "])
                text.append(glue)
                position += len(glue)
            for piece, kind in self._fill(sentence):
                if kind == "leak":
                    leaks.append((position, position + len(piece)))
                elif kind == "keep":
                    keeps.append((position, position + len(piece)))
                text.append(piece)
                position += len(piece)
        joined = "".join(text)
        return Sample(
            joined,
            tuple(joined[s:e] for s, e in leaks),
            tuple(joined[s:e] for s, e in keeps),
            tuple(leaks),
            tuple(keeps),
        )

    def _fill(self, sentence: str) -> list[tuple[str, str]]:
        pieces: list[tuple[str, str]] = []
        position = 0
        for match in _SLOT.finditer(sentence):
            pieces.append((sentence[position : match.start()], "plain"))
            token = match.group()
            if token.startswith("<<"):
                pieces.append((token[2:-2], "keep"))
            else:
                pieces += self._slot(token[1:-1])
            position = match.end()
        pieces.append((sentence[position:], "plain"))
        return [(text, kind) for text, kind in pieces if text]

    def _slot(self, slot: str) -> list[tuple[str, str]]:
        rng = self.rng
        if slot in ("P", "PV", "PP"):
            person = rng.choice(self.people)
            pieces = self._person(person, subject=slot == "PV", possessive=slot == "PP")
            if slot == "PV":
                pieces.append((" " + rng.choice(templates.REPORTING_VERBS), "plain"))
            if slot == "PP":
                pieces.append((rng.choice(["'s", "\u2019s"]), "plain"))
            return pieces
        if slot == "Q":
            title = rng.choice(["Ambassador", "Dr", "Dr.", "Ms", "Mr.", "Prof.", "Colonel"])
            return [(title + " ", "plain"), (rng.choice(names.UNREGISTERED_SURNAMES), "leak")]
        if slot in ("O", "OP"):
            name, acronym, domain = rng.choice(self.orgs)
            text = rng.choice([name, acronym, acronym]) if slot == "O" else rng.choice([name, acronym])
            return [(text, "leak")] + ([(rng.choice(["'s", "\u2019s"]), "plain")] if slot == "OP" else [])
        if slot in ("C", "CP"):
            country = rng.choice(COUNTRIES)
            pieces = [(self._country_name(country), "leak")]
            return pieces + ([("'s", "plain")] if slot == "CP" else [])
        if slot == "D":
            country = rng.choice(self.state_countries)
            return [(rng.choice(country.demonyms), "leak")]
        if slot == "DP":
            country = rng.choice([c for c in self.state_countries if c.demonym_plurals])
            return [(rng.choice(country.demonym_plurals), "leak")]
        if slot == "E":
            return [(self._email(rng.choice(self.people).identity.email), "leak")]
        if slot == "T":
            return [(self._phone_form(rng.choice(self.people).identity.phone), "leak")]
        if slot == "W":
            _, _, domain = rng.choice(self.orgs)
            form = rng.choice([f"https://www.{domain}", f"www.{domain}", domain, f"{domain}/reports"])
            return [(form, "leak")]
        raise ValueError(slot)

    def _person(self, person: Person, *, subject: bool, possessive: bool) -> list[tuple[str, str]]:
        rng = self.rng
        given, surname = person.given, person.surname
        first_given = given.split()[0]
        title = rng.choice(TITLES)
        forms = [
            "full",
            "full",
            "title_surname",
            "title_full",
            "un",
            "un_comma",
            "initials",
            "linebreak",
            "plain_accents",
            "upper_full",
            "title_upper",
        ]
        distinctive_surname = not any(_is_wordlike(p) for p in re.split(r"[\s-]+", surname))
        distinctive_given = not _is_wordlike(first_given)
        if distinctive_surname or subject or possessive:
            forms += ["surname", "surname"]
        if distinctive_given and (distinctive_surname or subject or possessive):
            forms += ["given"]
        if not person.wordlike:
            forms += ["lower", "translit"]
        form = rng.choice(forms)
        if form == "full":
            return [(f"{given} {surname}", "leak")]
        if form == "title_surname":
            return [(title + " ", "plain"), (surname, "leak")]
        if form == "title_full":
            return [(title + " ", "plain"), (f"{given} {surname}", "leak")]
        if form == "un":
            return [(f"{surname.upper()} {given}", "leak")]
        if form == "un_comma":
            return [(f"{surname.upper()}, {given}", "leak")]
        if form == "title_upper":
            return [(title + " ", "plain"), (surname.upper(), "leak")]
        if form == "initials":
            letters = [part[0].upper() for part in re.split(r"[\s-]+", given) if part]
            forms = [". ".join(letters) + ".", ".".join(letters) + "."]
            if len(letters) > 1:  # "J-P"; a lone "A" without its dot reads as the article
                forms.append("-".join(letters))
            initials = rng.choice(forms)
            return [(f"{initials} {surname}", "leak")]
        if form == "linebreak":
            return [(f"{given}\n{surname}", "leak")]
        if form == "plain_accents":
            return [(strip_accents(f"{given} {surname}"), "leak")]
        if form == "upper_full":
            return [(f"{given} {surname}".upper(), "leak")]
        if form == "surname":
            return [(surname, "leak")]
        if form == "given":
            return [(first_given, "leak")]
        if form == "lower":
            return [(f"{given} {surname}".lower(), "leak")]
        translit = f"{given} {surname}"
        for letter, spelled in (
            ("ü", "ue"),
            ("ö", "oe"),
            ("ä", "ae"),
            ("Ü", "Ue"),
            ("Ö", "Oe"),
            ("Ä", "Ae"),
            ("ß", "ss"),
        ):
            translit = translit.replace(letter, spelled)
        return [(translit, "leak")]

    def _country_name(self, country: Country) -> str:
        return self.rng.choice(country.names)

    def _email(self, email: str) -> str:
        local, _, domain = email.partition("@")
        form = self.rng.randrange(5)
        if form == 0:
            return email
        if form == 1:
            return f"{local} at {domain.replace('.', ' dot ')}"
        if form == 2:
            return f"{local} [at] {domain.replace('.', ' [dot] ')}"
        if form == 3:
            return f"{local}(at){domain}"
        return f"<{email}>"

    def _phone_form(self, phone: str) -> str:
        code, _, rest = phone[1:].partition(" ")
        form = self.rng.randrange(4)
        if form == 0:
            return phone
        if form == 1:
            return "0" + rest
        if form == 2:
            return f"+{code}.{rest.replace(' ', '.')}"
        return f"+{code} (0){rest}"


def generate(*, seed: int = 2026, identities: int = 3000, texts: int = 2000) -> Corpus:
    """Return a registry of generated participants and feedback texts about them."""
    generator = _Generator(seed)
    registry = generator.registry(identities)
    samples = tuple(generator.sample() for _ in range(texts))
    return Corpus(registry, samples)


def score(samples: Sequence[Sample], removed: Iterable[Sequence[tuple[int, int]]]) -> Score:
    """Count identity spans not wholly removed and substance spans touched by a removal."""
    leaks, damaged, leak_total, keep_total = [], [], 0, 0
    for number, (sample, spans) in enumerate(zip(samples, removed, strict=True)):
        spans = sorted(spans)
        for start, end in sample.leak_spans:
            leak_total += 1
            if not _covered(sample.text, spans, start, end):
                leaks.append((number, sample.text[start:end]))
        for start, end in sample.keep_spans:
            keep_total += 1
            if any(s < end and start < e for s, e in spans):
                damaged.append((number, sample.text[start:end]))
    return Score(tuple(leaks), leak_total, tuple(damaged), keep_total)


def _covered(text: str, spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether every letter and digit of a span lies inside some removed span."""
    return all(any(s <= index < e for s, e in spans) for index in range(start, end) if text[index].isalnum())
