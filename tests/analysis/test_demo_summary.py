"""The demo's closed round: its summary quotes no answer twice, reports themes with counts and quotes,
and charts every closed question in Word (rendered by LibreOffice when installed) and HTML."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document

from consult.demo import CLOSED_TITLE
from feedback.models import Summary
from feedback.summary import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_summary():
    call_command("seed_demo", stdout=io.StringIO())
    summary = Summary.objects.get(round__title=CLOSED_TITLE)
    return summary, {fmt: services.export(summary=summary, fmt=fmt, by=None) for fmt in ("md", "html", "docx", "json")}


def closed_questions(summary):
    return [question for question in summary.content["questions"] if question["distribution"]]


def test_no_answer_is_quoted_twice_in_any_format(demo_summary):
    _summary, files = demo_summary
    markdown = files["md"].decode()
    quotes = [block for block in re.split(r"\n\n", markdown) if block.startswith("> ")]
    word = [p.text for p in Document(io.BytesIO(files["docx"])).paragraphs if p.style.name == "Quote"]
    html_quotes = re.findall(r"<blockquote><p>(.*?)</p>", files["html"].decode())

    assert quotes and len(quotes) == len(set(quotes))
    assert word and len(word) == len(set(word))
    assert html_quotes and len(html_quotes) == len(set(html_quotes))


def test_at_least_two_themes_with_counts_and_quotes_in_json_markdown_and_word(demo_summary):
    _summary, files = demo_summary
    themes = [theme for question in json.loads(files["json"])["questions"] for theme in question.get("themes", [])]
    headings = [p.text for p in Document(io.BytesIO(files["docx"])).paragraphs if p.style.name == "Heading 4"]

    assert len(themes) >= 2
    assert all(theme["respondents"] >= 1 and theme["quotes"] for theme in themes)
    for theme in themes:
        assert f"#### {theme['name']}: {theme['respondents']} respondent" in files["md"].decode()
        assert any(heading.startswith(f"{theme['name']}: {theme['respondents']} respondent") for heading in headings)


def test_every_closed_question_has_a_chart_in_word_and_html(demo_summary):
    summary, files = demo_summary
    closed = closed_questions(summary)
    titles = [shape._inline.docPr.get("title") for shape in Document(io.BytesIO(files["docx"])).inline_shapes]

    assert closed
    for question in closed:
        assert f"Answers to question {question['number']}" in titles
        assert f'<title id="chart-q{question["number"]}-title">' in files["html"].decode()


def test_libreoffice_renders_the_word_summary_with_its_charts(demo_summary):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not found: install Debian's libreoffice-writer-nogui to render the Word summary")
    summary, files = demo_summary
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "summary.docx"
        source.write_bytes(files["docx"])
        profile = Path(folder, "profile").as_uri()  # a private profile: runs in parallel with any other soffice
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = (Path(folder) / "summary.pdf").read_bytes()

    assert pdf.startswith(b"%PDF")
    images = len(re.findall(rb"/Subtype\s*/Image", pdf))
    assert images >= len(closed_questions(summary)), images
