"""Whatever arrives as a filled questionnaire, random bytes or a real file damaged or tampered with, both
ways in refuse it with a message and save nothing (hypothesis): a participant's upload into their draft,
and the Secretariat's recording of a written submission."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings as project_settings
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from feedback import questionnaire_files, services
from feedback.models import Submission
from feedback.questionnaire_files.manifest import PROPERTY
from participants.models import AuditEvent
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.questionnaire_helpers import (
    SHEET_ANSWERS,
    WORD_ANSWERS,
    delete_control,
    edit_docx,
    fill_docx,
    fill_xlsx,
    retag,
)

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CLOSED_KEYS = ("usability", "format", "prefill")
WORD_TAGS = ("usability", "format", "topics/1", "topics/2", "topics/3", "prefill", "comments")
SHEET_KEYS = ("usability", "format", "topics", "prefill", "comments")
# Text people can type (no control characters, which neither XML nor a spreadsheet cell can hold).
TYPED = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
# Text that is never a choice, a rating, yes or no, nor a placeholder, whatever follows it.
NOT_A_CHOICE = TYPED.map(lambda text: f"zz {text}".strip())
NOT_A_TAG = TYPED.map(lambda text: f"x-{text}")


class World(dict):
    """The round, the people and the two filled files; short in hypothesis's reports."""

    def __repr__(self) -> str:
        return "<world>"


@pytest.fixture
def world():
    round_ = make_round()
    return World(
        round=round_,
        participant=factories.make_participant(),
        secretariat=factories.make_secretariat(),
        docx=fill_docx(services.export_questionnaire(round_=round_, fmt="docx").content, WORD_ANSWERS),
        xlsx=fill_xlsx(services.export_questionnaire(round_=round_, fmt="xlsx").content, SHEET_ANSWERS),
    )


def assert_refused_everywhere(world, content: bytes, name: str = "answers.docx") -> None:
    """Both ways in refuse the file with a message, and nothing at all is saved."""
    round_ = world["round"]
    attempts = (
        lambda: services.fill_draft_from_file(
            round_id=round_.pk, participant=world["participant"], source=content, name=name
        ),
        lambda: services.record_offline_from_file(
            round_id=round_.pk,
            participant_id=world["participant"].pk,
            source=content,
            name=name,
            by=world["secretariat"],
        ),
    )
    for attempt in attempts:
        with pytest.raises((questionnaire_files.QuestionnaireFileError, services.InvalidAnswers)) as refused:
            attempt()
        assert str(refused.value).strip()
    assert not Submission.objects.filter(round=round_).exists()
    assert not AuditEvent.objects.filter(action__startswith="feedback.").exists()
    assert not (Path(project_settings.MEDIA_ROOT) / "offline" / str(round_.pk)).exists()


