"""The Anonymizer: one pass of the matcher, then the context rules, then non-overlapping spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from feedback.anonymizer import patterns, signs
from feedback.anonymizer.definitions import defined_acronyms
from feedback.anonymizer.index import (
    COUNTRY,
    DIGIT,
    DOMAIN,
    GIVEN,
    LANGUAGE,
    NAME,
    ORG,
    PLACE,
    PROTECT,
    TITLE,
    Index,
    build_index,
)
from feedback.anonymizer.lexicon import COMMON_WORDS, SUBSTANCE_PHRASES, words
from feedback.anonymizer.people import NameHit, registered_people
from feedback.anonymizer.states import CountryHit, LanguageHit, states
from feedback.anonymizer.strangers import titled_person, upper_case_names, upper_case_neighbour
from feedback.anonymizer.suspicious import doubtful_tokens
from feedback.anonymizer.text import fold, has_line_break_hyphen
from feedback.anonymizer.types import (
    EMAIL,
    ORGANISATION,
    PHONE,
    PLACE_PLACEHOLDER,
    PLACEHOLDERS,
    WEBSITE,
    Finding,
    Identity,
    Redaction,
)

Candidate = tuple[int, int, str, str, int]  # start, end, kind, placeholder, priority
PRIORITY = {"email": 7, "url": 6, "phone": 5, "organisation": 3, "place": 1}
_NON_SPACE = re.compile(r"\S*")
_AT_SIGN = re.compile("@")
_COMPOUND_BREAK = re.compile(r"[^\w\s'\u2019\-\u2010\u2011]")
PROTECTED_WORDS = frozenset(word for phrase in SUBSTANCE_PHRASES for word in phrase.split())
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
_BLANKS = frozenset(" \t\u00a0")  # what separates an article from the word it introduces
_ARTICLE_ENDS = frozenset("eEaAn")  # the last letters of the articles _ARTICLE_BEFORE takes in
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(?:the|The|THE|a|A|an|An)[ \t\u00a0]+\Z")  # noqa: RUF001
_LOCAL_BEFORE = re.compile(r"(?<![\w.@])([\w.+\-]+)\s+at\s+$", re.IGNORECASE)


class Anonymizer:
    """Remove every identity of a registry, and every State, from free text.

    Build once per registry (it compiles one Aho-Corasick automaton), then call redact or scan
    for as many texts as needed; both are pure and thread-safe.
    """

    def __init__(self, index: Index) -> None:
        self._index = index

    @classmethod
    def build(cls, identities: Iterable[Identity], *, min_cell: int = 3) -> Anonymizer:
        """Compile the matcher for these identities (any status, tombstones included).

        min_cell: a region with fewer registered States than this identifies them, and goes.
        """
        return cls(build_index(identities, min_cell))

    def redact(self, text: str) -> Redaction:
        """Return the text with every finding replaced by its placeholder."""
        candidates, watch = self._candidates(text)
        findings, output, starts, ends = _settled(text, candidates)
        if not watch or not findings or not _context_changed(text, starts, ends, watch):
            redaction = _new_instance(Redaction)  # without the frozen dataclass's per-field __setattr__
            _set_attribute(redaction, "__dict__", {"text": output, "findings": findings})
            return redaction
        for _ in range(3):  # a replacement may reveal a name context; settle it (rarely runs twice)
            leftovers = self._findings(output)
            if not leftovers:
                break
            findings = _merge_back(text, findings, leftovers, output)
            output = _apply(text, findings)
        return Redaction(output, findings)

    def scan(self, text: str, kept_places: list[tuple[int, int]] | None = None) -> tuple[Finding, ...]:
        """Return what redact would replace: the leak gate blocks on any of it.

        kept_places, when given, receives the capitals and regions left in place (see places_left).
        """
        return self._resolved(text, self._candidates(text, kept_places)[0])

    def suspicious(self, text: str) -> tuple[Finding, ...]:
        """Return capitalised words left in place that may still be names, for the Chair to review."""
        kept_places: list[tuple[int, int]] = []
        found, _ = self._candidates(text, kept_places)
        covered = [(start, end) for start, end, *_ in found]
        doubtful = self._doubtful_spans(text)
        flagged = doubtful_tokens(text, covered, doubtful, self._index.name_lexicon)
        places = tuple(
            Finding("place", start, end, text[start:end], PLACE_PLACEHOLDER, certain=False)
            for start, end in kept_places
            if not any(f.start < end and start < f.end for f in flagged)
        )
        return tuple(sorted(flagged + places, key=lambda f: f.start))

    def places_left(self, text: str) -> int:
        """Count capital cities and regions left in place (they point at no participant's State)."""
        kept_places: list[tuple[int, int]] = []
        self._candidates(text, kept_places)
        return len(kept_places)

    def _doubtful_spans(self, text: str) -> list[tuple[int, int]]:
        return upper_case_names(text, self._index.name_lexicon)[1]

    def _findings(self, text: str) -> tuple[Finding, ...]:
        return self._resolved(text, self._candidates(text)[0])

    @staticmethod
    def _resolved(text: str, candidates: list[Candidate]) -> tuple[Finding, ...]:
        findings = []
        for start, end, kind, placeholder in _resolve(text, candidates):
            findings.append(_finding(text, start, end, kind, placeholder))
        return tuple(findings)

    def _candidates(
        self, text: str, kept_places: list[tuple[int, int]] | None = None
    ) -> tuple[list[Candidate], list[tuple[int, int, int]]]:
        """Return every candidate span, and the hits whose fate depends on the words around them."""
        blanks = tuple(m.span() for m in _PLACEHOLDER.finditer(text)) if "[" in text else ()
        watch: list[tuple[int, int, int]] = []
        candidates = self._registry_candidates(text, blanks, False, watch, kept_places)
        if has_line_break_hyphen(text):
            candidates += self._registry_candidates(text, blanks, True, watch)
        if "(" in text:
            organisations = [c for c in candidates if c[2] == "organisation"]
            candidates += defined_acronyms(text, organisations) if organisations else []
        index = self._index
        candidates += signs.initials(text, index.initials) if index.initials else []
        dots = patterns.word_dots(text)  # read once: handles and addresses both start from them
        candidates += signs.handles(text, index.handles, dots)
        candidates += _addresses(text, watch, dots)
        if blanks:
            candidates = [c for c in candidates if not any(s < c[1] and c[0] < e for s, e in blanks)]
        return candidates, watch

    def _registry_candidates(
        self,
        text: str,
        blanks: tuple,
        join: bool,
        watched: list[tuple[int, int, int]],
        kept_places: list[tuple[int, int]] | None = None,
    ) -> list[Candidate]:
        """Run the automaton once and hand each kind of hit to its rules."""
        folded = fold(text, join_line_breaks=join, blanks=blanks)
        norm = folded.text
        whole = folded.words_are_whole
        norm_starts, orig_starts = folded.offsets()  # the offset map, inlined below (see Folded.start)
        names: list[NameHit] = []
        countries: list[CountryHit] = []
        languages: list[LanguageHit] = []
        others: list[tuple] = []
        protected: list[tuple[int, int]] = []
        titles: list[int] = []
        givens: list[tuple[int, int]] = []
        digits: list[int] = []
        places: list[tuple] = []
        add_digit, add_name, add_given, add_watch = digits.append, names.append, givens.append, watched.append
        last_name_start, names_ordered = -1, True  # whether name hits come by start, none sharing one
        for end_index, (length, entries, one_word, sole) in self._index.automaton.iter(norm):
            if sole == DIGIT:
                add_digit(end_index)
                continue
            ns = end_index - length + 2
            if sole == PROTECT:
                protected.append((ns, end_index))
                continue
            run = bisect_right(norm_starts, ns) - 1
            start = orig_starts[run] + ns - norm_starts[run]
            end = start + end_index - ns if whole and one_word else folded.end(end_index)
            for entry in entries:
                kind = entry[0]
                if kind == NAME:
                    if not one_word and _COMPOUND_BREAK.search(text, start, end):
                        continue  # "the field. MENSAH" is not the compound surname "Field-Mensah"
                    add_name(new_hit(NameHit, (ns, end_index, start, end, entry[1], entry[3])))
                    if ns <= last_name_start:
                        names_ordered = False
                    last_name_start = ns
                    if text[start].isupper():  # lower-case words only matter beside a name, not alone
                        if text[end + 1 : end + 3].isupper() or text[max(0, start - 3) : start - 1].isupper():
                            add_given((start, end))  # an upper-case word beside it: "Chidi OKONKWO"
                        if entry[1] or end_index - ns <= 2:
                            add_watch((start, end, 10))
                elif kind == COUNTRY:
                    countries.append(new_hit(CountryHit, (ns, end_index, start, end, *entry[2:])))
                elif kind in (ORG, DOMAIN):
                    others.append((start, end, entry))
                elif kind == GIVEN:
                    if text[end + 1 : end + 3].isupper() or text[max(0, start - 3) : start - 1].isupper():
                        add_given((start, end))
                elif kind == TITLE:
                    titles.append(start)
                elif kind == PROTECT:
                    protected.append((ns, end_index))
                elif kind == LANGUAGE:
                    languages.append(LanguageHit(ns, end_index, start, end))
                    add_watch((start, end, 12))
                elif kind == PLACE:
                    places.append((start, end, entry[1]))
        if protected:
            names = [h for h in names if norm[h.ns : h.ne] not in PROTECTED_WORDS or not _inside(h, protected)]
            countries = [h for h in countries if norm[h.ns : h.ne] not in PROTECTED_WORDS or not _inside(h, protected)]
        # demonyms (language names, varieties) depend on their neighbours; protected ones do not
        if countries:
            watched.extend((h.start, h.end, 12) for h in countries if h.form != "name")
        index = self._index
        candidates = (
            registered_people(
                text, folded, names, index.identity_tokens, index.given_words, index.phrase_words, names_ordered
            )
            if names
            else []
        )
        for start, end, remove in places:
            if not text[start].isupper():
                continue  # "the capital" or "nice" in lower case are no places
            if remove:
                candidates.append((start, end, "place", PLACE_PLACEHOLDER, PRIORITY["place"]))
            elif kept_places is not None:
                kept_places.append((start, end))
        if countries:
            candidates += states(text, norm, countries, languages)
        add = candidates.append  # the rules below may find nothing (None): only what they find goes in
        for start in titles:
            found = titled_person(text, start, index.name_lexicon)
            if found:
                add(found)
        for start, end in givens:
            found = upper_case_neighbour(text, start, end, index.acronyms)
            if found:
                add(found)
        for start, end, entry in others:
            found = _organisation_or_domain(text, start, end, entry)
            if found:
                add(found)
        if digits:
            candidates += _phones(text, folded, norm, digits, index.phone_suffixes, watched)
        return candidates


def _context_changed(text: str, starts: list[int], ends: list[int], watch: list[tuple[int, int, int]]) -> bool:
    """Tell whether a context-dependent hit that stayed has a replacement within its reach.

    Only ordinary-word names, language-like demonyms and dotted words depend on what is around
    them, so only they can change fate once a neighbour is replaced, and not across the end of a
    sentence; redact checks its output again only then. starts and ends are the findings' (sorted,
    never overlapping: so are their ends).
    """
    count = len(starts)
    for start, end, reach in watch:
        near = False
        index = bisect_right(ends, start - reach)  # the first finding ending within reach
        while index < count and starts[index] < end + reach:
            span_start, span_end = starts[index], ends[index]
            if span_start <= start and end <= span_end:
                near = False
                break
            between = text[end:span_start] if span_start >= end else text[span_end:start]
            near = near or not _SENTENCE_END.search(between)
            index += 1
        if near:
            return True
    return False


_SENTENCE_END = re.compile(r"[.!?;] ")
new_hit = tuple.__new__  # builds a NamedTuple without its Python-level __new__ (a hot path)
_new_instance = object.__new__
_set_attribute = object.__setattr__


def _inside(hit: NameHit | CountryHit, spans: list[tuple[int, int]]) -> bool:
    return any(s <= hit.ns and hit.ne <= e and (s, e) != (hit.ns, hit.ne) for s, e in spans)


def _organisation_or_domain(text: str, start: int, end: int, entry: tuple) -> Candidate | None:
    """Check an organisation or domain hit against its case and spelling rules."""
    original = text[start:end]
    if entry[0] == DOMAIN:
        if any(ch.isspace() for ch in original):
            return None  # "MFA no longer..." is not "mfa.no"
        return (start, end, "url", WEBSITE, PRIORITY["url"])
    _, _owners, exact, needs_capital = entry
    if exact is not None and _NOT_ALNUM.sub("", original) != exact:
        return None  # "SAFE" the acronym, not "safe" the word
    if needs_capital and not all(word[:1].isupper() for word in original.split() if word.lower() not in _ORG_SMALL):
        return None
    if exact is not None and "." in original and text[end : end + 1] == "." and not text[end + 1 : end + 3].istitle():
        end += 1  # "P.C.S.A.B." mid-sentence: its last dot is the acronym's
    after = text[end : end + 2]
    legal_form = (
        _LEGAL_FORM_AFTER.match(text, end)
        if after[:1] == "," or (after[:1] == " " and after[1:] in _LEGAL_FORM_STARTS)
        else None
    )
    if legal_form:
        end = legal_form.end()  # "Acme Dynamics GmbH": no fragment left behind
    return (start, end, "organisation", ORGANISATION, PRIORITY["organisation"])


_LEGAL_FORM_AFTER = re.compile(
    r",?[ \t\u00a0]+(?:Ltd|Limited|Inc|LLC|LLP|plc|PLC|Corp|Corporation|GmbH|gGmbH|AG|S\.?A\.?S?|SARL|S\.?p\.?A\.?"
    r"|S\.?r\.?l\.?|B\.?V\.?|N\.?V\.?|Pty|AB|Oy|ASA|e\.\s?V)\.?(?![\w])"
)


# What may follow "Acme Dynamics " in a legal form (a first letter, or more spaces): a cheap test before the regex.
_LEGAL_FORM_STARTS = frozenset("LIpPCGgASBNOe \t\u00a0")
_NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum refuses, as one pass in C
_ORG_SMALL = words("and of the for on in to at de la le des du et y para pour por del di da")


def _addresses(text: str, watch: list[tuple[int, int, int]], dots: list[int]) -> list[Candidate]:
    """Return e-mails and websites, whoever they belong to; cheap guards skip most texts.

    Dots and @ signs that end up in no address are watched: their words' edges may change.
    """
    candidates: list[Candidate] = []
    hints = [m.start() for m in _AT_SIGN.finditer(text)] if "@" in text else []
    if hints:
        candidates += [(*m.span(), "email", EMAIL, PRIORITY["email"]) for m in patterns.email_matches(text, hints)]
    loose_at = bool(hints) and any(not any(c[0] <= h < c[1] for c in candidates) for h in hints)
    if loose_at or _obfuscated(text.lower()):  # "@" outside a plain address, "dot", "(at)"
        candidates += _obfuscated_emails(text)
    dotted = patterns.dotted_positions(text, dots) if "." in text else []
    if dotted and candidates:
        dotted = [p for p in dotted if not any(c[0] <= p < c[1] for c in candidates)]  # inside an e-mail
    if dotted:
        candidates += _websites(text, dotted)
    for position in hints + dotted:
        if not any(c[0] <= position < c[1] for c in candidates):
            start, end = _word_around(text, position)  # a replacement touching this word may make it an address
            watch.append((start, end, 1))
    return candidates


def _obfuscated(lowered: str) -> bool:
    """Tell whether a text with no loose "@" may spell an address to dodge spam filters.

    The address pattern then needs an "at" or a "dot" in brackets, or "dot" as a word ("anecdote" is not).
    """
    if "dot" in lowered and _SPELT_DOT.search(lowered):
        return True
    return "(at)" in lowered or "[at]" in lowered or "{at}" in lowered or "<at>" in lowered


_SPELT_DOT = re.compile(r"[(\[{<]dot[)\]}>]|\sdot\s")


def _obfuscated_emails(text: str) -> list[Candidate]:
    candidates = []
    for match in patterns.obfuscated_matches(text):
        is_address, _host = patterns.split_obfuscated(match["local"], match["at"], match["domain"])
        if is_address:
            candidates.append((match.start(), match.end(), "email", EMAIL, PRIORITY["email"]))
        elif patterns.is_website(".".join(re.split(r"\W+", match["domain"].strip()))):
            candidates.append((match.start("domain"), match.end(), "url", WEBSITE, PRIORITY["url"]))
    return candidates


def _websites(text: str, dotted: list[int]) -> list[Candidate]:
    candidates = []
    for match in patterns.website_matches(text, dotted):
        url = patterns.clean_url(match.group())
        if not patterns.is_website(url):
            continue
        start, end = match.start(), match.start() + len(url)
        local = _LOCAL_BEFORE.search(text, max(0, start - 64), start) if _ends_with_at(text, start) else None
        if local and local.group(1).lower() not in COMMON_WORDS:
            candidates.append((local.start(), end, "email", EMAIL, PRIORITY["email"]))  # "jdoe at x.org"
        else:
            candidates.append((start, end, "url", WEBSITE, PRIORITY["url"]))
    return candidates


def _word_around(text: str, position: int) -> tuple[int, int]:
    """Return the run of non-space characters around position."""
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position), text.rfind("\t", 0, position)) + 1
    end = _NON_SPACE.match(text, position).end()  # type: ignore[union-attr]  # * always matches
    while end > position + 1 and text[end - 1] in ".,;:!?)'\"":
        end -= 1  # the sentence's punctuation is not part of the word
    return start, end


