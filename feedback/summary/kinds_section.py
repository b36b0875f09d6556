"""The parts of a summary question that only rankings, grids, numbers and files have, in each written format.

A ranking shows its chart of first places like any distribution, then the mean rank of each item; a
grid shows one table of counts (statements by the scale) and a chart per statement. Pure: the
question's plain data in, lines, markup or Word paragraphs out.
"""

from __future__ import annotations

import html
from typing import Any

from feedback.summary import charts, themed
from feedback.summary.themed import docx_table, md_cell

RANKING_NOTE = "Mean rank of each item (1 = ranked first), best first, and how often it was ranked first."


def number_line(question: dict[str, Any]) -> str:
    numbers = question.get("numbers")
    return f"Mean {numbers['mean']:g}, median {numbers['median']:g}." if numbers else ""


def file_line(question: dict[str, Any]) -> str:
    files = question.get("files")
    if not files:
        return ""
    return "1 respondent gave a file." if files == 1 else f"{files} respondents gave a file."


def lead_line(question: dict[str, Any]) -> str:
    """The one-line figure of a number or a file question."""
    return number_line(question) or file_line(question)


def ranking_rows(question: dict[str, Any]) -> list[list[str]]:
    return [
        [item["label"], "-" if item["mean_rank"] is None else f"{item['mean_rank']:g}", f"{item['first']}"]
        for item in question.get("ranking", [])
    ]


def grid_table(question: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    grid = question["grid"]
    header = ["Statement", *grid["scale"], "Answered"]
    rows = [
        [row["statement"], *(str(bar["count"]) for bar in row["bars"]), str(row["answered"])] for row in grid["rows"]
    ]
    return header, rows


def _grid_charts(question: dict[str, Any]) -> list[tuple[str, list[charts.Bar]]]:
    return [
        (f"Question {question['number']}, statement {number}: {row['statement']}", charts.distribution_bars(row))
        for number, row in enumerate(question["grid"]["rows"], start=1)
        if row["answered"]
    ]


def markdown(question: dict[str, Any]) -> list[str]:
    lines: list[str] = [lead_line(question), ""] if lead_line(question) else []
    if question.get("ranking"):
        lines += [RANKING_NOTE, "", "| Item | Mean rank | Ranked first |", "|---|---:|---:|"]
        lines += [f"| {md_cell(label)} | {mean} | {first} |" for label, mean, first in ranking_rows(question)]
        lines.append("")
    if question.get("grid"):
        header, rows = grid_table(question)
        lines += ["| " + " | ".join(md_cell(cell) for cell in header) + " |"]
        lines += ["|---|" + "---:|" * (len(header) - 1)]
        lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
        lines.append("")
    return lines


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(cell)}</th>' for cell in header)
    body = "".join(
        "<tr>" + f"<td>{e(row[0])}</td>" + "".join(f'<td class="num">{e(cell)}</td>' for cell in row[1:]) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_parts(question: dict[str, Any]) -> list[str]:
    parts: list[str] = [f"<p>{html.escape(lead_line(question))}</p>"] if lead_line(question) else []
    if question.get("ranking"):
        parts += [
            f"<p>{html.escape(RANKING_NOTE)}</p>",
            _html_table(["Item", "Mean rank", "Ranked first"], ranking_rows(question)),
        ]
    if question.get("grid"):
        parts.append(_html_table(*grid_table(question)))
        for index, (title, bars) in enumerate(_grid_charts(question), start=1):
            parts.append(themed.html_chart(bars, title, f"chart-q{question['number']}-s{index}"))
    return parts


def docx(doc: Any, question: dict[str, Any]) -> None:
    if lead_line(question):
        doc.add_paragraph(lead_line(question))
    if question.get("ranking"):
        doc.add_paragraph(RANKING_NOTE)
        docx_table(doc, ["Item", "Mean rank", "Ranked first"], ranking_rows(question), {1, 2})
    if question.get("grid"):
        header, rows = grid_table(question)
        docx_table(doc, header, rows, set(range(1, len(header))))
        for title, bars in _grid_charts(question):
            themed.chart(doc, bars, title)


def has_kind_section(question: dict[str, Any]) -> bool:
    return bool(
        question.get("ranking")
        or question.get("numbers")
        or question.get("files")
        or (question.get("grid") and question.get("answered"))
    )
