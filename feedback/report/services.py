"""The cycle report's lifecycle and the follow-up actions: every write goes through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from consult.models import Cycle, Round, Tool
from feedback import generation, registry
from feedback.analysis.models import Theme
from feedback.report import builder, gate
from feedback.report.compose import ReportDocument
from feedback.report.models import CycleReport, FollowUp, FollowUpStatus, ReportState
from feedback.report.writers import write
from feedback.summary.gate import Leak, Review
from participants import audit
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require


class ReportError(Exception):
    """A report action that cannot be done now; the message says why and what to do."""


class ReportLocked(ReportError):
    def __init__(self) -> None:
        super().__init__("The report is approved: reopen it as a draft before changing it.")


class ReportNotReady(ReportError):
    def __init__(self) -> None:
        super().__init__("The report is still being generated (or failed): wait for it, or generate it again.")


class StaleReport(ReportError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else saved this report while you were editing it. Your changes were not saved: "
            "reload the page to see the latest version, then make them again."
        )


class ReportBlocked(ReportError):
    """The leak gate found identities: approval and export are refused until they are removed."""

    def __init__(self, leaks: list[Leak]) -> None:
        self.leaks = leaks
        names = ", ".join(sorted({f"“{leak.text}”" for leak in leaks})[:5])
        super().__init__(
            f"The leak gate found {len(leaks)} identifying detail{'s' if len(leaks) != 1 else ''} ({names}). "
            "Remove them, then try again."
        )


def gate_report(report: CycleReport) -> Review:
    if not report.is_ready:
        return Review([], 0)
    return gate.review(report.content, report.introduction, report.conclusions, registry.current_anonymizer())


def build_content(cycle: Cycle, progress: generation.Progress | None = None) -> dict[str, Any]:
    return builder.build_content(cycle, anonymizer=registry.current_anonymizer(), progress=progress)


def _locked_draft(cycle_id: int) -> CycleReport:
    cycle = Cycle.objects.select_for_update().get(pk=cycle_id)
    report, _created = CycleReport.objects.select_for_update().get_or_create(cycle=cycle)
    if report.state != ReportState.DRAFT:
        raise ReportLocked
    return report


@transaction.atomic
def request_report(*, cycle_id: int, by: User | None) -> CycleReport:
    """Create (or refresh) the draft report and queue its generation. Raises ReportLocked."""
    require(by, SECRETARIAT)
    from feedback.report.tasks import generate_report_task  # tasks import services

    report = _locked_draft(cycle_id)
    generation.queue(report, by=by)
    audit.record(actor=by, action="report.generate", target=report)
    transaction.on_commit(lambda: generate_report_task(report.pk))
    return report


def run_generation(*, report_id: int) -> CycleReport:
    """The worker's part: build the content, reporting progress as it goes."""
    content = generation.run(CycleReport, report_id, lambda report, progress: build_content(report.cycle, progress))
    return store_content(report_id=report_id, content=content)


@transaction.atomic
def store_content(*, report_id: int, content: dict[str, Any]) -> CycleReport:
    report = CycleReport.objects.select_for_update().get(pk=report_id)
    if report.state != ReportState.DRAFT:
        raise ReportLocked
    generation.store(report, content)
    return report


@transaction.atomic
def generate_now(*, cycle_id: int, by: User | None) -> CycleReport:
    """Generate synchronously (the command line): create or refresh the draft. Raises ReportLocked."""
    require(by, SECRETARIAT)
    report = _locked_draft(cycle_id)
    audit.record(actor=by, action="report.generate", target=report)
    return store_content(report_id=report.pk, content=build_content(report.cycle))


@dataclass(frozen=True)
class SaveResult:
    report: CycleReport
    leaks: list[Leak]


@transaction.atomic
def save_texts(*, report_id: int, by: User, expected_version: int, introduction: str, conclusions: str) -> SaveResult:
    """Save the Secretariat's introduction and conclusions, then re-scan. Raises ReportLocked, StaleReport."""
    require(by, SECRETARIAT)
    report = CycleReport.objects.select_for_update().get(pk=report_id)
    if report.state != ReportState.DRAFT:
        raise ReportLocked
    if report.version != expected_version:
        raise StaleReport
    report.introduction = introduction.strip()
    report.conclusions = conclusions.strip()
    report.version += 1
    report.save(update_fields=["introduction", "conclusions", "version"])
    leaks = gate_report(report).leaks
    audit.record(actor=by, action="report.edit", target=report, leaks=len(leaks))
    return SaveResult(report, leaks)


@transaction.atomic
def approve(*, report_id: int, by: User, now: datetime | None = None) -> CycleReport:
    """Approve the report for the WGTR. Raises ReportNotReady, ReportLocked, ReportBlocked (the leak gate)."""
    require(by, SECRETARIAT)
    report = CycleReport.objects.select_for_update().get(pk=report_id)
    if not report.is_ready:
        raise ReportNotReady
    if not can_proceed(report.approve):
        raise ReportLocked
    leaks = gate_report(report).leaks
    if leaks:
        raise ReportBlocked(leaks)
    report.approve(by=by, at=now or timezone.now())
    report.save(update_fields=["state", "approved_by", "approved_at"])
    audit.record(actor=by, action="report.approve", target=report, from_state="draft", to_state="approved")
    return report


