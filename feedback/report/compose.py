"""The cycle report as a sequence of blocks, in the style of the Working Group's documents. Pure.

Chapters with Roman numerals, sections with capital letters, body paragraphs numbered through the
whole document, tables with a header row. The writers (writers.py) turn the same blocks into
Markdown, HTML or Word, so the three say exactly the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from consult.articles import articles_label
from feedback.report.cells import OTHER_LABEL
from feedback.summary.writers import long_date, paragraphs

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORGANISATION = "Arms Trade Treaty: Working Group on Transparency and Reporting"
NOTE = (
    "Participants take part in the advisory group in their personal expert capacity; their views are not "
    "attributed to any State or organisation (Annex 1, paragraph 11). This report contains no information that "
    "could identify a participant (paragraph 13): counts of people by category are shown only for groups of at "
    "least {min_cell}, smaller ones are merged or given as “fewer than {min_cell}”."
)


@dataclass(frozen=True)
class Heading:
    level: int  # 1: the title, 2: a chapter (I.), 3: a section (A.)
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: int | None = None  # the document's running paragraph number
    style: str = "body"  # body | meta | draft | note | quote


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = field(default_factory=frozenset)


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class ReportDocument:
    content: dict[str, Any]
    introduction: str = ""
    conclusions: str = ""
    state: str = "draft"  # draft | approved

    @property
    def is_draft(self) -> bool:
        return self.state == "draft"


def title_of(content: dict[str, Any]) -> str:
    return f"The work of the advisory group in the cycle {content['cycle']['name']}"


def count_text(count: int | None, min_cell: int) -> str:
    return f"fewer than {min_cell}" if count is None else str(count)


def round_dates(round_: dict[str, Any]) -> str:
    if round_.get("held_on"):
        return f"held on {long_date(round_['held_on'])}"
    return f"{long_date(round_['opens_on'])} to {long_date(round_['closes_on'])}"


def tool_label(round_: dict[str, Any]) -> str:
    articles = articles_label(round_.get("articles", []))
    return round_["tool"] + (f" ({articles})" if articles else "")


class _Numbering:
    def __init__(self) -> None:
        self.paragraph = 0
        self.table = 0

    def para(self, text: str) -> Paragraph:
        self.paragraph += 1
        return Paragraph(text, self.paragraph)

    def table_caption(self, text: str) -> str:
        self.table += 1
        return f"Table {self.table}. {text}"


def compose(document: ReportDocument) -> list[Block]:
    content = document.content
    number = _Numbering()
    cycle = content["cycle"]
    blocks: list[Block] = [Paragraph(ORGANISATION, style="meta"), Heading(1, title_of(content))]
    as_at = long_date(cycle["figures_as_at"])
    blocks.append(
        Paragraph(
            f"Report of the ATT Secretariat. Cycle {long_date(cycle['starts_on'])} to {long_date(cycle['ends_on'])}; "
            f"figures as at {as_at} (generated on {long_date(content['generated_on'])}).",
            style="meta",
        )
    )
    if document.is_draft:
        blocks.append(Paragraph("DRAFT: not yet approved by the Secretariat.", style="draft"))
    chapters = [
        ("Introduction", _introduction(document, number)),
        ("The advisory group", _group(content, number)),
        ("Consultations held and written input sought", _rounds(content, number)),
        ("What experts said", _what_experts_said(content, number)),
        ("Follow-up to the feedback: you said, we did", _follow_up(content, number)),
    ]
    if document.conclusions.strip():
        chapters.append(("Conclusions", [number.para(block) for block in paragraphs(document.conclusions)]))
    for index, (title, chapter) in enumerate(chapters):
        blocks.append(Heading(2, f"{ROMAN[index]}. {title}"))
        blocks += chapter
    blocks.append(Paragraph(NOTE.format(min_cell=content["min_cell"]), style="note"))
    return blocks


def _introduction(document: ReportDocument, number: _Numbering) -> list[Block]:
    cycle = document.content["cycle"]
    opening = (
        "In accordance with paragraph 13 of the terms of reference of the advisory group (Annex 1), the Secretariat "
        "reports to the Working Group on Transparency and Reporting on the work of the advisory group during the "
        f"cycle {cycle['name']}, alongside its report on its reporting and information-exchange tools."
    )
    if cycle.get("under_way"):
        opening += " The cycle is still under way: the figures are those of the date given above."
    return [number.para(opening)] + [number.para(block) for block in paragraphs(document.introduction)]


def _group(content: dict[str, Any], number: _Numbering) -> list[Block]:
    group, min_cell = content["group"], content["min_cell"]
    at_end, joined, left = (count_text(value, min_cell) for value in group["total"])
    columns = group["broken_down"]
    if not group["rows"]:
        breakdown = f"No breakdown by category is given: the groups would be smaller than {min_cell}."
    else:
        breakdown = (
            f"Table 1 gives {'these figures' if len(columns) == 3 else 'the figures that are large enough'} "
            f"by category of participant; categories with fewer than {min_cell} participants in a column are "
            f"merged into “{OTHER_LABEL}”."
        )
    blocks: list[Block] = [
        Heading(3, "A. Participants"),
        number.para(
            f"At the end of the period, the advisory group had {at_end} participants. During the cycle, {joined} "
            f"joined the group and {left} left it (withdrew or were removed). {breakdown}"
        ),
    ]
    if group["rows"]:
        rows = [(row["label"], *(str(value) for value in row["counts"])) for row in group["rows"]]
        rows.append(("Total", *(count_text(group["total"][index], min_cell) for index in columns)))
        blocks.append(
            Table(
                number.table_caption("Participants by category"),
                ("Category", *(group["columns"][index] for index in columns)),
                tuple(rows),
                frozenset(range(1, len(columns) + 1)),
            )
        )
    activity = {item["key"]: count_text(item["count"], min_cell) for item in group["activity"]}
    blocks += [
        Heading(3, "B. Registrations and invitations"),
        number.para(
            f"The Secretariat received {activity['registrations']} registrations (paragraphs 3 and 5) and sent "
            f"{activity['invitations']} invitations (paragraph 6). "
            f"It approved {activity['approved']} applications and declined {activity['declined']}."
        ),
        Table(
            number.table_caption("Registrations, invitations and decisions"),
            ("During the cycle", "Number"),
            tuple((item["label"], count_text(item["count"], min_cell)) for item in group["activity"]),
            frozenset({1}),
        ),
    ]
    return blocks


def _rounds(content: dict[str, Any], number: _Numbering) -> list[Block]:
    rounds = content["rounds"]
    meetings = [round_ for round_ in rounds if round_["meeting"]]
    written = [round_ for round_ in rounds if not round_["meeting"]]
    blocks: list[Block] = [
        number.para(
            f"The Secretariat held {len(meetings)} consultation{'s' if len(meetings) != 1 else ''} online or in "
            f"person, of the two the cycle allows (paragraph 10), and sought written input {len(written)} "
            f"time{'s' if len(written) != 1 else ''}. Respondents and response rates are those at closing; "
            "the number attending a meeting is given where attendance was taken."
        )
    ]
    for letter, (title, items, with_meeting) in zip(
        LETTERS,
        (("Consultations held (online and in person)", meetings, True), ("Written input sought", written, False)),
        strict=False,
    ):
        blocks.append(Heading(3, f"{letter}. {title}"))
        if not items:
            blocks.append(number.para("None in this cycle."))
            continue
        header = ("No.", "Consultation", "Tool or initiative", "Stage", "Mode", "Dates", "Respondents", "Rate")
        rows = [_round_row(round_, with_meeting, content["min_cell"]) for round_ in items]
        blocks.append(
            Table(
                number.table_caption(title),
                (*header, "Attended") if with_meeting else header,
                tuple(rows),
                frozenset({0, 6, 7, 8}),
            )
        )
    return blocks


def _round_row(round_: dict[str, Any], with_meeting: bool, min_cell: int) -> tuple[str, ...]:
    finished = round_["respondents"] is not None
    row = (
        str(round_["number"]),
        round_["title"],
        tool_label(round_),
        round_["stage"],
        round_["mode_label"],
        round_dates(round_),
        str(round_["respondents"]) if finished else round_["state_label"],
        f"{round_['rate']}%" if finished else "",
    )
    if not with_meeting:
        return row
    attended = count_text(round_["attended"], min_cell) if round_["attendance_taken"] else "not recorded"
    return (*row, attended)


def _what_experts_said(content: dict[str, Any], number: _Numbering) -> list[Block]:
    blocks: list[Block] = []
    if not content["rounds"]:
        return [number.para("No consultation was held and no written input was sought in this cycle.")]
    for letter, round_ in zip(LETTERS, content["rounds"], strict=False):
        blocks.append(Heading(3, f"{letter}. {round_['title']}"))
        blocks.append(
            Paragraph(
                f"Consultation {round_['number']}: {tool_label(round_)}; {round_['stage'].lower()} stage; "
                f"{round_['mode_label'].lower()}, {round_dates(round_)}.",
                style="meta",
            )
        )
        blocks += list(_summary_blocks(round_, number))
        if round_["follow_ups"]:
            listed = ", ".join(str(item) for item in round_["follow_ups"])
            blocks.append(
                Paragraph(
                    f"Follow-up: action{'s' if len(round_['follow_ups']) > 1 else ''} {listed} in chapter V.",
                    style="meta",
                )
            )
    return blocks


def _summary_blocks(round_: dict[str, Any], number: _Numbering) -> Iterator[Block]:
    summary = round_["summary"]
    if summary is None:
        yield number.para(
            "The Chair has not yet approved a summary of this consultation."
            if round_["respondents"] is not None
            else f"This consultation is {round_['state_label'].lower()}: its summary follows once it has closed."
        )
        return
    narrative = paragraphs(summary["narrative"])
    if narrative:
        yield number.para(f"The Chair summarised the views of the {summary['respondents']} respondents as follows.")
        for block in narrative:
            yield Paragraph(block, style="quote")
    else:
        yield number.para(
            f"The Chair's summary of the views of the {summary['respondents']} respondents has no narrative."
        )
    if summary["themes"]:
        more = summary.get("more_themes", 0)
        yield number.para(
            "The main themes raised, with the number of respondents who raised each"
            + (f" ({more} further theme{'s' if more != 1 else ''} in the Chair's summary):" if more else ":")
        )
        yield Table(
            number.table_caption(f"Main themes, consultation {round_['number']}"),
            ("Theme", "Question", "Respondents", "Share"),
            tuple(
                (theme["name"], str(theme["question"]), str(theme["respondents"]), f"{theme['percent']:g}%")
                for theme in summary["themes"]
            ),
            frozenset({1, 2, 3}),
        )


def status_text(action: dict[str, Any]) -> str:
    if action["status"] == "not_taken_up":
        return f"Not taken up: {action['reason']}"
    if action["status"] == "done" and action.get("completed_on"):
        return f"Done ({long_date(action['completed_on'])})"
    return action["status_label"]


def answers_text(action: dict[str, Any]) -> str:
    rounds = ", ".join(str(item) for item in action["rounds"])
    text = f"Consultation{'s' if len(action['rounds']) > 1 else ''} {rounds}"
    if action["themes"]:
        text += f"; theme{'s' if len(action['themes']) > 1 else ''}: " + "; ".join(action["themes"])
    return text


def _follow_up(content: dict[str, Any], number: _Numbering) -> list[Block]:
    actions = content["follow_ups"]
    if not actions:
        return [number.para("No follow-up action has been recorded for this cycle's consultations yet.")]
    done = sum(1 for action in actions if action["status"] == "done")
    planned = sum(1 for action in actions if action["status"] == "planned")
    declined = len(actions) - done - planned
    return [
        number.para(
            f"The Secretariat recorded {len(actions)} action{'s' if len(actions) != 1 else ''} in response to the "
            f"experts' feedback: {done} done, {planned} planned and {declined} not taken up, with the reason."
        ),
        Table(
            number.table_caption("Follow-up actions"),
            ("No.", "You said (in response to)", "We did", "Tool", "Status"),
            tuple(
                (str(action["number"]), answers_text(action), action["action"], action["tool"], status_text(action))
                for action in actions
            ),
            frozenset({0}),
        ),
    ]
