"""The summary's lifecycle: generate, edit, approve, publish, export. Every write goes through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_fsm import can_proceed

from consult.models import Round, RoundState
from consult.services import rounds as round_services
from feedback import generation, registry
from feedback.anonymizer import namelike
from feedback.models import GenerationStatus, Summary, SummaryState
from feedback.summary import builder, gate, writers
from participants import audit
from participants.domain_errors import DomainError
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require

SUMMARISABLE_STATES = (RoundState.CLOSED, RoundState.SUMMARISED)


class SummaryError(DomainError):
    """A summary action that cannot be done now; the message says why and what to do."""


class SummaryNeedsClosedRound(SummaryError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _(
                "The consultation “%(title)s” is %(state)s: a summary can be generated once it is closed "
                "(use a preview to look before then)."
            )
            % {"title": round_.title, "state": round_.get_state_display().lower()}
        )


class SummaryLocked(SummaryError):
    def __init__(self, summary: Summary) -> None:
        super().__init__(
            _("The summary is %(state)s: reopen it as a draft before changing it.")
            % {"state": summary.get_state_display().lower()}
        )


class SummaryNotReady(SummaryError):
    default_message = _("The summary is still being generated (or failed): wait for it, or generate it again.")


class StaleSummary(SummaryError):
    default_message = _(
        "Someone else saved this summary while you were editing it. Your changes were not saved: "
        "reload the page to see the latest version, then make them again."
    )


class SummaryBlocked(SummaryError):
    """The leak gate found identities: approval and export are refused until they are removed."""

    def __init__(self, leaks: list[gate.Leak]) -> None:
        self.leaks = leaks
        names = ", ".join(sorted({f"“{leak.text}”" for leak in leaks})[:5])
        super().__init__(
            ngettext(
                "The leak gate found %(count)d identifying detail (%(names)s). Remove it, then try again.",
                "The leak gate found %(count)d identifying details (%(names)s). Remove them, then try again.",
                len(leaks),
            )
            % {"count": len(leaks), "names": names}
        )


@dataclass(frozen=True)
class SaveResult:
    summary: Summary
    leaks: list[gate.Leak]


def leaks_of(summary: Summary) -> list[gate.Leak]:
    if summary.generation_status != GenerationStatus.DONE:
        return []
    return gate.scan(summary.content, summary.narrative, registry.current_anonymizer())


def gate_report(summary: Summary) -> gate.Review:
    """The gate's leaks and the capitals or regions left, in one pass over the summary."""
    if summary.generation_status != GenerationStatus.DONE:
        return gate.Review([], 0)
    return gate.review(summary.content, summary.narrative, registry.current_anonymizer())


def build_content(round_: Round, progress: builder.Progress | None = None) -> dict[str, Any]:
    return builder.build_content(round_, anonymizer=registry.current_anonymizer(), progress=progress)


@transaction.atomic
def request_summary(*, round_id: int, by: User | None) -> Summary:
    """Create (or reset) the draft summary and queue its generation. Raises SummaryNeedsClosedRound, SummaryLocked."""
    require(by, CHAIR, SECRETARIAT)
    from feedback.summary.tasks import generate_summary_task  # tasks import services

    round_ = Round.objects.select_for_update().get(pk=round_id)
    if round_.state not in SUMMARISABLE_STATES:
        raise SummaryNeedsClosedRound(round_)
    summary, _created = Summary.objects.select_for_update().get_or_create(round=round_)
    if summary.state != SummaryState.DRAFT:
        raise SummaryLocked(summary)
    generation.queue(summary, by=by)
    audit.record(actor=by, action="summary.generate", target=summary)
    transaction.on_commit(lambda: generate_summary_task(summary.pk))
    return summary


def run_generation(*, summary_id: int) -> Summary:
    """The worker's part: build the content, reporting progress as it goes."""
    content = generation.run(Summary, summary_id, lambda summary, progress: build_content(summary.round, progress))
    return store_content(summary_id=summary_id, content=content)


@transaction.atomic
def store_content(*, summary_id: int, content: dict[str, Any]) -> Summary:
    summary = Summary.objects.select_for_update().get(pk=summary_id)
    if summary.state != SummaryState.DRAFT:
        raise SummaryLocked(summary)
    generation.store(summary, content)
    return summary


@transaction.atomic
def generate_now(*, round_id: int, by: User | None) -> Summary:
    """Generate synchronously (the command line): create or refresh the draft. Raises like request_summary."""
    require(by, CHAIR, SECRETARIAT)
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if round_.state not in SUMMARISABLE_STATES:
        raise SummaryNeedsClosedRound(round_)
    summary, _created = Summary.objects.get_or_create(round=round_, defaults={"generated_by": by})
    if summary.state != SummaryState.DRAFT:
        raise SummaryLocked(summary)
    audit.record(actor=by, action="summary.generate", target=summary)
    return store_content(summary_id=summary.pk, content=build_content(round_))


@transaction.atomic
def save_edits(
    *,
    summary_id: int,
    by: User,
    expected_version: int,
    narrative: str | None = None,
    excerpts: dict[str, str] | None = None,
) -> SaveResult:
    """Save the Chair's narrative and excerpt edits (an empty excerpt is removed), then re-scan.

    Raises SummaryLocked, SummaryNotReady, StaleSummary.
    """
    require(by, CHAIR, SECRETARIAT)
    summary = Summary.objects.select_for_update().get(pk=summary_id)
    if summary.state != SummaryState.DRAFT:
        raise SummaryLocked(summary)
    if summary.generation_status != GenerationStatus.DONE:
        raise SummaryNotReady
    if summary.version != expected_version:
        raise StaleSummary
    changed = []
    if narrative is not None and narrative != summary.narrative:
        summary.narrative = narrative
        changed.append("narrative")
    if excerpts:
        removed, edited = _apply_excerpt_edits(summary.content, excerpts)
        changed.append("content")
        audit.record(actor=by, action="summary.excerpts_edited", target=summary, edited=edited, removed=removed)
    summary.version += 1
    summary.save(update_fields=[*changed, "version"])
    leaks = leaks_of(summary)
    audit.record(actor=by, action="summary.edit", target=summary, leaks=len(leaks))
    return SaveResult(summary=summary, leaks=leaks)


