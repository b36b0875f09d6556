"""Write a summary as Markdown, standalone HTML, Word (.docx) or JSON. Pure: plain data in, bytes out."""

from __future__ import annotations

import datetime
import html
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.shared import Pt, RGBColor

from consult.articles import articles_label
from feedback.summary import charts, kinds_section, markdown_text, meeting_section, themed
from feedback.summary.content import has_free_text, other_points, themes_with_quotes
from feedback.summary.themed import (
    APPENDIX_NOTE,
    APPENDIX_TITLE,
    MARK,
    NOT_XML,
    appendix_questions,
    docx_table,
    given_by,
    md_cell,
)

FORMATS = ("md", "html", "docx", "json")
CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}

CAPACITY_NOTE = (
    "Participants took part in their personal expert capacity; their views are not attributed to any State "
    "or organisation (Annex 1, paragraph 11). Names, contact details, organisations and countries have been "
    "removed from quoted text, and participation by category is shown only for groups of at least {min_cell} "
    "respondents (paragraph 13)."
)


@dataclass(frozen=True)
class SummaryDocument:
    """What every writer needs: the generated content, the Chair's narrative and the approval state."""

    content: dict[str, Any]
    narrative: str = ""
    state: str = "draft"  # draft | approved | published
    appendix: bool = False  # every anonymized answer, grouped, after the responses

    @property
    def is_draft(self) -> bool:
        return self.state == "draft"


def write(document: SummaryDocument, fmt: str) -> bytes:
    return writer_for(fmt, {"md": to_markdown, "html": to_html, "docx": to_docx, "json": to_json})(document)


def writer_for(fmt: str, writers: dict[str, Callable[[Any], bytes]]) -> Callable[[Any], bytes]:
    """The writer of `fmt` among a document's writers (the summary's, the cycle report's). Raises ValueError."""
    if fmt not in writers:
        raise ValueError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    return writers[fmt]