def rewrite(content: bytes, part: str, change) -> bytes:
    """The package with one part's bytes passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == part else data)
    return buffer.getvalue()


def flip_in_part(content: bytes, part: str, position: int, mask: int) -> tuple[bytes, bool]:
    """One byte of the part's compressed data changed, as a damaged download or disk does; and whether the
    part's content really changed (a flip of the last block's final flag or of padding bits changes
    nothing, and such a file is as good as the original)."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        info = package.getinfo(part)
        original = package.read(part)
    name_length, extra_length = struct.unpack("<HH", content[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    damaged = bytearray(content)
    damaged[start + position % info.compress_size] ^= mask
    try:
        inflated = zlib.decompressobj(-zlib.MAX_WBITS).decompress(bytes(damaged[start : start + info.compress_size]))
    except zlib.error:
        inflated = b""
    return bytes(damaged), inflated != original


# --- Random bytes --------------------------------------------------------------------------------------------


@EXAMPLES
@given(st.binary(max_size=2048))
def test_random_bytes_are_refused(world, content):
    assert_refused_everywhere(world, content)


@EXAMPLES
@given(st.binary(max_size=2048), st.sampled_from(["answers.docx", "answers.xlsx"]))
def test_random_bytes_that_start_like_a_zip_are_refused(world, tail, name):
    assert_refused_everywhere(world, b"PK\x03\x04" + tail, name)


@EXAMPLES
@given(st.sampled_from(["docx", "xlsx"]), st.integers(min_value=0, max_value=10**6))
def test_a_truncated_file_is_refused(world, fmt, cut):
    content = world[fmt]
    assert_refused_everywhere(world, content[: cut % (len(content) - 1)], f"answers.{fmt}")


@EXAMPLES
@given(
    st.sampled_from([("docx", "word/document.xml"), ("xlsx", "xl/worksheets/sheet1.xml")]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=255),
)
def test_a_damaged_main_part_is_refused(world, where, position, mask):
    fmt, part = where
    damaged, changed = flip_in_part(world[fmt], part, position, mask)
    assume(changed)
    assert_refused_everywhere(world, damaged, f"answers.{fmt}")


# --- Real files, tampered with --------------------------------------------------------------------------------


@EXAMPLES
@given(st.sampled_from(WORD_TAGS), NOT_A_TAG)
def test_a_word_file_with_a_changed_tag_is_refused(world, tag, new):
    assert_refused_everywhere(world, edit_docx(world["docx"], retag(tag, new)))


@EXAMPLES
@given(st.sampled_from(WORD_TAGS), st.sampled_from(["remove the tag", "delete the box"]))
def test_a_word_file_with_a_tag_or_a_box_removed_is_refused(world, tag, how):
    change = retag(tag, None) if how == "remove the tag" else delete_control(tag)
    assert_refused_everywhere(world, edit_docx(world["docx"], change))


@EXAMPLES
@given(st.sampled_from(CLOSED_KEYS), NOT_A_CHOICE)
def test_a_word_file_with_an_unknown_choice_is_refused(world, key, text):
    assert_refused_everywhere(world, fill_docx(world["docx"], {key: text}))


@EXAMPLES
@given(st.sampled_from((*CLOSED_KEYS, "topics")), NOT_A_CHOICE)
def test_a_workbook_with_an_unknown_choice_is_refused(world, key, text):
    assert_refused_everywhere(world, fill_xlsx(world["xlsx"], {key: text}), "answers.xlsx")


@EXAMPLES
@given(st.sampled_from(SHEET_KEYS), NOT_A_TAG)
def test_a_workbook_with_a_changed_key_is_refused(world, key, new):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(world["xlsx"]))
    for row in book["Questionnaire"].iter_rows(min_row=2):
        if row[0].value == key:
            row[0].value = new
    buffer = io.BytesIO()
    book.save(buffer)
    assert_refused_everywhere(world, buffer.getvalue(), "answers.xlsx")


@EXAMPLES
@given(st.sampled_from(["docx", "xlsx"]), st.integers().filter(lambda number: number != 0))
def test_a_file_whose_reference_names_another_round_is_refused(world, fmt, offset):
    round_id = world["round"].pk

    def other_round(data: bytes) -> bytes:
        text = data.decode("utf-8")
        return text.replace(f'"round":{round_id},', f'"round":{round_id + offset},').encode("utf-8")

    content = rewrite(world[fmt], "docProps/custom.xml", other_round)
    assert json.dumps(round_id + offset) in zipfile.ZipFile(io.BytesIO(content)).read("docProps/custom.xml").decode()
    assert_refused_everywhere(world, content, f"answers.{fmt}")


@EXAMPLES
@given(st.sampled_from(["docx", "xlsx"]), st.binary(max_size=200))
def test_a_file_whose_reference_is_replaced_by_garbage_is_refused(world, fmt, garbage):
    def replace(data: bytes) -> bytes:
        return data.replace(PROPERTY.encode(), garbage.hex().encode() or b"nothing")

    assert_refused_everywhere(world, rewrite(world[fmt], "docProps/custom.xml", replace), f"answers.{fmt}")


@EXAMPLES
@given(
    st.sampled_from([("docx", "word/document.xml"), ("xlsx", "xl/worksheets/sheet1.xml")]),
    st.integers(min_value=1, max_value=10**6),
)
def test_a_main_part_cut_short_is_refused(world, where, cut):
    fmt, part = where
    content = rewrite(world[fmt], part, lambda data: data.rstrip()[: cut % len(data.rstrip())])
    assert_refused_everywhere(world, content, f"answers.{fmt}")