def _apply_excerpt_edits(content: dict[str, Any], edits: dict[str, str]) -> tuple[int, int]:
    """Shorten quoted answers, or remove them (an empty text) from the groups, themes and points alike.

    An edited answer is the Chair's text: checked and flagged without the registry (see gate), so
    neither the gate nor the highlights tell who is registered."""
    removed = edited = 0
    for question in content.get("questions", []):
        kept, gone = [], set()
        for group in question.get("groups", []):
            new_text = edits.get(group["id"])
            if new_text is None or new_text == group["text"]:
                kept.append(group)
            elif new_text.strip():
                text = new_text.strip()
                flags = [[f.start, f.end] for f in namelike.scan(text)]
                kept.append({**group, "text": text, "flags": flags, "edited": True})
                edited += 1
            else:
                gone.add(group["id"])
                removed += 1
        if gone:
            question["groups"] = kept
            question["points"] = [group_id for group_id in question.get("points", []) if group_id not in gone]
            for theme in question.get("themes", []):
                theme["quotes"] = [group_id for group_id in theme["quotes"] if group_id not in gone]
        else:
            question["groups"] = kept
    return removed, edited


@transaction.atomic
def set_appendix(*, summary_id: int, by: User, include: bool) -> Summary:
    """Switch the appendix of every anonymized answer on or off (drafts only). Raises SummaryLocked."""
    require(by, CHAIR, SECRETARIAT)
    summary = Summary.objects.select_for_update().get(pk=summary_id)
    if summary.state != SummaryState.DRAFT:
        raise SummaryLocked(summary)
    summary.include_appendix = include
    summary.version += 1
    summary.save(update_fields=["include_appendix", "version"])
    audit.record(actor=by, action="summary.appendix", target=summary, include=include)
    return summary


@transaction.atomic
def approve(*, summary_id: int, by: User, now: datetime | None = None) -> Summary:
    """Approve for the WGTR report. Raises SummaryNotReady, SummaryLocked, SummaryBlocked (the leak gate)."""
    require(by, CHAIR, SECRETARIAT)
    summary = Summary.objects.select_for_update().get(pk=summary_id)
    if summary.generation_status != GenerationStatus.DONE:
        raise SummaryNotReady
    if not can_proceed(summary.approve):
        raise SummaryLocked(summary)
    leaks = leaks_of(summary)
    if leaks:
        raise SummaryBlocked(leaks)
    summary.approve(by=by, at=now or timezone.now())
    summary.save(update_fields=["state", "approved_by", "approved_at"])
    if Round.objects.filter(pk=summary.round_id, state=RoundState.CLOSED).exists():  # not when approved again
        round_services.mark_round_summarised(round_id=summary.round_id, by=by)
    audit.record(actor=by, action="summary.approve", target=summary, from_state="draft", to_state="approved")
    return summary


@transaction.atomic
def reopen(*, summary_id: int, by: User) -> Summary:
    """Back to draft to change an approved (not yet published) summary. Raises SummaryLocked."""
    require(by, CHAIR, SECRETARIAT)
    summary = Summary.objects.select_for_update().get(pk=summary_id)
    if not can_proceed(summary.reopen):
        raise SummaryLocked(summary)
    summary.reopen()
    summary.save(update_fields=["state", "approved_by", "approved_at"])
    audit.record(actor=by, action="summary.reopen", target=summary, from_state="approved", to_state="draft")
    return summary


@transaction.atomic
def publish(*, summary_id: int, by: User, now: datetime | None = None) -> Summary:
    """Mark the approved summary as published in the WGTR report. Raises SummaryLocked, SummaryBlocked."""
    require(by, CHAIR, SECRETARIAT)
    summary = Summary.objects.select_for_update().get(pk=summary_id)
    if not can_proceed(summary.publish):
        raise SummaryLocked(summary)
    leaks = leaks_of(summary)
    if leaks:
        raise SummaryBlocked(leaks)
    summary.publish(at=now or timezone.now())
    summary.save(update_fields=["state", "published_at"])
    audit.record(actor=by, action="summary.publish", target=summary, from_state="approved", to_state="published")
    return summary


def render(*, content: dict[str, Any], narrative: str, state: str, fmt: str, appendix: bool = False) -> bytes:
    """Write the summary in a format after the leak gate passes. Raises SummaryBlocked."""
    leaks = gate.scan(content, narrative, registry.current_anonymizer())
    if leaks:
        raise SummaryBlocked(leaks)
    document = writers.SummaryDocument(content=content, narrative=narrative, state=state, appendix=appendix)
    return writers.write(document, fmt)


def export(*, summary: Summary, fmt: str, by: User | None) -> bytes:
    """The summary as a file for the report. Raises SummaryNotReady, SummaryBlocked."""
    require(by, CHAIR, SECRETARIAT)
    if summary.generation_status != GenerationStatus.DONE:
        raise SummaryNotReady
    data = render(
        content=summary.content,
        narrative=summary.narrative,
        state=summary.state,
        fmt=fmt,
        appendix=summary.include_appendix,
    )
    audit.record(actor=by, action="summary.export", target=summary, format=fmt, state=summary.state)
    return data