def long_date(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def title_of(content: dict[str, Any]) -> str:
    return f"Summary of the consultation: {content['round']['title']}"


def facts(content: dict[str, Any]) -> list[tuple[str, str]]:
    facts_ = content["round"]
    articles = articles_label(facts_.get("articles", []))
    rows = [
        ("Tool or initiative", facts_["tool"] + (f" ({articles})" if articles else "")),
        ("Cycle", facts_["cycle"]),
        ("Stage", facts_["stage"]),
        ("Mode", facts_["mode"]),
        ("Open", f"{long_date(facts_['opens_on'])} to {long_date(facts_['closes_on'])}"),
        ("Respondents", str(content["respondents"])),
    ]
    if facts_.get("restricted"):
        rows.append(("Restricted", "States Parties' representatives only (Annex 1, paragraph 9)"))
    return rows


def participation_sentence(participation: dict[str, Any]) -> str:
    if participation["suppressed"]:
        sentence = (
            f"Fewer than {participation['min_cell']} participants responded, so no breakdown by category is shown."
        )
    else:
        sentence = "Respondents by category of participant."
    late = participation.get("after_closing", 0)
    if late:
        answers = "answer was" if late == 1 else "answers were"
        sentence += f" {late} more written {answers} received after closing: counted under each question, not here."
    return sentence


def question_meta(question: dict[str, Any]) -> str:
    answered = question["answered"]
    meta = f"{question['kind_label']}; {answered} {'response' if answered == 1 else 'responses'}"
    if "asked" in question:  # a follow-up question: not everyone was asked it
        asked = question["asked"]
        meta += f"; a follow-up question, asked of {asked} {'respondent' if asked == 1 else 'respondents'}"
    return meta


def rating_line(distribution: dict[str, Any]) -> str:
    if distribution.get("mean") is None:
        return ""
    return f"Average rating {distribution['mean']} out of 5 (median {distribution['median']:g})."


def paragraphs(text: str) -> list[str]:
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


# --- Markdown -----------------------------------------------------------------------------------


def to_markdown(document: SummaryDocument) -> bytes:
    content = document.content
    lines = [f"# {title_of(content)}", ""]
    if document.is_draft:
        lines += ["**DRAFT: not yet approved by the Chair.**", ""]
    lines += ["## About the consultation", ""]
    lines += [f"- **{label}:** {value}" for label, value in facts(content)]
    lines.append("")
    if document.narrative.strip():
        lines += ["## Summary by the Chair", ""]
        for block in paragraphs(document.narrative):
            lines += [block, ""]
    participation = content["participation"]
    lines += ["## Participation", "", participation_sentence(participation), ""]
    if participation["cells"]:
        lines += ["| Category | Respondents |", "|---|---:|"]
        lines += [f"| {md_cell(cell['label'])} | {cell['count']} |" for cell in participation["cells"]]
        lines += [f"| **Total** | **{participation['total']}** |", ""]
    lines += ["## Responses", ""]
    for question in content["questions"]:
        lines += [f"### {question['number']}. {question['text']}", "", f"*{question_meta(question)}*", ""]
        distribution = question.get("distribution")
        if distribution:
            lines += ["| Answer | Respondents | Share |", "|---|---:|---:|"]
            lines += [
                f"| {md_cell(bar['label'])} | {bar['count']} | {bar['percent']:g}% |" for bar in distribution["bars"]
            ]
            lines.append("")
            if rating_line(distribution):
                lines += [rating_line(distribution), ""]
        lines += kinds_section.markdown(question)
        lines += themed.md_free_text(question)
        if not distribution and not has_free_text(question) and not kinds_section.has_kind_section(question):
            lines += ["No responses to this question.", ""]
    lines += meeting_section.markdown(content)
    for question in appendix_questions(document):
        if question is appendix_questions(document)[0]:
            lines += [f"## {APPENDIX_TITLE}", "", APPENDIX_NOTE, ""]
        lines += [f"### {question['number']}. {question['text']}", ""]
        lines += [line for group in question["groups"] for line in (themed.md_quote(group), "")]
    lines += ["---", "", CAPACITY_NOTE.format(min_cell=participation["min_cell"]), ""]
    return markdown_text.neutralise("\n".join(lines)).encode("utf-8")


# --- HTML ---------------------------------------------------------------------------------------

HTML_STYLE = " ".join(
    [
        "body{font-family:Arial,Helvetica,sans-serif;color:#1c232b;line-height:1.55}",
        "body{max-width:46rem;margin:2rem auto;padding:0 1rem}",
        "h1{color:#0f2f4a;font-size:1.7rem}",
        "h2{color:#0f2f4a;border-bottom:2px solid #e6eef5;padding-bottom:.25rem;margin-top:2rem}",
        "h3{color:#163f63;font-size:1.1rem;margin-top:1.5rem}",
        ".meta{color:#56616d;font-style:italic}",
        "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}",
        "th,td{border-bottom:1px solid #e2e6ea;padding:.35rem .5rem;text-align:left}",
        "th{background:#f3f7fb}",
        "td.num{text-align:right;font-variant-numeric:tabular-nums}",
        "figure.chart{margin:.75rem 0}",
        ".bar-chart{width:100%;max-width:40rem;height:auto;display:block}",
        "h4{color:#163f63;font-size:1rem;margin:1.25rem 0 .25rem}",
        "blockquote p{margin:0}",
        ".given{color:#56616d;font-size:.9rem;margin-top:.25rem}",
        "blockquote{margin:.75rem 0;padding:.5rem 1rem;border-left:4px solid #245f8e;background:#f3f7fb}",
        ".draft{background:#fdf1d8;border-left:5px solid #7a4b00;padding:.5rem 1rem;font-weight:bold}",
        ".note{color:#56616d;font-size:.9rem;border-top:1px solid #e2e6ea;padding-top:1rem;margin-top:2rem}",
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1.5rem}",
        "dt{font-weight:bold}",
        "dd{margin:0}",
    ]
)


