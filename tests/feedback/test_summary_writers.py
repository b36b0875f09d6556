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
            "excerpts": [],
        },
        {
            "key": "improve",
            "number": 2,
            "text": "What should change in the Excel export?",
            "kind": "text",
            "kind_label": "Free text",
            "answered": 2,
            "distribution": None,
            "excerpts": [
                {"id": "improve-1", "text": "Export to CSV as well as Excel | please.", "flags": []},
                {"id": "improve-2", "text": "As [a State] we need a French version\nof the guidance.", "flags": []},
            ],
        },
    ],
    "redactions": {"country": 1},
}


def document(**overrides):
    return SummaryDocument(
        **{"content": CONTENT, "narrative": "Experts welcomed pre-filling.", "state": "approved", **overrides}
    )


def test_markdown_has_facts_narrative_tables_and_quoted_excerpts():
    text = to_markdown(document()).decode()

    assert text.startswith("# Summary of the consultation: Online reporting tool: first design review")
    assert "- **Respondents:** 7" in text
    assert "- **Tool or initiative:** Online reporting tool (Article 13)" in text
    assert "- **Open:** 1 March 2027 to 31 March 2027" in text
    assert "## Summary by the Chair\n\nExperts welcomed pre-filling." in text
    assert "| State Party | 4 |" in text
    assert "| 4 | 3 | 50% |" in text
    assert "Average rating 3.67 out of 5 (median 4)." in text
    assert "> Export to CSV as well as Excel | please." in text
    assert "> As [a State] we need a French version\n> of the guidance." in text
    assert "DRAFT" not in text


def test_a_draft_says_so_in_every_format():
    draft = document(state="draft")

    assert b"DRAFT: not yet approved" in to_markdown(draft)
    assert b"DRAFT: not yet approved" in to_html(draft)
    assert json.loads(to_json(draft))["state"] == "draft"
    assert any("DRAFT" in p.text for p in Document(io.BytesIO(to_docx(draft))).paragraphs)


def test_html_is_a_standalone_page_with_svg_bars_and_escaped_text():
    page = to_html(document(narrative="<script>alert(1)</script>")).decode()
    parser = HTMLParser()
    parser.feed(page)

    assert page.startswith("<!doctype html>")
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert '<rect width="50" height="10" fill="#245f8e"/>' in page
    assert "<blockquote>As [a State] we need a French version<br>of the guidance.</blockquote>" in page


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
    assert quotes == [
        "Export to CSV as well as Excel | please.",
        "As [a State] we need a French version\nof the guidance.",
    ]
    assert ["State Party", "4"] in tables[1]
    assert ["4", "3", "50%"] in tables[2]
    assert doc.core_properties.author == "WGTR advisory group"


def test_json_lists_excerpts_as_plain_texts_without_ids_or_flags():
    data = json.loads(to_json(document()))

    assert data["questions"][1]["excerpts"] == [
        "Export to CSV as well as Excel | please.",
        "As [a State] we need a French version\nof the guidance.",
    ]
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