@transaction.atomic
def reopen(*, report_id: int, by: User) -> CycleReport:
    """Back to draft, to edit or regenerate an approved report. Raises ReportLocked."""
    require(by, SECRETARIAT)
    report = CycleReport.objects.select_for_update().get(pk=report_id)
    if not can_proceed(report.reopen):
        raise ReportError("The report is already a draft.")
    report.reopen()
    report.save(update_fields=["state", "approved_by", "approved_at"])
    audit.record(actor=by, action="report.reopen", target=report, from_state="approved", to_state="draft")
    return report


def render(*, content: dict[str, Any], introduction: str, conclusions: str, state: str, fmt: str) -> bytes:
    """Write the report in a format once the leak gate passes. Raises ReportBlocked."""
    leaks = gate.scan(content, introduction, conclusions, registry.current_anonymizer())
    if leaks:
        raise ReportBlocked(leaks)
    document = ReportDocument(content=content, introduction=introduction, conclusions=conclusions, state=state)
    return write(document, fmt)


def export(*, report: CycleReport, fmt: str, by: User | None) -> bytes:
    """The report as a file. Raises ReportNotReady, ReportBlocked."""
    require(by, CHAIR, SECRETARIAT)
    if not report.is_ready:
        raise ReportNotReady
    data = render(
        content=report.content,
        introduction=report.introduction,
        conclusions=report.conclusions,
        state=report.state,
        fmt=fmt,
    )
    audit.record(actor=by, action="report.export", target=report, format=fmt, state=report.state)
    return data


# --- Follow-up ("you said, we did") -------------------------------------------------------------------


class FollowUpInvalid(ReportError):
    """The action cannot be saved as given; `errors` maps each field to what is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(" ".join(errors.values()))


@dataclass(frozen=True)
class FollowUpData:
    rounds: list[Round]
    themes: list[Theme]
    tool: Tool | None
    action: str
    status: str
    reason: str = ""
    completed_on: date | None = None


def check_follow_up(data: FollowUpData) -> dict[str, str]:
    """What is wrong with an action, by field: empty when it can be saved. Scanned like the report's texts."""
    errors: dict[str, str] = {}
    if not data.rounds:
        errors["rounds"] = "Choose the consultation (or consultations) whose feedback this action answers."
    round_ids = {round_.pk for round_ in data.rounds}
    if any(theme.round_id not in round_ids for theme in data.themes):
        errors["themes"] = "Choose themes of the chosen consultations only."
    if not data.action.strip():
        errors["action"] = "Say what was done or is planned (or what was asked for, when it was not taken up)."
    if data.status == FollowUpStatus.NOT_TAKEN_UP and not data.reason.strip():
        errors["reason"] = "Say why it was not taken up: participants and the Working Group read the reason."
    if data.status != FollowUpStatus.DONE and data.completed_on:
        errors["completed_on"] = "A date done is for actions that are done."
    anonymizer = registry.current_anonymizer()
    for field, text in (("action", data.action), ("reason", data.reason)):
        found = anonymizer.scan(text)
        if found and field not in errors:
            names = ", ".join(sorted({f"“{item.text}”" for item in found}))
            errors[field] = (
                f"This text identifies someone ({names}): participants and the Working Group read it, so remove it."
            )
    return errors


@transaction.atomic
def save_follow_up(*, follow_up_id: int | None, data: FollowUpData, by: User) -> FollowUp:
    """Record a new action or change one. Raises FollowUpInvalid."""
    require(by, SECRETARIAT)
    errors = check_follow_up(data)
    if errors:
        raise FollowUpInvalid(errors)
    now = timezone.now()
    if follow_up_id is None:
        follow_up = FollowUp(created_by=by, created_at=now)
    else:
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up_id)
    follow_up.tool = data.tool
    follow_up.action = data.action.strip()
    follow_up.status = data.status
    follow_up.reason = data.reason.strip() if data.status == FollowUpStatus.NOT_TAKEN_UP else ""
    follow_up.completed_on = data.completed_on
    follow_up.updated_at = now
    follow_up.save()
    follow_up.rounds.set(data.rounds)
    follow_up.themes.set(data.themes)
    audit.record(
        actor=by,
        action="follow_up.create" if follow_up_id is None else "follow_up.update",
        target=follow_up,
        status=follow_up.status,
        rounds=[round_.pk for round_ in data.rounds],
    )
    return follow_up


@transaction.atomic
def delete_follow_up(*, follow_up_id: int, by: User) -> None:
    require(by, SECRETARIAT)
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up_id)
    audit.record(actor=by, action="follow_up.delete", target=follow_up)
    follow_up.delete()