def to_html(document: SummaryDocument) -> bytes:
    content = document.content
    e = html.escape
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title_of(content))}</title><style>{HTML_STYLE}</style></head><body>",
        f"<h1>{e(title_of(content))}</h1>",
    ]
    if document.is_draft:
        parts.append('<p class="draft">DRAFT: not yet approved by the Chair.</p>')
    parts.append("<h2>About the consultation</h2><dl>")
    parts += [f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in facts(content)]
    parts.append("</dl>")
    if document.narrative.strip():
        parts.append("<h2>Summary by the Chair</h2>")
        parts += [f"<p>{e(block)}</p>" for block in paragraphs(document.narrative)]
    participation = content["participation"]
    parts += ["<h2>Participation</h2>", f"<p>{e(participation_sentence(participation))}</p>"]
    if participation["cells"]:
        parts.append(
            '<table><thead><tr><th scope="col">Category</th><th scope="col">Respondents</th></tr></thead><tbody>'
        )
        parts += [f'<tr><td>{e(c["label"])}</td><td class="num">{c["count"]}</td></tr>' for c in participation["cells"]]
        parts.append(
            f'<tr><th scope="row">Total</th><td class="num">{participation["total"]}</td></tr></tbody></table>'
        )
    parts.append("<h2>Responses</h2>")
    for question in content["questions"]:
        parts += [
            f"<h3>{question['number']}. {e(question['text'])}</h3>",
            f'<p class="meta">{e(question_meta(question))}</p>',
        ]
        distribution = question.get("distribution")
        if distribution:
            bars = charts.distribution_bars(distribution)
            parts.append(
                themed.html_chart(bars, f"Answers to question {question['number']}", f"chart-q{question['number']}")
            )
            parts.append(themed.html_figures("Answer", bars))
            if rating_line(distribution):
                parts.append(f"<p>{e(rating_line(distribution))}</p>")
        parts += kinds_section.html_parts(question)
        parts += themed.html_free_text(question)
        if not distribution and not has_free_text(question) and not kinds_section.has_kind_section(question):
            parts.append("<p>No responses to this question.</p>")
    parts += meeting_section.html(content)
    for index, question in enumerate(appendix_questions(document)):
        if index == 0:
            parts += [f"<h2>{e(APPENDIX_TITLE)}</h2>", f"<p>{e(APPENDIX_NOTE)}</p>"]
        parts.append(f"<h3>{question['number']}. {e(question['text'])}</h3>")
        parts += [themed.html_quote(group) for group in question["groups"]]
    parts.append(f'<p class="note">{e(CAPACITY_NOTE.format(min_cell=participation["min_cell"]))}</p></body></html>')
    return "\n".join(parts).encode("utf-8")


# --- Word ---------------------------------------------------------------------------------------
#
# python-docx holds the whole document in memory and slows down as it grows, so the document is
# built without its long lists of quotes (the other points and the appendix: one marker paragraph per
# question), then they are streamed into word/document.xml in their place: memory and time stay
# proportional to one quote. Themes and their few quotes are written by python-docx directly.

_MARKER_PARAGRAPH = re.compile(rf"<w:p\b[^>]*>(?:(?!<w:p\b).)*?{MARK}(POINTS|APPENDIX):(\d+){MARK}.*?</w:p>", re.DOTALL)


