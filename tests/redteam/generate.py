"""The red-team generator: a registry and feedback written the way people really slip, by an adversary.

Independent of tests/corpus/ (other names, other templates, other mutations). Every text interleaves
derivable identity forms (acronyms from initials and domains, acronyms defined in the text, initials in
a name context, shortened organisation names, handles, official State names, particle spellings, former
names of renamed participants) with substance phrases that must survive, including phrases equal to
adversarial registrants' names.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from feedback.anonymizer import Identity
from participants.countries import COUNTRIES
from tests.redteam import sources

_PARTICLES = frozenset(["de", "la", "van", "den", "bin", "al", "el", "abd", "dos", "mac", "ó", "te"])
_OFFICIAL = [c for c in COUNTRIES if c.official_name != c.name]


@dataclass
class Person:
    given: str
    surname: str
    email: str
    former_surname: str = ""

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass
class Organisation:
    name: str
    domain: str
    acronym_on_file: str = ""


@dataclass
class Text:
    """A text built from pieces marked as identity (must go) or substance (must stay)."""

    parts: list[tuple[str, str]] = field(default_factory=list)  # (kind, text), kind in plain/leak/keep

    def add(self, kind: str, text: str) -> None:
        self.parts.append((kind, text))

    @property
    def text(self) -> str:
        return "".join(text for _kind, text in self.parts)

    def spans(self, wanted: str) -> list[tuple[int, int, str]]:
        found, position = [], 0
        for kind, text in self.parts:
            if kind == wanted:
                found.append((position, position + len(text), text))
            position += len(text)
        return found


@dataclass
class World:
    identities: list[Identity]
    texts: list[Text]
    people: list[Person]
    organisations: list[Organisation]


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def invented(self) -> str:
        return "".join(self.rng.choice(sources.SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def person(self, number: int) -> Person:
        rng = self.rng
        given = rng.choice(sources.GIVEN) if rng.random() < 0.6 else self.invented()
        surname = rng.choice(sources.SURNAMES) if rng.random() < 0.6 else self.invented()
        if rng.random() < 0.2:
            given = f"{given}-{self.invented()}"  # a hyphenated given name: "Nino-Kazo", initials "N.-K."
        local = re.sub(r"[^a-z]", "", given.split()[0].lower())[:1] + re.sub(r"[^a-z]", "", surname.lower())
        person = Person(given, surname, f"{local}{number}@mail{number % 7}.example.net")
        if rng.random() < 0.15:
            person.former_surname = self.invented()  # renamed since: the text may still use the old name
        return person

    def organisation(self) -> Organisation:
        rng = self.rng
        if rng.random() < 0.35:
            name = f"{rng.choice(sources.COMPANY_WORDS)} {self.invented()} {rng.choice(sources.LEGAL_FORMS)}"
        else:
            name = f"{rng.choice(sources.ORG_PLACES)} {rng.choice(sources.ORG_TOPICS)} {rng.choice(sources.ORG_HEADS)}"
        letters = "".join(word[0] for word in name.split() if word[0].isupper() and word not in sources.LEGAL_FORMS)
        domain = f"{letters.lower()}-{self.invented().lower()}.org" if rng.random() < 0.5 else f"{letters.lower()}.org"
        return Organisation(name, domain, letters if rng.random() < 0.3 else "")


def generate(*, seed: int = 11, people: int = 400, organisations: int = 60, texts: int = 600) -> World:
    """Return a registry (with adversarial registrants) and texts written about it."""
    gen = _Generator(seed)
    persons = [gen.person(number) for number in range(people)]
    orgs = [gen.organisation() for _ in range(organisations)]
    identities = []
    for index, person in enumerate(persons):
        org = orgs[(index // 3) % len(orgs)] if index % 3 == 0 else None
        country = "" if org else gen.rng.choice(_OFFICIAL).code
        identities.append(
            Identity(
                full_name=person.name,
                email=person.email,
                organisation=org.name if org else "",
                acronym=org.acronym_on_file if org else "",
                website=f"https://www.{org.domain}" if org else "",
                country=country,
            )
        )
        if person.former_surname:  # the registry keeps a renamed participant's former name
            identities.append(Identity(full_name=f"{person.given} {person.former_surname}", email=person.email))
    identities += [Identity(full_name=name) for name in sources.ADVERSARIAL_NAMES]
    world = World(identities, [], persons, orgs)
    world.texts = [_text(gen, world) for _ in range(texts)]
    return world


def _text(gen: _Generator, world: World) -> Text:
    text = Text()
    for number in range(gen.rng.randint(2, 4)):
        if number:
            text.add("plain", gen.rng.choice([" ", "\n", "\n\n"]))
        gen.rng.choice(_SENTENCES)(gen, world, text)
    if gen.rng.random() < 0.3:
        _sign_off(gen, world, text)
    return text


def _keep(gen: _Generator, text: Text) -> None:
    text.add("keep", gen.rng.choice(sources.SUBSTANCE))


def _initials(person: Person, gen: _Generator) -> str:
    words = [w for w in re.split(r"[\s]+", person.name) if w.lower() not in _PARTICLES]
    parts = [p for w in words for p in w.split("-") if p]
    letters = [p[0].upper() for p in parts]
    style = gen.rng.randrange(3)
    if style == 0:
        return ".".join(letters) + "."
    if style == 1:
        return ". ".join(letters) + "."
    return "".join(letters)


def _acronym_sentence(gen: _Generator, world: World, text: Text) -> None:
    org = gen.rng.choice(world.organisations)
    letters = "".join(w[0] for w in org.name.split() if w[0].isupper() and w not in sources.LEGAL_FORMS)
    form = gen.rng.choice([letters, ".".join(letters) + ".", org.domain.split(".")[0].split("-")[0].upper()])
    text.add("plain", "According to ")
    text.add("leak", form)
    text.add("plain", ", ")
    _keep(gen, text)
    text.add("plain", " needs work.")


def _defined_sentence(gen: _Generator, world: World, text: Text) -> None:
    org = gen.rng.choice(world.organisations)
    short = "".join(gen.rng.choice("BCDFGHKMNPRSTVWZ") for _ in range(gen.rng.randint(2, 4)))
    text.add("plain", "The ")
    text.add("leak", org.name.removesuffix(" Ltd").removesuffix(" GmbH"))
    text.add("plain", " (")
    text.add("leak", short)
    text.add("plain", ") reviewed ")
    _keep(gen, text)
    text.add("plain", "; later ")
    text.add("leak", short)
    text.add("plain", " agreed.")


def _short_org_sentence(gen: _Generator, world: World, text: Text) -> None:
    companies = [o for o in world.organisations if o.name.split()[-1] in sources.LEGAL_FORMS]
    if not companies:
        return _acronym_sentence(gen, world, text)
    org = gen.rng.choice(companies)
    words = org.name.split()
    form = gen.rng.choice(
        [" ".join(words[:-1]), words[0], f"{' '.join(words[:-1])} {gen.rng.choice(['Ltd.', 'SARL'])}"]
    )
    text.add("plain", "Engineers at ")
    text.add("leak", form)
    text.add("plain", " tested ")
    _keep(gen, text)
    text.add("plain", ".")
    return None


def _initials_sentence(gen: _Generator, world: World, text: Text) -> None:
    person = gen.rng.choice(world.people)
    initials = _initials(person, gen)
    frame = gen.rng.randrange(3)
    if frame == 0:
        text.add("leak", initials)
        text.add("plain", " said that ")
        _keep(gen, text)
        text.add("plain", " is unclear.")
    elif frame == 1:
        text.add("plain", "Per ")
        text.add("leak", initials)
        text.add("plain", ", ")
        _keep(gen, text)
        text.add("plain", " comes first.")
    else:
        _keep(gen, text)
        text.add("plain", " was raised by ")
        text.add("leak", initials)
        text.add("plain", ".")


def _ascii(word: str) -> str:
    """Write a name as a handle would: "Þorvaldsdóttir" -> "Thorvaldsdottir", "Løvaas" -> "Lovaas"."""
    word = word.translate(str.maketrans({"Þ": "Th", "þ": "th", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i"}))  # noqa: RUF001
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z]", "", plain)


def _handle_sentence(gen: _Generator, world: World, text: Text) -> None:
    person = gen.rng.choice(world.people)
    given = _ascii(person.given.split("-")[0].split()[0])
    surname = _ascii(person.surname.split()[-1])
    form = gen.rng.choice(
        [
            f"@{given[0].lower()}{surname.lower()}",
            f"@{given[0]}{surname}_{gen.invented()[:2].upper()}",
            f"{given.lower()}.{surname.lower()}",
            f"{given[0].lower()}.{surname.lower()}",
        ]
    )
    text.add("plain", "Ask ")
    text.add("leak", form)
    text.add("plain", " about ")
    _keep(gen, text)
    text.add("plain", ".")


def _renamed_sentence(gen: _Generator, world: World, text: Text) -> None:
    renamed = [p for p in world.people if p.former_surname]
    person = gen.rng.choice(renamed or world.people)
    surname = person.former_surname or person.surname
    text.add("plain", "As ")
    text.add("leak", gen.rng.choice([f"{person.given} {surname}", f"Dr {surname}", surname.upper()]))
    text.add("plain", " wrote, ")
    _keep(gen, text)
    text.add("plain", " should stay.")


def _head(official_name: str) -> str:
    return re.split(r"\s+of\s+", official_name)[0]


_HEADS = Counter(_head(country.official_name) for country in _OFFICIAL)


def _state_sentence(gen: _Generator, world: World, text: Text) -> None:
    country = gen.rng.choice(_OFFICIAL)
    head = _head(country.official_name)
    unique = head != country.official_name and _HEADS[head] == 1  # only one State is called that
    form = head if unique and gen.rng.random() < 0.5 else country.official_name
    text.add("plain", "The delegation of the ")
    text.add("leak", form)
    text.add("plain", " prefers ")
    _keep(gen, text)
    text.add("plain", ".")


def _particle_sentence(gen: _Generator, world: World, text: Text) -> None:
    arabic = [p for p in world.people if re.match(r"(?:al|Abd el)-", p.surname)]
    if not arabic:
        return _initials_sentence(gen, world, text)
    person = gen.rng.choice(arabic)
    core = person.surname.split("-")[-1]
    text.add("plain", "Thanks to ")
    text.add("leak", gen.rng.choice([f"El-{core}", f"Al {core}", f"El{core.lower()}", f"al-{core}"]))
    text.add("plain", " for ")
    _keep(gen, text)
    text.add("plain", ".")
    return None


def _adversary_sentence(gen: _Generator, world: World, text: Text) -> None:
    """Substance that equals an adversarial registrant's name, in ordinary sentences."""
    text.add("plain", gen.rng.choice(["Clearer ", "We found the ", "Please keep "]))
    _keep(gen, text)
    text.add("plain", gen.rng.choice([" in the next version.", " as it is.", ", thanks."]))


