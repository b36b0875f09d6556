"""The parts of the summary about free-text answers and charts, in each format: themes with counts and
quotes, the other points, and bar charts. Pure: the content (see content.py) in, lines or markup out.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Inches

from feedback.summary import charts, markdown_text
from feedback.summary.content import has_free_text, other_points, respondents_label, themes_with_quotes

MARK = "\u2063"  # invisible separator: cannot come from an answer's text by accident
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def md_cell(text: str) -> str:
    return markdown_text.cell(text)


def given_by(group: dict[str, Any]) -> str:
    """ "(given by 3 respondents)" after a quote that stands for several identical or near-identical answers."""
    return f" (given by {group['respondents']} respondents)" if group.get("respondents", 1) > 1 else ""


def theme_heading(theme: dict[str, Any]) -> str:
    return f"{theme['name']}: {respondents_label(theme['respondents'])} ({theme['percent']:g}%)"


def appendix_questions(document: Any) -> list[dict[str, Any]]:
    if not document.appendix:
        return []
    return [question for question in document.content["questions"] if has_free_text(question)]


APPENDIX_TITLE = "Appendix: every answer, anonymized"
APPENDIX_NOTE = (
    "Every free-text answer, with names, contacts, organisations and countries removed; identical and "
    "near-identical answers are listed once with how many respondents gave them."
)


def md_quote(group: dict[str, Any]) -> str:
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in group["text"].splitlines())
    return quoted + (f"\n>\n> *{given_by(group).strip(' ()').capitalize()}*" if given_by(group) else "")


def md_free_text(question: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    themes = themes_with_quotes(question)
    if themes:
        lines += [
            "**Themes**, by how many respondents raised them:",
            "",
            "| Theme | Respondents | Share |",
            "|---|---:|---:|",
        ]
        lines += [f"| {md_cell(t['name'])} | {t['respondents']} | {t['percent']:g}% |" for t in themes]
        lines.append("")
    for theme in themes:
        lines += [f"#### {theme_heading(theme)}", ""]
        if theme.get("description"):
            lines += [f"*{theme['description']}*", ""]
        lines += [line for group in theme["quoted"] for line in (md_quote(group), "")]
    points = other_points(question)
    if points:
        if themes:
            lines += ["#### Other points", ""]
        lines += [line for group in points for line in (md_quote(group), "")]
    return lines


def html_chart(bars: list[charts.Bar], title: str, chart_id: str) -> str:
    """A bar chart drawn with SVG attributes, not inline CSS, so it also passes a strict CSP."""
    return f'<figure class="chart">{charts.svg(bars, title=title, chart_id=chart_id)}</figure>'


def html_figures(first_column: str, bars: list[charts.Bar]) -> str:
    e = html.escape
    rows = "".join(
        f'<tr><td>{e(bar.label)}</td><td class="num">{bar.count}</td><td class="num">{bar.percent:g}%</td></tr>'
        for bar in bars
    )
    return (
        f'<table><thead><tr><th scope="col">{e(first_column)}</th><th scope="col">Respondents</th>'
        f'<th scope="col">Share</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def html_quote(group: dict[str, Any]) -> str:
    e = html.escape
    text = "<br>".join(e(line) for line in group["text"].splitlines())
    more = f'<footer class="given">{e(given_by(group).strip(" ()").capitalize())}</footer>' if given_by(group) else ""
    return f"<blockquote><p>{text}</p>{more}</blockquote>"


def html_free_text(question: dict[str, Any]) -> list[str]:
    e = html.escape
    parts: list[str] = []
    themes = themes_with_quotes(question)
    if themes:
        bars = charts.theme_bars(themes)
        parts.append("<p><strong>Themes</strong>, by how many respondents raised them:</p>")
        parts.append(
            html_chart(bars, f"Themes in answers to question {question['number']}", f"themes-q{question['number']}")
        )
        parts.append(html_figures("Theme", bars))
    for theme in themes:
        parts.append(f"<h4>{e(theme_heading(theme))}</h4>")
        if theme.get("description"):
            parts.append(f'<p class="meta">{e(theme["description"])}</p>')
        parts += [html_quote(group) for group in theme["quoted"]]
    points = other_points(question)
    if points and themes:
        parts.append("<h4>Other points</h4>")
    parts += [html_quote(group) for group in points]
    return parts


def chart(doc: Any, bars: list[charts.Bar], title: str) -> None:
    """The chart as an image with its figures as alternative text (the table below repeats them)."""
    doc.add_picture(io.BytesIO(charts.png(bars)), width=Inches(6))
    properties = doc.inline_shapes[-1]._inline.docPr
    properties.set("title", title)
    properties.set("descr", charts.describe(title, bars))


def docx_free_text(doc: Any, question: dict[str, Any], index: int) -> None:
    themes = themes_with_quotes(question)
    if themes:
        doc.add_paragraph().add_run("Themes, by how many respondents raised them").bold = True
        bars = charts.theme_bars(themes)
        chart(doc, bars, f"Themes in answers to question {question['number']}")
        docx_table(
            doc, ["Theme", "Respondents", "Share"], [[b.label, str(b.count), f"{b.percent:g}%"] for b in bars], {1, 2}
        )
    quote_style = doc.styles["Quote"]
    for theme in themes:
        doc.add_heading(theme_heading(theme), level=4)
        if theme.get("description"):
            doc.add_paragraph().add_run(NOT_XML.sub("", theme["description"])).italic = True
        for group in theme["quoted"]:
            doc.add_paragraph(NOT_XML.sub("", group["text"] + given_by(group)), style=quote_style)
    if question.get("points"):
        if themes:
            doc.add_heading("Other points", level=4)
        doc.add_paragraph(f"{MARK}POINTS:{index}{MARK}")


def docx_table(doc: Any, header: list[str], rows: list[list[str]], numeric_columns: set[int]) -> None:
    """A table whose first row is a header row (bold, repeated on every page the table runs over)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for index, label in enumerate(header):
        table.rows[0].cells[index].paragraphs[0].add_run(label).bold = True
    if any(header):
        row_properties = table.rows[0]._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:tblHeader"))
    for row in rows:
        cells = table.add_row().cells
        for index, value in enumerate(row):
            cells[index].text = value
            if index in numeric_columns:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