def _ends_with_at(text: str, position: int) -> bool:
    """Tell whether " at " comes right before position ("jdoe at pcsab.org")."""
    before = text[max(0, position - 6) : position].rstrip()
    return before[-2:].lower() == "at" and before[-3:-2].isspace()


def _phones(
    text: str, folded, norm: str, digits: list[int], suffixes: frozenset[str], watch: list[tuple[int, int, int]]
) -> list[Candidate]:
    """Check runs of number tokens with seven digits or more against the phone rules.

    A long run that is no phone is watched: the character before it decides where a number starts.
    """
    candidates: list[Candidate] = []
    runs: list[tuple[int, int]] = []  # (first token start, last token end) of runs with seven digits or more
    run_start = run_end = -2
    count = 0
    for ns in digits:
        ne = norm.find(" ", ns)
        if ns == run_end + 1:
            run_end, count = ne, count + ne - ns
            continue
        if count >= 7:
            runs.append((run_start, run_end))
        run_start, run_end, count = ns, ne, ne - ns
    if count >= 7:
        runs.append((run_start, run_end))
    for ns, ne in runs:
        run_start, run_end = folded.start(ns), folded.end(ne)
        found = len(candidates)
        for match in patterns.PHONE.finditer(text, max(0, run_start - 3), run_end + 3):
            number = match.group()
            before = text[max(0, match.start() - 24) : match.start()]
            if len(number) >= 7 and patterns.is_phone(number, before, suffixes):
                start, end = match.span()
                if number.endswith(")") and number.count("(") < number.count(")"):
                    end -= 1  # "(tel. +41 22 917 12 34)": the bracket is the sentence's
                candidates.append((start, end, "phone", PHONE, PRIORITY["phone"]))
        if len(candidates) == found:
            watch.append((max(0, run_start - 2), run_end, 2))
    return candidates


