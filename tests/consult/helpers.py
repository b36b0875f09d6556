"""Rounds for tests, made through the services so every rule applies."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from consult import services
from consult.models import AttMeeting, Cycle, Mode, QuestionKind, Round, RoundState, Stage, Tool

MEETING_LINK = "https://meet.example.org/att-wgtr"


CYCLE_STARTS_ON, CYCLE_ENDS_ON = date(2026, 8, 28), date(2027, 8, 27)


def make_cycle(name: str = "CSP12-CSP13", starts_on: date = CYCLE_STARTS_ON, ends_on: date = CYCLE_ENDS_ON) -> Cycle:
    existing = Cycle.objects.filter(name=name).first()
    return existing or services.save_cycle(by=None, name=name, starts_on=starts_on, ends_on=ends_on)


def cycle_holding(*moments: datetime) -> Cycle:
    """A cycle whose dates hold these moments, for builders dated from today: one already made, else
    make_cycle()'s when its dates hold them (tests mixing builders then share it: cycles never overlap),
    else a cycle around them."""
    days = [timezone.localtime(moment, timezone.get_default_timezone()).date() for moment in moments]
    first, last = min(days), max(days)
    existing = Cycle.objects.filter(starts_on__lte=first, ends_on__gte=last).order_by("starts_on").first()
    if existing is not None:
        return existing
    if first >= CYCLE_STARTS_ON and last <= CYCLE_ENDS_ON:
        return make_cycle()
    return make_cycle("CSP90-CSP91", first - timedelta(days=400), last + timedelta(days=400))


def make_next_cycle() -> Cycle:
    """The cycle after make_cycle's, from CSP13 on: its rounds must be dated inside it."""
    return make_cycle("CSP13-CSP14", date(2027, 8, 28), date(2028, 8, 24))


NEXT_CYCLE_OPENS_AT = datetime(2027, 9, 6, 9, 0, tzinfo=UTC)


def make_tool(
    name: str = "Online reporting tool", articles: tuple[int, ...] = (13,), *, restricted_area: bool = False
) -> Tool:
    existing = Tool.objects.filter(name=name).first()
    return existing or services.save_tool(by=None, name=name, articles=list(articles), restricted_area=restricted_area)


def make_att_meeting(starts_on: date, ends_on: date, name: str = "CSP12") -> AttMeeting:
    return services.save_att_meeting(by=None, name=name, location="Geneva", starts_on=starts_on, ends_on=ends_on)


def make_round(
    *,
    state: str = RoundState.DRAFT,
    cycle: Cycle | None = None,
    tool: Tool | None = None,
    title: str = "Reporting workflow",
    mode: str = Mode.WRITTEN,
    restricted: bool = False,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    now: datetime | None = None,
    questions: int = 0,
    by=None,
    **extra,
) -> Round:
    """A round in the given state. Opens in a day and closes in fifteen unless told otherwise."""
    now = now or timezone.now()
    opens_at = opens_at or now.replace(second=0, microsecond=0) + timedelta(days=1)  # whole minutes, as in ICS
    closes_at = closes_at or opens_at + timedelta(days=14)
    if mode == Mode.ONLINE:
        meeting_at = opens_at + timedelta(days=2)
        extra = {
            "meeting_starts_at": meeting_at,
            "meeting_ends_at": meeting_at + timedelta(hours=2),
            "meeting_link": MEETING_LINK,
            **extra,
        }
    round_ = services.create_round(
        by=by,
        cycle=cycle or make_cycle(),
        tool=tool or make_tool(),
        title=title,
        stage=Stage.DESIGN,
        mode=mode,
        restricted=restricted,
        opens_at=opens_at,
        closes_at=closes_at,
        **extra,
    )
    for number in range(1, questions + 1):
        services.add_question(by=by, round_id=round_.pk, key=f"q{number}", text=f"Question {number}?")
    return move_to(round_, state, now=now)


def move_to(round_: Round, state: str, *, now: datetime, closing_at: datetime | None = None) -> Round:
    """Walk the round from where it stands to `state` through the services: scheduled and opened as of
    `now`, closed at `closing_at` (its closing time unless told)."""
    if state in (round_.state, RoundState.DRAFT):
        return round_
    if state == RoundState.CANCELLED:
        return services.cancel_round(round_id=round_.pk, by=None, reason="test", now=now, notify=False)
    if round_.state == RoundState.DRAFT:
        round_ = services.schedule_round(round_id=round_.pk, by=None, now=now, notify=False)
    if state == RoundState.SCHEDULED:
        return round_
    if round_.state == RoundState.SCHEDULED:
        round_ = services.open_round(round_id=round_.pk, by=None, now=now, notify=False)
    if state == RoundState.OPEN:
        return round_
    if round_.state == RoundState.OPEN:
        round_ = services.close_round(round_id=round_.pk, by=None, now=closing_at or round_.closes_at, notify=False)
    if state == RoundState.CLOSED:
        return round_
    return services.mark_round_summarised(round_id=round_.pk, by=None)


def add_question(round_: Round, key: str = "q1", kind: str = QuestionKind.TEXT, **extra):
    return services.add_question(by=None, round_id=round_.pk, key=key, text=f"What about {key}?", kind=kind, **extra)


# --- Files, real enough for the content checks --------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def office_file(main_part: str, *, macros: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<document/>")
        if macros:
            package.writestr("word/vbaProject.bin", b"\x00\x01")
    return buffer.getvalue()


DOCX = office_file("word/document.xml")
XLSX = office_file("xl/workbook.xml")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def add_document(round_: Round, *, title: str = "Design note", filename: str = "note.pdf", content: bytes = PDF):
    return services.add_document(
        by=None, round_id=round_.pk, title=title, filename=filename, content=content, notify=False
    )