def _skeleton(document: SummaryDocument) -> Any:
    content = document.content
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = title_of(content)
    doc.core_properties.author = "WGTR advisory group"  # never the generating user's name
    doc.add_heading(title_of(content), level=1)
    if document.is_draft:
        warning = doc.add_paragraph().add_run("DRAFT: not yet approved by the Chair.")
        warning.bold = True
        warning.font.color.rgb = RGBColor(0x7A, 0x4B, 0x00)
    doc.add_heading("About the consultation", level=2)
    docx_table(doc, ["", ""], [[label, value] for label, value in facts(content)], set())
    if document.narrative.strip():
        doc.add_heading("Summary by the Chair", level=2)
        for block in paragraphs(document.narrative):
            doc.add_paragraph(NOT_XML.sub("", block))
    participation = content["participation"]
    doc.add_heading("Participation", level=2)
    doc.add_paragraph(participation_sentence(participation))
    if participation["cells"]:
        rows = [[cell["label"], str(cell["count"])] for cell in participation["cells"]]
        docx_table(doc, ["Category", "Respondents"], [*rows, ["Total", str(participation["total"])]], {1})
    doc.add_heading("Responses", level=2)
    for index, question in enumerate(content["questions"]):
        doc.add_heading(f"{question['number']}. {question['text']}", level=3)
        doc.add_paragraph().add_run(question_meta(question)).italic = True
        distribution = question.get("distribution")
        if distribution:
            bars = charts.distribution_bars(distribution)
            themed.chart(doc, bars, f"Answers to question {question['number']}")
            rows = [[bar.label, str(bar.count), f"{bar.percent:g}%"] for bar in bars]
            docx_table(doc, ["Answer", "Respondents", "Share"], rows, {1, 2})
            if rating_line(distribution):
                doc.add_paragraph(rating_line(distribution))
        kinds_section.docx(doc, question)
        themed.docx_free_text(doc, question, index)
        if not distribution and not has_free_text(question) and not kinds_section.has_kind_section(question):
            doc.add_paragraph("No responses to this question.")
    meeting_section.docx(doc, content, lambda text: NOT_XML.sub("", text))
    for question in appendix_questions(document):
        if question is appendix_questions(document)[0]:
            doc.add_heading(APPENDIX_TITLE, level=2)
            doc.add_paragraph(APPENDIX_NOTE)
        doc.add_heading(f"{question['number']}. {question['text']}", level=3)
        doc.add_paragraph(f"{MARK}APPENDIX:{content['questions'].index(question)}{MARK}")
    doc.add_paragraph().add_run(CAPACITY_NOTE.format(min_cell=participation["min_cell"])).font.size = Pt(9)
    return doc


def _excerpt_xml(text: str, style_id: str) -> str:
    lines = NOT_XML.sub("", text).split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(line)}</w:t>' for line in lines)
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r>{runs}</w:r></w:p>'


def _streamed(question: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return other_points(question) if kind == "POINTS" else question.get("groups", [])


def to_docx(document: SummaryDocument) -> bytes:
    doc = _skeleton(document)
    quote_style = doc.styles["Quote"].style_id
    skeleton = io.BytesIO()
    doc.save(skeleton)
    questions = document.content["questions"]
    output = io.BytesIO()
    with zipfile.ZipFile(skeleton) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item.filename))
                continue
            pieces = _MARKER_PARAGRAPH.split(source.read(item.filename).decode("utf-8"))
            with target.open("word/document.xml", "w") as stream:
                for position in range(0, len(pieces), 3):
                    stream.write(pieces[position].encode("utf-8"))
                    if position + 2 >= len(pieces):
                        continue
                    kind, number = pieces[position + 1], int(pieces[position + 2])
                    for group in _streamed(questions[number], kind):
                        stream.write(_excerpt_xml(group["text"] + given_by(group), quote_style).encode("utf-8"))
    return output.getvalue()


# --- JSON ---------------------------------------------------------------------------------------


def _json_quote(group: dict[str, Any]) -> dict[str, Any]:
    return {"text": group["text"], "respondents": group["respondents"]}


def _json_question(question: dict[str, Any], appendix: bool) -> dict[str, Any]:
    """A question as the report reads it: no group ids or review flags, quotes as texts with counts."""
    internal = ("groups", "themes", "points")
    built = {key: value for key, value in question.items() if key not in internal}
    if question.get("kind") != "text" and "groups" not in question:
        return built
    built["themes"] = [
        {
            "name": theme["name"],
            "description": theme.get("description", ""),
            "respondents": theme["respondents"],
            "percent": theme["percent"],
            "quotes": [_json_quote(group) for group in theme["quoted"]],
        }
        for theme in themes_with_quotes(question)
    ]
    built["other_points"] = [_json_quote(group) for group in other_points(question)]
    if appendix:
        built["appendix"] = [_json_quote(group) for group in question.get("groups", [])]
    return built


def to_json(document: SummaryDocument) -> bytes:
    content = document.content
    questions = [_json_question(question, document.appendix) for question in content["questions"]]
    payload = {
        "title": title_of(content),
        "state": document.state,
        "narrative": document.narrative,
        **{key: value for key, value in content.items() if key not in ("redactions", "questions")},
        "questions": questions,
        "note": CAPACITY_NOTE.format(min_cell=document.content["participation"]["min_cell"]),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