def _resolve(text: str, candidates: list[Candidate]) -> list[tuple[int, int, str, str]]:
    """Merge overlapping candidates into one span; the longest (then strongest) names the kind."""
    resolved: list[tuple[int, int, str, str]] = []
    # The span being merged (none yet: span_end -1), with the kind, placeholder and priority of its
    # longest (then strongest) candidate, and that candidate's length.
    span_start, span_end, span_kind, span_placeholder, span_priority, span_length = 0, -1, "", "", 0, 0
    for start, end, kind, placeholder, priority in sorted(candidates):
        if start < span_end:
            length = end - start
            if length > span_length or (length == span_length and priority > span_priority):
                span_kind, span_placeholder, span_priority, span_length = kind, placeholder, priority, length
            if end > span_end:
                span_end = end
            continue
        if span_end >= 0:
            resolved.append((span_start, span_end, span_kind, span_placeholder))
        span_start, span_end, span_kind, span_placeholder, span_priority = start, end, kind, placeholder, priority
        span_length = end - start
    if span_end >= 0:
        resolved.append((span_start, span_end, span_kind, span_placeholder))
    spans = []
    previous_end = 0
    for start, end, kind, placeholder in resolved:
        if (
            start
            and text[start - 1] in _BLANKS
            and (text[start - 2 : start - 1] in _ARTICLE_ENDS or text[start - 2 : start - 1] in _BLANKS)
            and placeholder.startswith(("[a ", "[an "))
        ):
            article = _ARTICLE_BEFORE.search(text, max(previous_end, start - 5), start)
            if article:
                start = article.start()
        spans.append((start, end, kind, placeholder))
        previous_end = end
    return spans


