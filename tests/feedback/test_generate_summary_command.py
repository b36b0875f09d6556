"""`manage.py generate_summary ROUND_ID --format md|html|docx|json --output PATH [--preview]` (docs/command-line.md)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from feedback.models import Summary
from feedback.summary import services
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    round_ = open_round()
    factories.make_participant(full_name="Aoife Ní Bhriain", country="IE", email="aoife@dfa.ie")
    for person in respondents(3):
        answer(round_, person, {"ease": 5, "improve": "Write to aoife@dfa.ie: Ireland's template is clearer."})
    close(round_)
    return round_


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_writes_an_anonymized_summary_in_each_text_format(round_, tmp_path, fmt):
    output = tmp_path / f"summary.{fmt}"

    call_command("generate_summary", round_.pk, "--format", fmt, "--output", str(output), stdout=io.StringIO())

    text = output.read_text()
    assert "aoife@dfa.ie" not in text and "Ireland" not in text
    assert "template is clearer" in text


def test_writes_a_word_file(round_, tmp_path):
    output = tmp_path / "summary.docx"

    call_command("generate_summary", round_.pk, "--format", "docx", "--output", str(output), stdout=io.StringIO())

    doc = Document(str(output))
    assert any("template is clearer" in p.text for p in doc.paragraphs)


def test_a_round_still_open_needs_preview(round_, tmp_path):
    open_round = make_round(title="Open")

    with pytest.raises(CommandError, match="once it is closed"):
        call_command("generate_summary", open_round.pk, "--format", "md", "--output", str(tmp_path / "s.md"))
    call_command(
        "generate_summary",
        open_round.pk,
        "--format",
        "md",
        "--output",
        str(tmp_path / "s.md"),
        "--preview",
        stdout=io.StringIO(),
    )
    assert (tmp_path / "s.md").exists()


def test_an_identity_in_the_approved_text_fails_the_command_and_writes_nothing(round_, tmp_path, chair):
    call_command(
        "generate_summary", round_.pk, "--format", "md", "--output", str(tmp_path / "a.md"), stdout=io.StringIO()
    )
    summary = Summary.objects.get(round=round_)
    services.save_edits(
        summary_id=summary.pk, by=chair, expected_version=summary.version, narrative="Thanks, Aoife Ní Bhriain."
    )
    output = tmp_path / "b.md"
    errors = io.StringIO()

    with pytest.raises(CommandError, match="leak gate"):
        call_command("generate_summary", round_.pk, "--format", "md", "--output", str(output), stderr=errors)

    assert not output.exists()
    assert "Chair's narrative" in errors.getvalue()


def test_unknown_round_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no round with id 999"):
        call_command("generate_summary", 999, "--format", "md", "--output", str(tmp_path / "s.md"))
