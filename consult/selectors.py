"""Reads that depend on who is asking. Every round list and lookup goes through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from config.prepared import PreparedQuery
from consult.figures import ResponseRate, round_figures
from consult.models import (
    CAP_STATES,
    Cycle,
    Document,
    DocumentDownload,
    DocumentVersion,
    Mode,
    Question,
    Round,
    RoundState,
    Tool,
)
from participants.eligibility import may_see_restricted, taking_part
from participants.models import Participant, Status
from participants.permissions import approved_participant, is_chair, is_secretariat

# What participants and the Chair see: announced rounds and later, never drafts or cancelled ones.
PUBLISHED_STATES = (RoundState.SCHEDULED, RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED)


def _visibility(user: Any) -> str:
    """Which rounds this user may see: all for the Secretariat; published ones for the Chair; published ones
    for approved participants, restricted ones only for State Parties (§9); none for anyone else."""
    if is_secretariat(user):
        return "all"
    if is_chair(user):
        return "published"
    participant = approved_participant(user)
    if participant is None:
        return "none"
    return "published" if may_see_restricted(participant) else "published_unrestricted"


_VISIBLE = {
    "all": Q(),
    "published": Q(state__in=PUBLISHED_STATES),
    "published_unrestricted": Q(state__in=PUBLISHED_STATES, restricted=False),
}


def _visible_rounds(visibility: str) -> QuerySet[Round]:
    rounds = Round.objects.select_related("cycle", "tool")
    return rounds.filter(_VISIBLE[visibility]) if visibility in _VISIBLE else rounds.none()


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """The rounds this user may see (_visibility says which)."""
    return _visible_rounds(_visibility(user))


def _visible_round(visibility: str, round_id: int) -> QuerySet[Round]:
    return _visible_rounds(visibility).filter(pk=round_id)


def _visible_documents(visibility: str) -> QuerySet[Document]:
    return Document.objects.filter(round__in=_visible_rounds(visibility).values("pk")).order_by("title", "id")


# The lookups round pages start with, compiled once per visibility (config/prepared.py).
_VISIBLE_ROUND = {visibility: PreparedQuery(partial(_visible_round, visibility)) for visibility in _VISIBLE}
_VISIBLE_ROUNDS = {visibility: PreparedQuery(partial(_visible_rounds, visibility)) for visibility in _VISIBLE}
_VISIBLE_DOCUMENTS = {visibility: PreparedQuery(partial(_visible_documents, visibility)) for visibility in _VISIBLE}


def visible_rounds_and_documents(user: Any) -> tuple[list[Round], dict[int, list[Document]]]:
    """Every round the user may see and each one's documents by title: two queries, compiled once."""
    visibility = _visibility(user)
    if visibility not in _VISIBLE:
        return [], {}
    documents: dict[int, list[Document]] = {}
    for document in _VISIBLE_DOCUMENTS[visibility]():
        documents.setdefault(document.round_id, []).append(document)
    return _VISIBLE_ROUNDS[visibility](), documents


def access_round(user: Any, round_id: int) -> Round:
    """The round, or 404 when it does not exist or the user may not see it (no hint which)."""
    lookup = _VISIBLE_ROUND.get(_visibility(user))
    round_ = lookup.one(round_id=round_id) if lookup is not None else None
    if round_ is None:
        raise Http404
    return round_


# --- Who takes part -----------------------------------------------------------------------------------


def eligible_participants(round_: Round) -> QuerySet[Participant]:
    """Who may see and answer the round now (participants.eligibility), for notifications and forms."""
    return Participant.objects.filter(taking_part(restricted=round_.restricted)).select_related("user")


# --- The cap (§10) -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapUsage:
    """The cycle's consultation places (online and in person together) and its written requests,
    which take no place (§10)."""

    cycle: Cycle
    used: int
    limit: int
    written: int = 0

    @property
    def full(self) -> bool:
        return self.used >= self.limit

    @property
    def free(self) -> int:
        return max(self.limit - self.used, 0)

    def __str__(self) -> str:
        return gettext("%(used)s of %(limit)s consultations used in %(cycle)s") % {
            "used": self.used,
            "limit": self.limit,
            "cycle": self.cycle.name,
        }


# Written requests announced or later: shown beside the cap, never counted in it.
_WRITTEN = Q(rounds__mode=Mode.WRITTEN, rounds__state__in=CAP_STATES)


def cap_usage(cycle: Cycle) -> CapUsage:
    counts = Cycle.objects.filter(pk=cycle.pk).aggregate(
        used=Count("rounds", filter=Q(rounds__slot__isnull=False)), written=Count("rounds", filter=_WRITTEN)
    )
    return CapUsage(cycle=cycle, limit=settings.ROUNDS_PER_CYCLE, **counts)


def cycles_with_usage() -> list[CapUsage]:
    cycles = Cycle.objects.annotate(
        used=Count("rounds", filter=Q(rounds__slot__isnull=False)), written=Count("rounds", filter=_WRITTEN)
    )
    return [
        CapUsage(cycle=cycle, used=cycle.used, limit=settings.ROUNDS_PER_CYCLE, written=cycle.written)
        for cycle in cycles
    ]


