"""Anonymize the points raised at a meeting and check them with the leak gate. Pure: plain text in and out.

The points are the Chair's (or the Secretariat's) own words, so they are read like the Chair's
narrative: without the registry (namelike). Replacing a registered name and keeping an unregistered
one would tell whoever typed it that the person is registered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from feedback.anonymizer import namelike
from feedback.summary import gate

MAX_POINTS = 40
MAX_POINT_LENGTH = 2000
LOCATION = "Points raised at the meeting"


@dataclass(frozen=True)
class CheckedPoints:
    points: list[str]  # anonymized, in order, empty ones dropped
    replaced: Counter  # what the anonymizer replaced, by kind
    leaks: list[gate.Leak]  # what the leak gate still finds (blocks saving)
    flags: list[list[list[int]]]  # per point, spans the anonymizer was unsure about

    @property
    def replaced_total(self) -> int:
        return sum(self.replaced.values())


_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d{1,2}[.)])\s+")


def split_points(text: str) -> list[str]:
    """One point per line; a leading bullet (-, *, •, 1.) is dropped, blank lines are skipped."""
    lines = (_BULLET.sub("", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return [line for line in lines if line]


def check(points: Iterable[str], vocabulary: frozenset[str] = frozenset()) -> CheckedPoints:
    """Replace everything shaped like a name, a State or a contact, then scan the result as the gate does.

    vocabulary: folded words of the round's own texts (title, tool, questions), which may be repeated.
    """
    cleaned, replaced, flags = [], Counter(), []
    for point in points:
        redaction = namelike.redact(point.strip(), vocabulary)
        replaced.update(finding.kind for finding in redaction.findings)
        text = redaction.text.strip()
        if text:
            cleaned.append(text)
            flags.append([[finding.start, finding.end] for finding in namelike.blind().suspicious(text)])
    return CheckedPoints(points=cleaned, replaced=replaced, leaks=scan(cleaned, vocabulary), flags=flags)


def scan(points: Iterable[str], vocabulary: frozenset[str] = frozenset()) -> list[gate.Leak]:
    leaks = []
    for number, point in enumerate(points, start=1):
        for finding in namelike.scan(point, vocabulary):
            leaks.append(
                gate.Leak(
                    location=f"{LOCATION}, point {number}",
                    kind=finding.kind,
                    text=finding.text,
                    before=point[max(0, finding.start - gate.CONTEXT_CHARS) : finding.start],
                    after=point[finding.end : finding.end + gate.CONTEXT_CHARS],
                )
            )
    return leaks