def _sign_off(gen: _Generator, world: World, text: Text) -> None:
    person = gen.rng.choice(world.people)
    text.add("plain", gen.rng.choice(["\n— ", "\n/", "\nBest,\n", "\n-- "]))
    text.add("leak", _initials(person, gen).replace(". ", "."))


_SENTENCES = (
    _acronym_sentence,
    _defined_sentence,
    _short_org_sentence,
    _initials_sentence,
    _handle_sentence,
    _renamed_sentence,
    _state_sentence,
    _particle_sentence,
    _adversary_sentence,
    _adversary_sentence,
)


@dataclass(frozen=True)
class Result:
    leaked: list[tuple[int, str]]
    leak_total: int
    damaged: list[tuple[int, str]]
    keep_total: int

    @property
    def kept_rate(self) -> float:
        return 1 - len(self.damaged) / self.keep_total if self.keep_total else 1.0


def measure(world: World, redact) -> Result:
    """Redact every text; count identity spans with a letter left and substance spans touched."""
    leaked, damaged, leak_total, keep_total = [], [], 0, 0
    for number, text in enumerate(world.texts):
        removed = [(f.start, f.end) for f in redact(text.text).findings]
        for start, end, piece in text.spans("leak"):
            leak_total += 1
            letters = [i for i in range(start, end) if text.text[i].isalnum()]
            if any(not any(s <= i < e for s, e in removed) for i in letters):
                leaked.append((number, piece))
        for start, end, piece in text.spans("keep"):
            keep_total += 1
            if any(s < end and start < e for s, e in removed):
                damaged.append((number, piece))
    return Result(leaked, leak_total, damaged, keep_total)
