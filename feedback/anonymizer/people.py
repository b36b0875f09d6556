"""Decide which registered name hits are people here, and not ordinary words ("May", "Best")."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from feedback.anonymizer.context import (
    NAME_BREAKS,
    TITLE_WORDS,
    UPPER,
    breaks_sentence,
    has_title_before,
    is_titlecase,
    next_word,
    prev_word,
)
from feedback.anonymizer.lexicon import (
    COMMON_WORDS,
    DETERMINERS,
    MONTHS,
    NAME_FOLLOWERS,
    PARTICLES,
    REPORTING_VERBS,
    WEEKDAYS,
)
from feedback.anonymizer.text import Folded
from feedback.anonymizer.types import PARTICIPANT


class NameHit(NamedTuple):
    """A registered name token found in the text, with folded and original offsets."""

    ns: int
    ne: int
    start: int
    end: int
    wordlike: bool
    owners: frozenset[int]


Candidate = tuple[int, int, str, str, int]  # start, end, kind, placeholder, priority
PRIORITY_PARTICIPANT = 4
# Titles as folded words ("mr", "ambassador"), to tell a plain name from a titled one.
_TITLE_TOKENS = frozenset(word.lower().replace(".", "") for word in TITLE_WORDS) | {"excellency", "his", "her"}
_TITLE_WORDS_OR_E = TITLE_WORDS | {"E", "H.E"}  # "H.E." splits as "H.E" or ends in "E"
_LIST_GLUE = re.compile(r"^[ \t]*(?:,|,?[ \t]*(?:and|&|or)|/)[ \t]*\Z", re.IGNORECASE)
_INITIAL_DOT = re.compile(r"(?<![^\W\d_])[^\W\d_]\.")
_TRAILING_INITIALS = re.compile(rf",?[ \t]+(?:[{UPPER}]\.[ \t]?-?){{1,3}}")


def registered_people(
    text: str,
    folded: Folded,
    hits: list[NameHit],
    identity_tokens: tuple[frozenset[str], ...] = (),
    given_words: frozenset[str] = frozenset(),
    phrase_words: frozenset[str] = frozenset(),
    ordered: bool = False,
) -> list[Candidate]:
    """Return spans of registered names that are names here, not ordinary words.

    A name made only of dictionary words is a name written in full only when it starts with a given
    name ("Hope Young"); otherwise ("Validation Messages", "State Party") it needs a name context.
    ordered: the hits already come by start, no two starting at the same place (no sort needed).
    """
    norm = folded.text
    removed, hits = _plain_names(text, norm, hits)
    pending: list[tuple[int, int]] = []
    for group in _group(text, norm, hits, ordered) if hits else ():
        if len(group) == 1:  # the usual case, _removable's first rule inlined
            hit = group[0]
            if hit.wordlike and norm[hit.ns : hit.ne] in PARTICLES:
                keep = []
            elif text[hit.start].isupper() or (not hit.wordlike and hit.ne - hit.ns > 2):
                keep = group
            else:
                keep = []
        else:
            keep = _removable(text, norm, group)
        if not keep:
            capitalised = [h for h in group if text[h.start].isupper()]
            if capitalised:
                pending.append((capitalised[0].start, capitalised[-1].end))
            continue
        first = keep[0]
        start = _extend_left(text, folded, first, identity_tokens)
        if first.wordlike and len(keep) == 1:
            lone_phrase_word = norm[first.ns : first.ne] in phrase_words
            if not _is_name(text, keep, start, lone_phrase_word):
                pending.append((first.start, first.end))
                continue
        elif (
            first.wordlike
            and len(keep) > 1
            and _ordinary_phrase(norm, keep, given_words)
            and not _is_name(text, keep, start, True)
        ):
            pending.append((first.start, keep[-1].end))
            continue
        end = keep[-1].end
        after = text[end : end + 2]  # _extend_right's usual case inlined: punctuation or a lower-case word after
        if after and after[0] in ", \t" and (after[0] != " " or not after[1:].islower()):
            end = _extend_right(text, end)
        removed.append((_extend_title(text, start), end))
    removed += _join_lists(text, removed, pending)
    return [(start, end, "person", PARTICIPANT, PRIORITY_PARTICIPANT) for start, end in removed]


def _plain_names(text: str, norm: str, hits: list[NameHit]) -> tuple[list[tuple[int, int]], list[NameHit]]:
    """Split off the usual case, a distinctive one-word name with ordinary words on both sides.

    Such a name goes as it is: nothing before it can be an initial, a particle or a title, and
    nothing after it an initial, so the full rules are only run for the others.
    """
    starts = {hit[0] for hit in hits}  # hit.ns and hit.ne: indexing a NamedTuple is faster (a hot path)
    ends = {hit[1] for hit in hits}
    plain, others = [], []
    for hit in hits:
        ns, ne, start, end, wordlike, _ = hit
        alone = ns - 1 not in ends and ne + 1 not in starts
        if alone and (wordlike or ne - ns <= 2) and not text[start].isupper():
            before = norm[norm.rfind(" ", 0, ns - 1) + 1 : ns - 1]
            after_end = norm.find(" ", ne + 1)
            if before not in PARTICLES and norm[ne + 1 : after_end] not in PARTICLES:
                continue  # "best practice", "31 may": an ordinary lower-case word on its own
        if wordlike or ne - ns <= 2 or not alone or " " in norm[ns:ne]:
            others.append(hit)
            continue
        before = norm[norm.rfind(" ", 0, ns - 1) + 1 : ns - 1]
        after_end = norm.find(" ", ne + 1)
        after = norm[ne + 1 : after_end] if after_end > 0 else ""
        if len(after) == 1 or before in PARTICLES or before in _TITLE_TOKENS or _may_be_initials(before):
            others.append(hit)
        else:
            plain.append((start, end))
    return plain, others


def _may_be_initials(token: str) -> bool:
    """Tell "j", "jp" or "imj" (maybe initials) from "as", "by" and "the" before a name."""
    return len(token) == 1 or (len(token) <= 3 and token not in COMMON_WORDS)


def _removable(text: str, norm: str, group: list[NameHit]) -> list[NameHit]:
    """Return the hits of a group that are part of a name.

    Distinctive tokens always are; a capitalised ordinary word is when it sits beside one (or
    beside another of the same person's names); lower-case short tokens ("xu") and lower-case
    ordinary words after a particle ("van der berg") only beside the same person's distinctive name.
    """
    if len(group) == 1:  # the usual case
        hit = group[0]
        if hit.wordlike and norm[hit.ns : hit.ne] in PARTICLES:
            return []
        if text[hit.start].isupper() or (not hit.wordlike and hit.ne - hit.ns > 2):
            return group
        return []
    is_anchor = [not h.wordlike and (text[h.start].isupper() or h.ne - h.ns > 2) for h in group]
    if all(is_anchor):
        return group  # "Ingrid Marie Johansson": every word is a distinctive name
    if not any(is_anchor):
        names = [h for h in group if norm[h.ns : h.ne] not in PARTICLES]
        capitalised = [h for h in names if text[h.start].isupper()]
        if _same_person(capitalised) or _same_person(names, across_particles=norm):
            return names  # "Hope Young", "PAT VAN DER BERG", "jan van der berg"
        return capitalised if len(capitalised) == 1 else []
    keep = []
    anchor_owners = None
    for index, hit in enumerate(group):
        if is_anchor[index] or (hit.wordlike and text[hit.start].isupper()):
            keep.append(hit)
            continue
        if anchor_owners is None:
            anchor_owners = frozenset().union(*[h.owners for h, a in zip(group, is_anchor, strict=True) if a])
        if hit.owners & anchor_owners and (
            not hit.wordlike or _after_particle(norm, group, index) or _before_same_name(norm, group, index)
        ):
            keep.append(hit)
    return keep


def _before_same_name(norm: str, group: list[NameHit], index: int) -> bool:
    """Tell "jan bakhuizen" (a given name, lower case) from "Ingrid may" (a verb after a name)."""
    for following in group[index + 1 :]:
        if not following.wordlike:
            return bool(following.owners & group[index].owners)
        if norm[following.ns : following.ne] not in PARTICLES:
            return False
    return False


def _same_person(hits: list[NameHit], across_particles: str = "") -> bool:
    """Tell whether two of these hits belong to one person (and, if asked, have particles between)."""
    for index, left in enumerate(hits):
        for right in hits[index + 1 :]:
            if left.owners & right.owners and (
                not across_particles or across_particles[left.ne + 1 : right.ns - 1].strip()
            ):
                return True
    return False


def _after_particle(norm: str, group: list[NameHit], index: int) -> bool:
    """Tell "van der berg" (a name) from "Ingrid may" (a verb)."""
    return index > 0 and bool(norm[group[index - 1].ne + 1 : group[index].ns - 1].strip())


def _by_start_then_longest(hit: NameHit) -> tuple[int, int]:
    return hit.ns, -hit.ne


def _group(text: str, norm: str, hits: list[NameHit], ordered: bool = False) -> list[list[NameHit]]:
    """Gather hits that follow each other as one name ("Ingrid M. Johansson", "GARCÍA, María").

    ordered: the hits already come by start, none sharing one (then sorting would keep their order).
    """
    groups: list[list[NameHit]] = []
    last = None  # the last hit of the last group
    for hit in hits if ordered or len(hits) < 2 else sorted(hits, key=_by_start_then_longest):
        if last is None:
            groups.append([hit])
        elif hit.ne <= last.ne:
            continue  # "min" inside the compound "min jun"
        elif hit.ns == last.ne + 1 and hit.start - last.end == 1 and text[last.end] in " -":
            groups[-1].append(hit)  # the usual "Ingrid Johansson", "Jean-Pierre" (_adjacent's first case)
        elif hit.ns - last.ne <= _LONGEST_GAP and _adjacent(text, norm, last, hit):
            groups[-1].append(hit)
        elif hit.start >= last.end:
            groups.append([hit])
        else:
            continue
        last = hit
    return groups


# At most three particles or initials, single-spaced, between two names of one person ("van der").
_LONGEST_GAP = 3 * max(len(particle) for particle in PARTICLES) + 4  # right.ns - left.ne: the gap plus two spaces


def _adjacent(text: str, norm: str, left: NameHit, right: NameHit) -> bool:
    if right.ns <= left.ne:
        return False
    if right.ns == left.ne + 1 and right.start - left.end == 1 and text[left.end] in " -":
        return True  # the usual "Ingrid Johansson", "Jean-Pierre"
    if right.ns - left.ne > _LONGEST_GAP:
        return False  # the usual far-apart names: more than three particles or initials fit between
    gap = norm[left.ne + 1 : right.ns - 1].split()
    if len(gap) > 3 or any(t not in PARTICLES and len(t) != 1 for t in gap):
        return False
    separator = text[left.end : right.start]
    if len(separator) > 24 or "\n\n" in separator or any(ch in NAME_BREAKS for ch in separator):
        return False
    if "," in separator and (not (left.owners & right.owners) or "\n" in separator):
        return False
    return "." not in _INITIAL_DOT.sub("", separator)


def _extend_left(text: str, folded: Folded, first: NameHit, identity_tokens: tuple[frozenset[str], ...] = ()) -> int:
    """Take in the initials and particles written before a name ("I.M.", "J-P", "JP", "van der", "d'")."""
    norm, start, ns = folded.text, first.start, first.ns
    for _ in range(4):
        cut = norm.rfind(" ", 0, ns - 1)
        token = norm[cut + 1 : ns - 1]
        if (
            len(token) in (2, 3)
            and token not in COMMON_WORDS
            and _are_initials_of(token, text, folded.start(cut + 1), first, identity_tokens)
        ):
            start, ns = folded.start(cut + 1), cut + 1
            continue
        if not token or not (len(token) == 1 or token in PARTICLES):
            break
        token_start = folded.start(cut + 1)
        original = text[token_start : token_start + len(token)]
        between = text[token_start + len(token) : start]
        if len(between) > 3 or any(ch in NAME_BREAKS or ch == "," for ch in between):
            break
        if len(token) == 1 and not _is_initial(original, between, first) and token not in PARTICLES:
            break
        if len(token) == 1 and original.isupper() and not _is_initial(original, between, first):
            break
        start, ns = token_start, cut + 1
    return start


def _are_initials_of(
    token: str, text: str, position: int, first: NameHit, identity_tokens: tuple[frozenset[str], ...]
) -> bool:
    """Tell "JP van der Berg" (Jean-Pierre's initials) from "UK van der Berg"."""
    if not text[position : position + len(token)].isupper() or len(first.owners) > 50:
        return False
    for owner in first.owners:
        initials = {t[0] for t in identity_tokens[owner] if t not in PARTICLES} if owner < len(identity_tokens) else ()
        if all(letter in initials for letter in token):
            return True
    return False


def _is_initial(letter: str, between: str, first: NameHit) -> bool:
    """Tell an initial ("I. Johansson", "J Johansson") from "I" and "a" before a name."""
    if not letter.isupper():
        return False
    if "." in between:
        return between.startswith(".")
    return letter not in "AI" or not first.wordlike or between.startswith("-")


def _extend_title(text: str, start: int) -> int:
    """Take in titles before a name: they say too much ("Ambassador", "Ms")."""
    before = text[max(0, start - 16) : start].rsplit(None, 1)  # the last word is all it needs
    if not before or before[-1].rstrip(".,") not in _TITLE_WORDS_OR_E:
        return start  # the usual case: no title right before
    title_start = has_title_before(text, start)
    return title_start if title_start >= 0 else start


def _extend_right(text: str, end: int) -> int:
    """Take in initials after a surname written first ("JOHANSSON I.M.", "Johansson, I.")."""
    after = text[end : end + 2]
    if not after or after[0] not in ", \t" or (after[0] == " " and after[1:].islower()):
        return end  # the usual case: punctuation, or a lower-case word, after the name
    match = _TRAILING_INITIALS.match(text, end)
    if match and not text[match.end() : match.end() + 1].isalpha():
        return match.end()
    return end


def _ordinary_phrase(norm: str, group: list[NameHit], given_words: frozenset[str]) -> bool:
    """Tell a run of dictionary words that starts with no given name ("Validation Messages")."""
    return all(hit.wordlike for hit in group) and norm[group[0].ns : group[0].ne] not in given_words


def _is_name(text: str, group: list[NameHit], start: int, phrase: bool = False) -> bool:
    """Tell whether a run of hits is a name: distinctive, a full name, or in a name context.

    phrase: the run is a registered phrase of dictionary words, which is a name only in a context.
    """
    if any(not hit.wordlike for hit in group):
        return True
    if not phrase and len(group) >= 2 and any(a.owners & b.owners for a, b in pairwise(group)):
        return True
    if start < group[0].start or has_title_before(text, start) >= 0:
        return True
    if phrase and len(group) == 1:
        return False  # one word of a registered phrase ("State" of "Observer State"): only after a title
    end = group[-1].end
    if _beside_a_number(text, group[0].start, end):
        return False  # "31 May", "May 2027", "Page 4"
    if text.startswith(("'s", "’s"), end) or (text[end : end + 1] in ("'", "’") and text[end - 1] in "sS"):  # noqa: RUF001
        return True
    separator, following = next_word(text, end)
    if following in REPORTING_VERBS and not breaks_sentence(separator):
        return True
    if following in ("who", "whose") and separator.strip() in ("", ","):
        return True  # "Page, who chairs the group"
    if _alone_on_its_line(text, group[0].start, end) and (not phrase or not text[end:].strip(" .\n")):
        return True  # a signature: "Kind regards,\nHope" (a phrase only at the very end, not a heading)
    if _month_abbreviation_without_date(text, group, separator, following):
        return True  # "Jan", "Jun" with no day or year beside them are given names
    return len(group) == 1 and _stands_alone_mid_sentence(text, group[0], separator, following)


def _beside_a_number(text: str, start: int, end: int) -> bool:
    """Tell a word in a date or a reference ("31 May", "page 4") from a name."""
    before = text[max(0, start - 3) : start].rstrip(" \u00a0")
    after = text[end : end + 3].lstrip(" \u00a0")
    return before[-1:].isdigit() or after[:1].isdigit()


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """Tell a name signing off on a line of its own from a word in running text."""
    separator, following = next_word(text, end)
    if following and "\n" not in separator:
        return False  # more words follow on the same line
    word, gap = prev_word(text, start)
    if not word or "\n" in gap:
        return start > 0 and bool(word)  # a line of its own, though not the whole text
    return word.lower() in _VALEDICTIONS and gap.strip() in (",", "", "-", "\u2014")  # "Best, Hope"


_VALEDICTIONS = frozenset(["regards", "best", "thanks", "thank", "cheers", "sincerely", "wishes", "yours", "greetings"])


_MONTH_ABBREVIATIONS = frozenset(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])


def _month_abbreviation_without_date(text: str, group: list[NameHit], separator: str, following: str) -> bool:
    word = text[group[0].start : group[0].end]
    if len(group) != 1 or word.lower() not in _MONTH_ABBREVIATIONS or not is_titlecase(word):
        return False
    before, _ = prev_word(text, group[0].start)
    return not (before.isdigit() or following.isdigit() or separator.startswith("."))


def _stands_alone_mid_sentence(text: str, hit: NameHit, separator: str, following: str) -> bool:
    """A capitalised ordinary word alone mid-sentence is a name ("shared by Young and ...")."""
    word = text[hit.start : hit.end]
    if not is_titlecase(word) or word.lower() in MONTHS or word.lower() in WEEKDAYS:
        return False
    before, gap = prev_word(text, hit.start)
    if not before or not before.isalpha() or not before.islower() or before in DETERMINERS:
        return False
    if breaks_sentence(gap) or any(ch in NAME_BREAKS for ch in gap) or "-" in gap:
        return False
    if following and not breaks_sentence(separator):
        return following in NAME_FOLLOWERS and "-" not in separator  # not "the Page layout"
    return True


def _join_lists(text: str, removed: list[tuple[int, int]], pending: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove capitalised name words listed with a removed name ("Johansson, Young and Field")."""
    joined: list[tuple[int, int]] = []
    if not pending:
        return joined  # the usual case
    spans = sorted(removed)
    changed = True
    while changed and pending:
        changed = False
        for span in list(pending):
            start, end = span
            if text[start:end].lower() in _VALEDICTIONS:
                continue  # "Best, Hope": a closing, not a list of names
            if any(
                _LIST_GLUE.match(text[e:start]) or _LIST_GLUE.match(text[end:s])
                for s, e in spans
                if (e <= start and start - e <= 8) or (s >= end and s - end <= 8)
            ):
                pending.remove(span)
                joined.append(span)
                spans.append(span)
                changed = True
    return joined