def _settled(text: str, candidates: list[Candidate]) -> tuple[tuple[Finding, ...], str, list[int], list[int]]:
    """Return the findings, the redacted text and the findings' starts and ends, built in one pass.

    The same as _resolved then _apply, without reading every finding back (redact's hot path).
    """
    findings, parts, starts, ends = [], [], [], []
    position = 0
    for start, end, kind, placeholder in _resolve(text, candidates):
        finding = _finding(text, start, end, kind, placeholder)
        findings.append(finding)
        parts.append(text[position:start])
        parts.append(placeholder)
        starts.append(start)
        ends.append(end)
        position = end
    if not findings:
        return (), text, starts, ends
    parts.append(text[position:])
    return tuple(findings), "".join(parts), starts, ends


def _apply(text: str, findings: tuple[Finding, ...]) -> str:
    parts, position = [], 0
    for finding in findings:
        parts.append(text[position : finding.start])
        parts.append(finding.placeholder)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def _merge_back(
    text: str, findings: tuple[Finding, ...], leftovers: tuple[Finding, ...], output: str
) -> tuple[Finding, ...]:
    """Map findings in the redacted output back onto the original text and merge them in."""
    shifts = []  # (output_start, output_end, original_start, original_end) of each placeholder
    delta = 0
    for finding in findings:
        out_start = finding.start + delta
        shifts.append((out_start, out_start + len(finding.placeholder), finding.start, finding.end))
        delta += len(finding.placeholder) - (finding.end - finding.start)

    def to_original(position: int, is_end: bool) -> int:
        offset = 0
        for out_start, out_end, orig_start, orig_end in shifts:
            if position < out_start or (is_end and position == out_start):
                break
            if position < out_end or (is_end and position == out_end):
                return orig_end if is_end else orig_start
            offset = orig_end - out_end
        return position + offset

    spans = [(f.start, f.end, f.kind, f.placeholder, 9) for f in findings]
    spans += [(to_original(f.start, False), to_original(f.end, True), f.kind, f.placeholder, 0) for f in leftovers]
    resolved = _resolve(text, spans)
    return tuple(Finding(kind, start, end, text[start:end], placeholder) for start, end, kind, placeholder in resolved)


def _finding(text: str, start: int, end: int, kind: str, placeholder: str) -> Finding:
    """A certain Finding, built without the frozen dataclass's per-field __setattr__ (a hot path)."""
    finding = _new_instance(Finding)
    _set_attribute(
        finding,
        "__dict__",
        {
            "kind": kind,
            "start": start,
            "end": end,
            "text": text[start:end],
            "placeholder": placeholder,
            "certain": True,
        },
    )
    return finding