def current_cycle(today: date | None = None) -> Cycle | None:
    """The cycle running today, else the next one to start, else the most recent."""
    today = today or timezone.localdate()
    return (
        Cycle.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on").first()
        or Cycle.objects.filter(starts_on__gt=today).order_by("starts_on").first()
        or Cycle.objects.order_by("-starts_on").first()
    )


# --- Documents (§15) ----------------------------------------------------------------------------------


def documents_visible_to(user: Any) -> QuerySet[Document]:
    """Documents of the rounds the user may see, newest version number and the user's last seen one."""
    seen = DocumentDownload.objects.filter(user_id=getattr(user, "pk", None), version__document=OuterRef("pk"))
    newest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    return (
        Document.objects.filter(round__in=rounds_visible_to(user))
        .select_related("round", "round__cycle", "round__tool")
        .annotate(
            latest_number=Subquery(newest.values("number")[:1]),
            latest_size=Subquery(newest.values("size")[:1]),
            latest_extension=Subquery(newest.values("extension")[:1]),
            seen_number=Subquery(seen.order_by("-version__number").values("version__number")[:1]),
        )
    )


def access_document(user: Any, document_id: int) -> Document:
    """The document, or 404 when it does not exist or the user may not see its round (no hint which)."""
    return get_object_or_404(documents_visible_to(user), pk=document_id)


def access_version(user: Any, document_id: int, number: int | None = None) -> DocumentVersion:
    """A version (the newest when no number) of a document the user may see, or 404."""
    document = access_document(user, document_id)
    versions = DocumentVersion.objects.filter(document=document).select_related("document")
    version = versions.filter(number=number).first() if number is not None else versions.order_by("-number").first()
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    tool: int | None = None
    article: int | None = None
    stage: str = ""
    cycle: int | None = None


def library(user: Any, filters: LibraryFilters) -> QuerySet[Document]:
    """The document library: keyword search over documents, rounds and tools, and metadata filters."""
    documents = documents_visible_to(user)
    for word in filters.q.split()[:8]:
        documents = documents.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(keywords__icontains=word)
            | Q(round__title__icontains=word)
            | Q(round__tool__name__icontains=word)
            | Q(versions__original_name__icontains=word)
        )
    if filters.tool:
        documents = documents.filter(round__tool_id=filters.tool)
    if filters.article:
        # Articles are a short JSON list on a handful of tools: match in Python, portable to SQLite.
        tool_ids = [tool.pk for tool in Tool.objects.all() if filters.article in (tool.articles or [])]
        documents = documents.filter(round__tool_id__in=tool_ids)
    if filters.stage:
        documents = documents.filter(round__stage=filters.stage)
    if filters.cycle:
        documents = documents.filter(round__cycle_id=filters.cycle)
    if filters.q:
        documents = documents.distinct()
    return documents.order_by("-updated_at", "title")


# --- Calendar feed ------------------------------------------------------------------------------------


def participant_for_feed(token: str) -> Participant:
    """The approved participant owning this feed token, or 404 (unknown, reset, or no longer approved)."""
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(Participant.objects.select_related("user"), feed_token=token, status=Status.APPROVED)


def rounds_in_feed(participant: Participant) -> QuerySet[Round]:
    """What the participant's calendar shows: the rounds they may see, with their questionnaire size."""
    return rounds_visible_to(participant.user).annotate(
        question_count=Count("questions", filter=Q(questions__retired=False))
    )


# --- Progress and what happens next -------------------------------------------------------------------


def response_rates(rounds: list[Round]) -> dict[int, ResponseRate]:
    """Submitted responses over the audience, per round: fixed at closing, live before (consult.figures)."""
    return {round_id: figures.overall for round_id, figures in round_figures(rounds).items()}


@dataclass(frozen=True)
class Upcoming:
    label: str
    at: datetime


def upcoming_transitions(round_: Round) -> list[Upcoming]:
    """What the clock will do to this round next, and when."""
    from consult.services.clock import reminder_at

    if round_.state == RoundState.SCHEDULED:
        opens = Upcoming(gettext("Opens automatically"), round_.opens_at)
        return [opens, *_reminder(round_, reminder_at), Upcoming(gettext("Closes automatically"), round_.closes_at)]
    if round_.state == RoundState.OPEN:
        return [*_reminder(round_, reminder_at), Upcoming(gettext("Closes automatically"), round_.closes_at)]
    return []


def _reminder(round_: Round, reminder_at: Any) -> list[Upcoming]:
    moment = reminder_at(round_)
    if moment is None or round_.reminder_sent_at is not None:
        return []
    return [Upcoming(gettext("Reminder to those who have not submitted"), moment)]


def questions_with_answer_counts(round_: Round) -> QuerySet[Question]:
    """The round's questions in order, each with how many answers it has (answered ones are frozen)."""
    return round_.questions.annotate(answer_count=Count("answers")).order_by("order", "id")
