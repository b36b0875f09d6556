"""Group identical and near-identical answers, so that each point is quoted once with its count.

Identical: equal once normalised (case, spacing, punctuation and accents ignored).

Near-identical: at least `NEAR_IDENTICAL` (0.9) alike once normalised, measured as twice the length of
their longest common subsequence of characters divided by the length of both (the normalised Indel
similarity, computed by rapidfuzz). A changed letter, a plural, an added "please" or "also" stay in
the group; a different point, or the same sentences in another order, do not.

Groups form around leaders, most common wording first: an answer joins the most alike leader it is
near-identical to, so every member is close to the text quoted for the group (no drift along a chain
of small differences). Leaders worth comparing are found by MinHash locality-sensitive hashing on
character shingles, which keeps the work close to linear for tens of thousands of answers; two
answers 90% alike are candidates for each other with a probability above 98%.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from feedback.analysis.text import normalise

NEAR_IDENTICAL = 0.9
SHINGLE = 4  # characters
BANDS, ROWS = 12, 3  # MinHash: 36 hash functions, compared three at a time
CANDIDATES = 20  # leaders verified per text, those sharing the most bands first
BUCKET_LIMIT = 100  # leaders kept per band value: a band shared by more says little about any of them
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class Group:
    """Indices of the input texts that say the same thing; the first is the wording to quote."""

    members: tuple[int, ...]

    @property
    def representative(self) -> int:
        return self.members[0]

    @property
    def size(self) -> int:
        return len(self.members)


def group_texts(texts: Sequence[str], *, threshold: float = NEAR_IDENTICAL) -> list[Group]:
    """Groups of the given texts, largest first (ties: first appearance). Blank texts are left out."""
    exact = _identical(texts)
    keys = sorted(exact, key=lambda key: (-len(exact[key]), exact[key][0]))
    bands = _bands(keys)
    leaders: list[str] = []
    members: list[list[int]] = []
    buckets: dict[bytes, list[int]] = defaultdict(list)
    for key, key_bands in zip(keys, bands, strict=True):
        shared = Counter(leader for band in key_bands for leader in buckets.get(band, ()))
        best = _most_alike(key, leaders, shared, threshold)
        if best is not None:
            members[best].extend(exact[key])
            continue
        leaders.append(key)
        members.append(list(exact[key]))
        for band in key_bands:
            if len(buckets[band]) < BUCKET_LIMIT:
                buckets[band].append(len(leaders) - 1)
    groups = [Group(tuple(indices)) for indices in members]
    return sorted(groups, key=lambda group: (-group.size, group.representative))


def similarity(first: str, second: str, *, at_least: float = 0.0) -> float:
    """How alike two normalised texts are, from 0 to 1 (0 as soon as it is known to be below `at_least`)."""
    return Indel.normalized_similarity(first, second, score_cutoff=at_least)


def _identical(texts: Sequence[str]) -> dict[str, list[int]]:
    exact: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        if text and text.strip():
            exact[normalise(text)].append(index)
    return exact


def _most_alike(key: str, leaders: list[str], shared: Counter, threshold: float) -> int | None:
    best, best_score = None, threshold
    for leader, _count in shared.most_common(CANDIDATES):
        score = similarity(key, leaders[leader], at_least=best_score)
        if score >= best_score and (best is None or score > best_score or leader < best):
            best, best_score = leader, score
    return best


def _bands(keys: list[str]) -> list[list[bytes]]:
    """Each text's MinHash signature cut into bands: texts sharing a band are compared."""
    if not keys:
        return []
    signatures = _signatures(keys)
    return [
        [bytes([band]) + signature[band * ROWS : (band + 1) * ROWS].tobytes() for band in range(BANDS)]
        for signature in signatures
    ]


def _signatures(keys: list[str]) -> np.ndarray:
    """MinHash signatures (one row per text) of the texts' character shingles, for all texts at once."""
    padded = [key.ljust(SHINGLE) for key in keys]
    codes = np.frombuffer("\0".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - SHINGLE + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):  # a polynomial hash of each window, wrapping at 2**64
        hashes = hashes * np.uint64(1_000_003) + codes[offset : offset + count]
    crosses = np.convolve((codes == 0).astype(np.int8), np.ones(SHINGLE, dtype=np.int8), "valid")[:count] > 0
    starts = np.cumsum([0] + [len(key) + 1 for key in padded[:-1]])
    rng = np.random.default_rng(20260)
    multipliers = rng.integers(1, 2**63, size=BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
    addends = rng.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)
    signatures = np.empty((len(keys), BANDS * ROWS), dtype=np.uint32)
    for column, (multiplier, addend) in enumerate(zip(multipliers, addends, strict=True)):
        mixed = (hashes * multiplier + addend) >> np.uint64(32)
        mixed[crosses] = _MASK64 >> np.uint64(32)
        signatures[:, column] = np.minimum.reduceat(mixed, starts)
    return signatures
