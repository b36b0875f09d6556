"""The summary in Markdown, HTML, Word and JSON: same facts, no per-respondent labels, real files."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import pytest
from docx import Document

from feedback.summary.writers import SummaryDocument, to_docx, to_html, to_json, to_markdown, write

CONTENT = {
    "schema": 1,
    "generated_at": "2027-04-02",
    "round": {
        "title": "Online reporting tool: first design review",
        "tool": "Online reporting tool",
        "articles": [13],
        "cycle": "CSP12-CSP13",
        "stage": "Design",
        "mode": "Written consultation",
        "restricted": False,
        "opens_on": "2027-03-01",
        "closes_on": "2027-03-31",
    },
    "respondents": 7,
    "participation": {
        "total": 7,
        "suppressed": False,
        "min_cell": 3,
        "cells": [{"label": "State Party", "count": 4}, {"label": "Other categories", "count": 3}],
    },
    "questions": [
        {
            "key": "ease",
            "number": 1,
            "text": "How easy was the pre-filled annual report to complete?",
            "kind": "rating",
            "kind_label": "Rating 1-5",
            "answered": 6,
            "distribution": {
                "bars": [
                    {"label": "1", "count": 0, "percent": 0.0},
                    {"label": "2", "count": 1, "percent": 16.7},
                    {"label": "3", "count": 1, "percent": 16.7},
                    {"label": "4", "count": 3, "percent": 50.0},
                    {"label": "5", "count": 1, "percent": 16.7},
                ],
                "mean": 3.67,
                "median": 4.0,
            },
        },
        {
            "key": "improve",
            "number": 2,
            "text": "What should change in the Excel export?",
            "kind": "text",
            "kind_label": "Free text",
            "answered": 5,
            "distribution": None,
            "groups": [
                {"id": "improve-1", "text": "Export to CSV as well as Excel | please.", "flags": [], "respondents": 3},
                {
                    "id": "improve-2",
                    "text": "As [a State] we need a French version\nof the guidance.",
                    "flags": [],
                    "respondents": 1,
                },
                {"id": "improve-3", "text": "Keep the offline template.", "flags": [], "respondents": 1},
            ],
            "themes": [
                {
                    "name": "Export formats",
                    "description": "CSV, XML and Excel.",
                    "respondents": 3,
                    "percent": 60.0,
                    "quotes": ["improve-1"],
                },
                {
                    "name": "Translations",
                    "description": "",
                    "respondents": 1,
                    "percent": 20.0,
                    "quotes": ["improve-2"],
                },
            ],
            "points": ["improve-3"],
        },
    ],
    "redactions": {"country": 1},
}


def document(**overrides):
    return SummaryDocument(
        **{"content": CONTENT, "narrative": "Experts welcomed pre-filling.", "state": "approved", **overrides}
    )


def test_markdown_has_facts_narrative_tables_themes_and_quotes():
    text = to_markdown(document()).decode()

    assert text.startswith("# Summary of the consultation: Online reporting tool: first design review")
    assert "- **Respondents:** 7" in text
    assert "- **Open:** 1 March 2027 to 31 March 2027" in text
    assert "## Summary by the Chair\n\nExperts welcomed pre-filling." in text
    assert "| State Party | 4 |" in text
    assert "| 4 | 3 | 50% |" in text
    assert "Average rating 3.67 out of 5 (median 4)." in text
    assert "| Export formats | 3 | 60% |" in text
    assert "#### Export formats: 3 respondents (60%)\n\n*CSV, XML and Excel.*" in text
    assert "> Export to CSV as well as Excel | please.\n>\n> *Given by 3 respondents*" in text
    assert "> As [a State] we need a French version\n> of the guidance." in text
    assert "#### Other points\n\n> Keep the offline template." in text
    assert text.count("Export to CSV as well as Excel") == 1
    assert "DRAFT" not in text
    assert "Appendix" not in text


def test_a_draft_says_so_in_every_format():
    draft = document(state="draft")

    assert b"DRAFT: not yet approved" in to_markdown(draft)
    assert b"DRAFT: not yet approved" in to_html(draft)
    assert json.loads(to_json(draft))["state"] == "draft"
    assert any("DRAFT" in p.text for p in Document(io.BytesIO(to_docx(draft))).paragraphs)


def test_html_is_a_standalone_page_with_svg_charts_and_escaped_text():
    page = to_html(document(narrative="<script>alert(1)</script>")).decode()
    parser = HTMLParser()
    parser.feed(page)

    assert page.startswith("<!doctype html>")
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert page.count('<svg class="bar-chart"') == 2  # the rating question and the themes
    assert '<title id="chart-q1-title">Answers to question 1</title>' in page
    assert "Answers to question 1: 1 0 (0%); 2 1 (16.7%); 3 1 (16.7%); 4 3 (50%); 5 1 (16.7%)." in page
    assert "Themes in answers to question 2: Export formats 3 (60%); Translations 1 (20%)." in page
    assert "<blockquote><p>As [a State] we need a French version<br>of the guidance.</p></blockquote>" in page
    assert '<footer class="given">Given by 3 respondents</footer>' in page


def test_word_export_has_headings_tables_narrative_and_quotes():
    doc = Document(io.BytesIO(to_docx(document())))

    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    assert headings[:2] == [
        "Summary of the consultation: Online reporting tool: first design review",
        "About the consultation",
    ]
    assert "Summary by the Chair" in headings
    assert "2. What should change in the Excel export?" in headings
    assert "Experts welcomed pre-filling." in [p.text for p in doc.paragraphs]
    assert "Export formats: 3 respondents (60%)" in headings
    assert "Other points" in headings
    assert quotes == [
        "Export to CSV as well as Excel | please. (given by 3 respondents)",
        "As [a State] we need a French version\nof the guidance.",
        "Keep the offline template.",
    ]
    assert ["State Party", "4"] in tables[1]
    assert ["4", "3", "50%"] in tables[2]
    assert ["Export formats", "3", "60%"] in tables[3]
    assert doc.core_properties.author == "WGTR advisory group"


def test_word_export_has_a_chart_image_with_its_figures_as_alternative_text():
    doc = Document(io.BytesIO(to_docx(document())))

    shapes = [shape._inline.docPr for shape in doc.inline_shapes]
    assert [shape.get("title") for shape in shapes] == ["Answers to question 1", "Themes in answers to question 2"]
    assert shapes[0].get("descr").startswith("Answers to question 1: 1 0 (0%); 2 1 (16.7%)")
    images = [part for part in doc.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 2 and all(image.blob.startswith(b"\x89PNG") for image in images)


def test_the_appendix_lists_every_answer_once_only_when_switched_on():
    with_appendix = document(appendix=True)

    text = to_markdown(with_appendix).decode()
    word = Document(io.BytesIO(to_docx(with_appendix)))
    data = json.loads(to_json(with_appendix))

    assert "## Appendix: every answer, anonymized" in text
    assert text.split("## Appendix")[1].count("Export to CSV as well as Excel") == 1
    assert "Appendix: every answer, anonymized" in [p.text for p in word.paragraphs]
    assert [item["respondents"] for item in data["questions"][1]["appendix"]] == [3, 1, 1]
    assert "appendix" not in json.loads(to_json(document()))["questions"][1]


def test_json_carries_themes_counts_and_quotes_without_ids_or_flags():
    data = json.loads(to_json(document()))

    improve = data["questions"][1]
    assert improve["themes"] == [
        {
            "name": "Export formats",
            "description": "CSV, XML and Excel.",
            "respondents": 3,
            "percent": 60.0,
            "quotes": [{"text": "Export to CSV as well as Excel | please.", "respondents": 3}],
        },
        {
            "name": "Translations",
            "description": "",
            "respondents": 1,
            "percent": 20.0,
            "quotes": [{"text": "As [a State] we need a French version\nof the guidance.", "respondents": 1}],
        },
    ]
    assert improve["other_points"] == [{"text": "Keep the offline template.", "respondents": 1}]
    assert "groups" not in improve and "flags" not in str(data)
    assert "redactions" not in data
    assert data["narrative"] == "Experts welcomed pre-filling."


def test_a_suppressed_participation_explains_itself():
    content = {**CONTENT, "participation": {"total": 2, "suppressed": True, "min_cell": 3, "cells": []}}

    text = to_markdown(document(content=content)).decode()

    assert "Fewer than 3 participants responded, so no breakdown by category is shown." in text
    assert "| Category |" not in text


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="choose one of md, html, docx, json"):
        write(document(), "pdf")
