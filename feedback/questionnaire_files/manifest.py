"""What a questionnaire file remembers about itself: its round and the answer boxes it was made with.

Kept as custom document properties, which Word, Excel and LibreOffice all carry through a save. Office
keeps at most 255 characters per property, so the record is split over numbered properties.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from feedback.questionnaire_files.model import QuestionnaireFileError

PROPERTY = "WGTRAdvisoryQuestionnaire"
FORMAT = "wgtr-advisory-questionnaire"
VERSION = 1
CHUNK = 240


@dataclass(frozen=True)
class Box:
    """An answer box the file was made with: its tag, its type and, for a check box, its choice's label."""

    tag: str
    type: str
    label: str = ""


@dataclass(frozen=True)
class Manifest:
    round_id: int
    boxes: tuple[Box, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The questions the file carries, in order (a check box's tag is KEY/N)."""
        return tuple(dict.fromkeys(box.tag.split("/")[0] for box in self.boxes))


def to_properties(manifest: Manifest) -> list[tuple[str, str]]:
    """The manifest as (name, text) custom properties, none longer than Office keeps."""
    text = json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "round": manifest.round_id,
            "boxes": [[box.tag, box.type, box.label] for box in manifest.boxes],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    chunks = [text[start : start + CHUNK] for start in range(0, len(text), CHUNK)]
    return [(PROPERTY, f"{FORMAT}/{VERSION} R{manifest.round_id} parts={len(chunks)}")] + [
        (f"{PROPERTY}.{number}", chunk) for number, chunk in enumerate(chunks, start=1)
    ]


def not_ours() -> QuestionnaireFileError:
    return QuestionnaireFileError(
        _(
            "This file is not a questionnaire downloaded from this site, or its hidden reference was removed. "
            "Download the questionnaire again from the consultation's page, and copy your answers into it."
        )
    )


def from_properties(properties: Mapping[str, str]) -> Manifest:
    """The manifest kept in a file's custom properties. Raises QuestionnaireFileError."""
    head = properties.get(PROPERTY)
    if not head or not head.startswith(f"{FORMAT}/"):
        raise not_ours()
    try:
        count = int(head.rsplit("parts=", 1)[1])
        data = json.loads("".join(properties[f"{PROPERTY}.{number}"] for number in range(1, count + 1)))
        boxes = tuple(Box(str(tag), str(type_), str(label)) for tag, type_, label in data["boxes"])
        round_id = int(data["round"])
    except (IndexError, KeyError, TypeError, ValueError):
        raise not_ours() from None
    if data.get("format") != FORMAT or data.get("version") != VERSION or not boxes:
        raise not_ours()
    if len({box.tag for box in boxes}) != len(boxes):
        raise not_ours()
    return Manifest(round_id, boxes)
