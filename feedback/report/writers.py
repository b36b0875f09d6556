"""Write the cycle report as Markdown, standalone HTML, Word (.docx) or JSON. Pure: plain data in, bytes out."""

from __future__ import annotations

import html
import io
import json
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from feedback.report.compose import NOTE, Heading, Paragraph, ReportDocument, Table, compose, title_of
from feedback.summary import markdown_text
from feedback.summary.themed import NOT_XML, docx_table, md_cell
from feedback.summary.writers import CONTENT_TYPES, FORMATS, HTML_STYLE, writer_for

__all__ = ["CONTENT_TYPES", "FORMATS", "ReportDocument", "write"]


def write(document: ReportDocument, fmt: str) -> bytes:
    return writer_for(fmt, {"md": to_markdown, "html": to_html, "docx": to_docx, "json": to_json})(document)


# --- Markdown -----------------------------------------------------------------------------------


def to_markdown(document: ReportDocument) -> bytes:
    lines: list[str] = []
    for block in compose(document):
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level)} {block.text}", ""]
        elif isinstance(block, Table):
            lines += [f"*{block.caption}*", "", "| " + " | ".join(md_cell(label) for label in block.header) + " |"]
            lines.append(
                "|" + "|".join("---:" if index in block.numeric else "---" for index in range(len(block.header))) + "|"
            )
            lines += ["| " + " | ".join(md_cell(value) for value in row) + " |" for row in block.rows]
            lines.append("")
        else:
            lines += [_md_paragraph(block), ""]
    return markdown_text.neutralise("\n".join(lines)).encode("utf-8")


def _md_paragraph(block: Paragraph) -> str:
    if block.number is not None:
        return f"{block.number}. {block.text}"  # an ordered list keeps its first number
    if block.style == "quote":
        return "\n".join(f"> {line}" for line in block.text.splitlines())
    if block.style == "draft":
        return f"**{block.text}**"
    if block.style in ("meta", "note"):
        return f"*{block.text}*"
    return block.text


# --- HTML ---------------------------------------------------------------------------------------

_REPORT_STYLE = " ".join(
    [
        "p.para{display:grid;grid-template-columns:2.5rem 1fr}",
        ".para-number{color:#56616d}",
        "caption{text-align:left;font-weight:bold;padding:.25rem 0}",
        ".organisation{text-transform:uppercase;letter-spacing:.04em;color:#56616d;font-size:.85rem}",
    ]
)


def to_html(document: ReportDocument) -> bytes:
    e = html.escape
    title = title_of(document.content)
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{HTML_STYLE} {_REPORT_STYLE}</style></head><body>",
    ]
    for block in compose(document):
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{e(block.text)}</h{block.level}>")
        elif isinstance(block, Table):
            parts.append(_html_table(block))
        else:
            parts.append(_html_paragraph(block, first=len(parts) == 2))
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def _html_table(table: Table) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(label)}</th>' for label in table.header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{e(value)}</td>' if index in table.numeric else f"<td>{e(value)}</td>"
            for index, value in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return f"<table><caption>{e(table.caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_paragraph(block: Paragraph, *, first: bool) -> str:
    text = html.escape(block.text)
    if block.number is not None:
        return f'<p class="para"><span class="para-number">{block.number}.</span><span>{text}</span></p>'
    if block.style == "quote":
        return f"<blockquote><p>{text}</p></blockquote>"
    if block.style == "draft":
        return f'<p class="draft">{text}</p>'
    if block.style == "note":
        return f'<p class="note">{text}</p>'
    return f'<p class="{"organisation" if first else "meta"}">{text}</p>'


# --- Word ---------------------------------------------------------------------------------------
#
# The house style of treaty working-group documents: Times New Roman, chapter headings with Roman
# numerals, section headings with capital letters, body paragraphs numbered through the document with
# a hanging indent, tables with a bold header row repeated across pages.


def to_docx(document: ReportDocument) -> bytes:
    doc = Document()
    _styles(doc)
    doc.core_properties.title = title_of(document.content)
    doc.core_properties.author = "ATT Secretariat"  # never the generating user's name
    for index, block in enumerate(compose(document)):
        if isinstance(block, Heading):
            doc.add_heading(_clean(block.text), level=block.level)
        elif isinstance(block, Table):
            caption = doc.add_paragraph()
            caption.add_run(_clean(block.caption)).bold = True
            caption.paragraph_format.keep_with_next = True
            docx_table(doc, [_clean(label) for label in block.header], _clean_rows(block.rows), set(block.numeric))
        else:
            _docx_paragraph(doc, block, first=index == 0)
    output = io.BytesIO()
    doc.save(output)
    return output.getvalue()


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 16), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 12)):
        style = doc.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
    doc.styles["Heading 3"].font.italic = True


def _docx_paragraph(doc: Any, block: Paragraph, *, first: bool) -> None:
    text = _clean(block.text)
    if block.number is not None:
        paragraph = doc.add_paragraph(f"{block.number}.\t{text}")
        paragraph.paragraph_format.left_indent = Cm(1.0)
        paragraph.paragraph_format.first_line_indent = Cm(-1.0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return
    if block.style == "quote":
        paragraph = doc.add_paragraph(text, style="Quote")
        paragraph.paragraph_format.left_indent = Cm(1.5)
        return
    run = doc.add_paragraph().add_run(text)
    if block.style == "draft":
        run.bold = True
        run.font.color.rgb = RGBColor(0x7A, 0x4B, 0x00)
    elif block.style == "note":
        run.font.size = Pt(9)
    elif first:
        run.bold = True
        run.font.all_caps = True
    else:
        run.italic = True


def _clean(text: str) -> str:
    return NOT_XML.sub("", text)


def _clean_rows(rows: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    return [[_clean(value) for value in row] for row in rows]


# --- JSON ---------------------------------------------------------------------------------------


def to_json(document: ReportDocument) -> bytes:
    content = document.content
    rounds = [
        {**round_, "summary": _json_summary(round_["summary"])} if round_.get("summary") else round_
        for round_ in content["rounds"]
    ]
    payload = {
        "title": title_of(content),
        "state": document.state,
        "introduction": document.introduction,
        "conclusions": document.conclusions,
        **{key: value for key, value in content.items() if key != "rounds"},
        "rounds": rounds,
        "note": NOTE.format(min_cell=content["min_cell"]),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


def _json_summary(summary: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in summary.items() if key != "vocabulary"}
