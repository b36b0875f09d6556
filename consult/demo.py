"""Demo consultations for `make run` (called by `manage.py seed_demo`; idempotent).

Two cycles, one CSP to the next and never overlapping, the tools consulted on (the online reporting
tool and the information exchange platform hosted in the restricted area, §9), and these rounds: a
closed written request in CSP11-CSP12; in CSP12-CSP13 two requests for written input (one open, with a
questionnaire of every question kind and two documents, opened to every participant with a stated reason;
one scheduled) beside a scheduled online meeting restricted to States Parties. meetings.demo plans the
cycle's second consultation with a time poll, so the cycle shows written requests beside its two
consultations (§10: written input takes no place). No e-mail is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from consult import services
from consult.models import Cycle, Mode, QuestionKind, Round, Stage, Tool
from participants.models import User
from participants.permissions import SECRETARIAT

CYCLES = {"CSP11-CSP12": (date(2025, 8, 29), date(2026, 8, 27)), "CSP12-CSP13": (date(2026, 8, 28), date(2027, 8, 26))}
RESTRICTED_AREA = {"Online reporting tool", "Information exchange platform"}  # per the WGTR Chair's report
TOOLS = {
    "Online reporting tool": ([13], "The web platform States Parties use to prepare and submit their reports."),
    "Information exchange platform": ([11, 13, 15], "Exchange of information on diversion and cooperation."),
    "Annual report template": ([13], "The template for annual reports on exports and imports of conventional arms."),
    "Initial report template": ([13], "The template for initial reports on implementation measures."),
    "Reporting guidance and FAQ": ([13, 17], "Guidance, frequently asked questions and examples for reporting."),
}
OPEN_UNRESTRICTED_REASON = (
    "The workflow note and questions describe the design only; answering needs no access to the restricted "
    "area, and organisations that manage similar reporting have useful experience to share."
)

OPEN_QUESTIONS = [
    ("ease", QuestionKind.RATING, "How easy is the proposed reporting workflow to follow?", [], True),
    ("prefill", QuestionKind.YES_NO, "Should the tool pre-fill a new report with last year's entries?", [], True),
    (
        "formats",
        QuestionKind.MULTI_CHOICE,
        "Which formats should the tool import and export?",
        ["Excel", "CSV", "JSON", "XML", "Word"],
        False,
    ),
    (
        "priority",
        QuestionKind.CHOICE,
        "What should the Secretariat improve first?",
        ["Validation messages", "Built-in guidance", "Offline editing", "Notifications"],
        True,
    ),
    ("suggestions", QuestionKind.TEXT, "What else would make reporting easier for your authorities?", [], False),
]

# The kinds beyond the five above, and a follow-up question (added after them, so "prefill" comes first).
OPEN_EXTRAS: list[dict] = [
    {
        "key": "prefill_what",
        "kind": QuestionKind.TEXT,
        "text": "Which of last year's entries should be pre-filled?",
        "show_if": {"question": "prefill", "in": ["yes"]},
    },
    {
        "key": "staff",
        "kind": QuestionKind.NUMBER,
        "text": "How many people in your authority work on the annual report?",
        "min_value": 0,
        "max_value": 200,
    },
    {
        "key": "order",
        "kind": QuestionKind.RANKING,
        "text": "Rank these improvements, the most useful first.",
        "choices": ["Validation messages", "Built-in guidance", "Offline editing"],
    },
    {
        "key": "statements",
        "kind": QuestionKind.GRID,
        "text": "How far do you agree with each statement?",
        "choices": ["Disagree", "Neutral", "Agree"],
        "rows": ["The workflow note is clear", "The field list is complete"],
    },
    {
        "key": "screenshot",
        "kind": QuestionKind.FILE,
        "text": "If a step of the current tool confused you, attach a screenshot of it.",
        "help_text": "Optional. Images and PDF files; what identifies you in the file's details is removed.",
    },
]


@dataclass(frozen=True)
class DemoRounds:
    open_written: Round
    online_meeting: Round
    closed: Round
    written_request: Round | None = None


def _secretariat() -> User | None:
    return User.objects.filter(groups__name=SECRETARIAT).order_by("pk").first()


def _cycles() -> dict[str, Cycle]:
    cycles = {}
    for name, (starts_on, ends_on) in CYCLES.items():
        cycles[name], _ = Cycle.objects.get_or_create(name=name, defaults={"starts_on": starts_on, "ends_on": ends_on})
    return cycles


def _tools(by: User | None) -> dict[str, Tool]:
    tools = {}
    for name, (articles, description) in TOOLS.items():
        tool = Tool.objects.filter(name=name).first()
        tools[name] = tool or services.save_tool(
            by=by, name=name, articles=articles, description=description, restricted_area=name in RESTRICTED_AREA
        )
    return tools


@transaction.atomic
def seed(*, now: datetime | None = None) -> DemoRounds:
    """Create what is missing; running it again changes nothing. Returns the rounds for feedback.demo."""
    now = now or timezone.now()
    by = _secretariat()
    cycles, tools = _cycles(), _tools(by)
    closed = Round.objects.filter(cycle=cycles["CSP11-CSP12"], title=CLOSED_TITLE).first() or _closed_round(
        by, cycles["CSP11-CSP12"], tools["Annual report template"], now
    )
    open_written = Round.objects.filter(cycle=cycles["CSP12-CSP13"], title=OPEN_TITLE).first() or _open_round(
        by, cycles["CSP12-CSP13"], tools["Online reporting tool"], now
    )
    meeting = Round.objects.filter(cycle=cycles["CSP12-CSP13"], title=MEETING_TITLE).first() or _meeting_round(
        by, cycles["CSP12-CSP13"], tools["Information exchange platform"], now
    )
    written = Round.objects.filter(cycle=cycles["CSP12-CSP13"], title=WRITTEN_TITLE).first() or _written_request(
        by, cycles["CSP12-CSP13"], tools["Initial report template"], now
    )
    return DemoRounds(open_written=open_written, online_meeting=meeting, closed=closed, written_request=written)


CLOSED_TITLE = "Annual report template: review of the 2025 revision"
WRITTEN_TITLE = "Initial report template: written comments on the draft revision"
OPEN_TITLE = "Online reporting tool: the new reporting workflow"
MEETING_TITLE = "Information exchange platform: testing session"


def _closed_round(by: User | None, cycle: Cycle, tool: Tool, now: datetime) -> Round:
    round_ = services.create_round(
        by=by,
        cycle=cycle,
        tool=tool,
        title=CLOSED_TITLE,
        stage=Stage.REVIEW,
        opens_at=now - timedelta(days=200),
        closes_at=now - timedelta(days=170),
        description="We asked how the revised annual report template worked in practice for the 2025 reports.",
    )
    for key, kind, text, required in [
        ("clarity", QuestionKind.RATING, "How clear is the revised template?", True),
        ("nil-report", QuestionKind.YES_NO, "Did you use the nil-report option?", False),
        ("changes", QuestionKind.TEXT, "Which sections should change for the next revision?", False),
    ]:
        services.add_question(by=by, round_id=round_.pk, key=key, text=text, kind=kind, required=required)
    services.schedule_round(round_id=round_.pk, by=by, now=now - timedelta(days=210), notify=False)
    services.open_round(round_id=round_.pk, by=None, now=now - timedelta(days=200), notify=False)
    return services.close_round(round_id=round_.pk, by=None, now=now - timedelta(days=170), notify=False)


def _open_round(by: User | None, cycle: Cycle, tool: Tool, now: datetime) -> Round:
    round_ = services.create_round(
        by=by,
        cycle=cycle,
        tool=tool,
        title=OPEN_TITLE,
        stage=Stage.DESIGN,
        opens_at=now - timedelta(days=5),
        closes_at=(now + timedelta(days=16)).replace(hour=16, minute=0, second=0, microsecond=0),
        reminder_days=3,
        restricted=False,
        unrestricted_reason=OPEN_UNRESTRICTED_REASON,
        description=(
            "The Secretariat is redesigning how a report moves from draft to submission in the online reporting "
            "tool. Please read the workflow note and the field list, then tell us what works and what does not."
        ),
    )
    for key, kind, text, choices, required in OPEN_QUESTIONS:
        services.add_question(
            by=by,
            round_id=round_.pk,
            key=key,
            text=text,
            kind=kind,
            choices=choices,
            required=required,
            help_text="Think of the last report your authority prepared." if kind == QuestionKind.TEXT else "",
        )
    for extra in OPEN_EXTRAS:
        services.add_question(by=by, round_id=round_.pk, **extra)
    services.add_document(
        by=by,
        round_id=round_.pk,
        title="Reporting workflow: design note",
        filename="reporting-workflow-design-note.pdf",
        content=_pdf(["Reporting workflow: design note", "Draft for the advisory group, in English."]),
        keywords="workflow, validation, pre-filling",
        notify=False,
        now=now - timedelta(days=6),
    )
    services.add_document(
        by=by,
        round_id=round_.pk,
        title="Annual report fields",
        filename="annual-report-fields.csv",
        content=_FIELDS_CSV.encode(),
        keywords="fields, template, export",
        notify=False,
        now=now - timedelta(days=6),
    )
    services.schedule_round(round_id=round_.pk, by=by, now=now - timedelta(days=7), notify=False)
    return services.open_round(round_id=round_.pk, by=None, now=now - timedelta(days=5), notify=False)


def _meeting_round(by: User | None, cycle: Cycle, tool: Tool, now: datetime) -> Round:
    day = (now + timedelta(days=24)).replace(hour=13, minute=0, second=0, microsecond=0)
    round_ = services.create_round(
        by=by,
        cycle=cycle,
        tool=tool,
        title=MEETING_TITLE,
        stage=Stage.TESTING,
        mode=Mode.ONLINE,
        opens_at=now + timedelta(days=21),
        closes_at=now + timedelta(days=35),
        meeting_starts_at=day,
        meeting_ends_at=day + timedelta(hours=2),
        meeting_link="https://meet.example.org/att-wgtr-iep-testing",
        description="A two-hour online session to test the information exchange platform's new search together.",
    )
    services.add_question(
        by=by,
        round_id=round_.pk,
        key="search",
        text="After the session: did the new search find what you expected?",
        kind=QuestionKind.YES_NO,
    )
    services.schedule_round(round_id=round_.pk, by=by, now=now, notify=False)
    return Round.objects.get(pk=round_.pk)


def _written_request(by: User | None, cycle: Cycle, tool: Tool, now: datetime) -> Round:
    """A second request for written input in the cycle: it takes no consultation place (§10)."""
    round_ = services.create_round(
        by=by,
        cycle=cycle,
        tool=tool,
        title=WRITTEN_TITLE,
        stage=Stage.REVIEW,
        opens_at=(now + timedelta(days=9)).replace(hour=9, minute=0, second=0, microsecond=0),
        closes_at=(now + timedelta(days=40)).replace(hour=16, minute=0, second=0, microsecond=0),
        description="Send us your written comments on the draft revision of the initial report template.",
    )
    services.add_question(
        by=by,
        round_id=round_.pk,
        key="comments",
        text="Which parts of the draft revision should change, and how?",
        kind=QuestionKind.TEXT,
        required=True,
    )
    return services.schedule_round(round_id=round_.pk, by=by, now=now, notify=False)


_FIELDS_CSV = """section,field,required,help
Exports,Exporting State,yes,The State Party submitting the report
Exports,Category,yes,One of the eight categories of Article 2(1)
Exports,Number of items,no,Leave empty when reporting value only
Imports,Importing State,yes,The State Party submitting the report
"""


def _pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF (correct cross-reference table), enough for the demo."""
    text = " ".join(f"({line}) Tj 0 -24 Td" for line in lines)
    stream = f"BT /F1 16 Tf 72 760 Td {text} ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
