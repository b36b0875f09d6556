"""Reads that depend on who is asking. Chair-facing reads return pseudonyms and answers, never identities,
timestamps or the web/offline source (docs/anonymity.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.prepared import PreparedQuery
from consult.figures import ResponseRate, round_figures
from consult.models import Document, Question, QuestionKind, Round, RoundState
from consult.selectors import access_round, rounds_visible_to, visible_rounds_and_documents
from feedback import conditions
from feedback.models import Answer, Submission, SubmissionState, Summary
from feedback.pseudonyms import label
from feedback.validation import RATING_RANGE, choice_options, offers_other, other_answer
from participants.models import Participant
from participants.state_flags import state_flags

# Rounds whose responses the Chair and Secretariat may read: answering has begun.
OTHER_FILTER = "__other__"  # the "Other, please specify" answers of a choice question, in filters and charts
READABLE_STATES = (RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED)
CLOSED_STATES = (RoundState.CLOSED, RoundState.SUMMARISED)


# --- The participant's own view ---------------------------------------------------------------------


class ResponseStatus(models.TextChoices):
    """Where the participant's own response stands, for their dashboard."""

    NOT_STARTED = "not_started", gettext_lazy("Not started")
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    CHANGED = "changed", gettext_lazy("Submitted, with changes not yet submitted")


@state_flags("status", ResponseStatus)
@dataclass
class DashboardRound:
    round: Round
    submission: Submission | None
    accepting: bool
    documents: list[Document] = field(default_factory=list)

    @property
    def status(self) -> ResponseStatus:
        if self.submission is None:
            return ResponseStatus.NOT_STARTED
        if self.submission.state == SubmissionState.SUBMITTED:
            return ResponseStatus.CHANGED if self.submission.has_unsubmitted_changes else ResponseStatus.SUBMITTED
        return ResponseStatus.DRAFT


@dataclass
class ParticipantDashboard:
    open: list[DashboardRound] = field(default_factory=list)
    upcoming: list[DashboardRound] = field(default_factory=list)
    closed: list[DashboardRound] = field(default_factory=list)


_OWN_SUBMISSIONS = PreparedQuery(
    lambda participant_id: Submission.objects.filter(participant_id=participant_id).only(
        "round_id", "state", "source", "has_unsubmitted_changes", "updated_at", "submitted_at", "version"
    )
)


def participant_dashboard(user: Any, *, now: datetime | None = None) -> ParticipantDashboard:
    """The rounds this participant may see, with their own response: three queries whatever the size."""
    now = now or timezone.now()
    rounds, documents = visible_rounds_and_documents(user)
    submissions = {sub.round_id: sub for sub in _OWN_SUBMISSIONS(participant_id=user.participant.pk)}
    dashboard = ParticipantDashboard()
    for round_ in rounds:
        accepting = round_.accepts_answers(now)
        item = DashboardRound(round_, submissions.get(round_.pk), accepting, documents.get(round_.pk, []))
        if round_.state == RoundState.OPEN and now < round_.closes_at:
            dashboard.open.append(item)
        elif round_.state == RoundState.SCHEDULED:
            dashboard.upcoming.append(item)
        elif round_.state in (RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED):
            dashboard.closed.append(item)
    dashboard.open.sort(key=lambda item: item.round.closes_at)
    dashboard.closed.sort(key=lambda item: item.round.closes_at, reverse=True)
    return dashboard


_OWN_SUBMISSION = PreparedQuery(
    lambda round_id, participant_id: Submission.objects.filter(round_id=round_id, participant_id=participant_id)
)


def own_submission(participant: Participant, round_: Round) -> Submission | None:
    """The participant's own response to the round (nobody else's can ever be reached from here)."""
    return _OWN_SUBMISSION.one(round_id=round_.pk, participant_id=participant.pk)


# --- Chair and Secretariat: responses under pseudonyms -------------------------------------------


def readable_round(user: Any, round_id: int) -> Round:
    """A round whose responses the viewer may read, or 404 (no hint whether it exists)."""
    round_ = access_round(user, round_id)
    if round_.state not in READABLE_STATES:
        raise Http404
    return round_


@dataclass(frozen=True)
class Respondent:
    """One submitted response as the Chair sees it: a pseudonym and answers by question key."""

    pseudonym: int
    answers: dict[str, Any]

    @property
    def label(self) -> str:
        return label(self.pseudonym)


@dataclass(frozen=True)
class LateAnswers:
    """Written answers recorded after closing: how many the Chair's pages show, how many wait."""

    released: int
    held: int


def _held_back(round_: Round) -> list[int]:
    """The late answers not yet shown: all but complete groups of ANONYMITY_MIN_CELL, oldest first.

    Shown one by one, each late answer would move the figures and show a new pseudonym on its own, so
    comparing two versions of a page would single out its author. Released together, several are
    indistinguishable from one another.
    """
    late = list(
        Submission.objects.filter(round=round_, state=SubmissionState.SUBMITTED, after_closing=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    group = max(settings.ANONYMITY_MIN_CELL, 1)
    return late[len(late) - len(late) % group :]


def late_answers(round_: Round) -> LateAnswers:
    total = Submission.objects.filter(round=round_, state=SubmissionState.SUBMITTED, after_closing=True).count()
    held = len(_held_back(round_)) if total else 0
    return LateAnswers(released=total - held, held=held)


def released_submissions(round_: Round) -> QuerySet[Submission]:
    """The submitted responses the Chair's pages, exports and summary show: every one in before closing,
    and late written ones in complete groups (see _held_back)."""
    return linkable_query(round_.pk, required=[], held=_held(round_))


def linkable_submissions(round_: Round) -> QuerySet[Submission]:
    """The released responses the Chair may see one by one under their pseudonym: those that answer
    every required question. Online answers always do; a written one that skips a required question
    would be recognisable by that blank, so it counts only where answers are unlinked (the summary)."""
    return linkable_query(**linkable_arguments(round_))


def linkable_arguments(round_: Round) -> dict[str, Any]:
    """What decides the round's linkable responses, as arguments of linkable_query (for a PreparedQuery)."""
    # A follow-up (asked only after some answers) may rightly be blank online too: only those always asked count.
    required = [q.pk for q in questions(round_) if q.required and conditions.condition(q) is None]
    return {"round_id": round_.pk, "required": required, "held": _held(round_)}


def _held(round_: Round) -> list[int]:
    return _held_back(round_) if round_.state in CLOSED_STATES else []


def linkable_query(round_id: int, required: list[int], held: list[int]) -> QuerySet[Submission]:
    """Submitted responses of the round but those held back, answering every one of the required questions."""
    submitted = Submission.objects.filter(round_id=round_id, state=SubmissionState.SUBMITTED)
    if held:
        submitted = submitted.exclude(pk__in=held)
    if not required:
        return submitted
    return submitted.annotate(
        required_answered=Count("answers", filter=Q(answers__question__in=required), distinct=True)
    ).filter(required_answered=len(required))


def respondents(round_: Round, *, held_too: bool = False) -> list[Respondent]:
    """Submitted responses of the round, ordered by pseudonym (never by submission order). Late answers
    still held back only with `held_too` (the Secretariat's export with identities)."""
    submitted = (
        Submission.objects.filter(round=round_, state=SubmissionState.SUBMITTED)
        if held_too
        else linkable_submissions(round_)
    )
    answers: dict[int, dict[str, Any]] = defaultdict(dict)
    rows = Answer.objects.filter(submission__in=submitted).values_list(
        "submission__pseudonym", "question__key", "value"
    )
    for pseudonym, key, value in rows:
        answers[pseudonym][key] = value
    found = submitted.values_list("pseudonym", flat=True)
    return [Respondent(pseudonym, answers.get(pseudonym, {})) for pseudonym in sorted(found)]


_ANSWERS_IN_PSEUDONYM_RANGE = PreparedQuery(
    lambda round_id, first, last: Answer.objects.filter(
        submission__round_id=round_id,
        submission__state=SubmissionState.SUBMITTED,
        submission__pseudonym__gte=first,
        submission__pseudonym__lte=last,
    ).values_list("submission__pseudonym", "question__key", "value")
)


def page_respondents(round_: Round, pseudonyms: list[int]) -> list[Respondent]:
    """The respondents of a page of pseudonym_page, as respondents() gives them: the answers of the
    page's range of pseudonyms in one prepared query, of which only the page's own are kept (a response
    in the range that the Chair may not see one by one is read, and dropped here)."""
    if not pseudonyms:
        return []
    answers: dict[int, dict[str, Any]] = {pseudonym: {} for pseudonym in pseudonyms}
    rows = _ANSWERS_IN_PSEUDONYM_RANGE(round_id=round_.pk, first=min(pseudonyms), last=max(pseudonyms))
    for pseudonym, key, value in rows:
        if pseudonym in answers:
            answers[pseudonym][key] = value
    return [Respondent(pseudonym, answers[pseudonym]) for pseudonym in sorted(pseudonyms)]


def pseudonyms_in_order(round_: Round) -> QuerySet:
    """The round's pseudonyms in order, for paging in the database rather than in memory."""
    return linkable_submissions(round_).order_by("pseudonym").values_list("pseudonym", flat=True)


class _Counted(Paginator):
    """A paginator told its count (read with the page), so it does not count in a query of its own."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached property


_PSEUDONYMS_BY_POSITION = PreparedQuery(
    lambda round_id, required, held, first, last: (
        linkable_query(round_id, required, held)
        .annotate(position=Window(RowNumber(), order_by="pseudonym"), total=Window(Count("*")))
        .filter(position__gte=first, position__lte=last)
        .order_by("pseudonym")
        .values_list("pseudonym", "total")
    )
)


def pseudonym_page(round_: Round, number: Any, per_page: int) -> Page:
    """A page of the round's pseudonyms in order, as Paginator(pseudonyms_in_order(round_),
    per_page).get_page(number) gives it (not a number: the first page; out of range: the last), with
    the total read in the same query (COUNT(*) OVER ()) instead of a query of its own."""
    arguments = linkable_arguments(round_)

    def rows_of(page: int) -> list[tuple[int, int]]:
        return _PSEUDONYMS_BY_POSITION(first=(page - 1) * per_page + 1, last=page * per_page, **arguments)

    try:
        wanted = min(int(number), 10**9)  # beyond any page, and within every database's integers
    except (TypeError, ValueError):
        wanted = 1
    rows = rows_of(wanted) if wanted >= 1 else []
    if rows:
        return Page([pseudonym for pseudonym, _total in rows], wanted, _Counted([], per_page, rows[0][1]))
    if wanted == 1:  # no response at all: the empty first page
        return Page([], 1, _Counted([], per_page, 0))
    # Past the end (a hand-typed address, or responses gone since): the count, then the last page.
    paginator = _Counted([], per_page, pseudonyms_in_order(round_).count())
    last = paginator.num_pages
    rows = rows_of(last) if paginator.count else []
    return Page([pseudonym for pseudonym, _total in rows], last, paginator)


def respondent(round_: Round, pseudonym: int) -> Respondent:
    """One submitted response by its pseudonym, or 404."""
    if not linkable_submissions(round_).filter(pseudonym=pseudonym).exists():
        raise Http404
    rows = Answer.objects.filter(submission__round=round_, submission__pseudonym=pseudonym).values_list(
        "question__key", "value"
    )
    return Respondent(pseudonym, dict(rows))


def neighbours(round_: Round, pseudonym: int) -> tuple[int | None, int | None]:
    """The previous and next pseudonyms, for paging through responses in pseudonym order."""
    submitted = linkable_submissions(round_)
    previous = submitted.filter(pseudonym__lt=pseudonym).order_by("-pseudonym").values_list("pseudonym", flat=True)
    following = submitted.filter(pseudonym__gt=pseudonym).order_by("pseudonym").values_list("pseudonym", flat=True)
    return previous.first(), following.first()


def matches(question: Question, value: Any, wanted: str) -> bool:
    """Whether a stored answer equals a filter value (as given in a URL), or contains it for text."""
    if value is None:
        return False
    if wanted == OTHER_FILTER:
        return bool(other_answer(question, value))
    if question.kind == "ranking":  # filtered by the item ranked first
        return bool(value) and str(value[0]) == wanted
    if question.kind == "grid":
        return False
    if question.kind == "text":
        return wanted.casefold() in str(value).casefold()
    if question.kind == "multi_choice":
        return wanted in [str(item) for item in value]
    if question.kind == "yes_no":
        return ("yes" if value else "no") == wanted
    return str(value) == wanted


def filter_values(question: Question) -> list[tuple[str, str]]:
    """The answer values one can filter a closed question by, as (value, label)."""
    if question.kind == "rating":
        return [(str(number), str(number)) for number in RATING_RANGE]
    if question.kind == "yes_no":
        return [("yes", "Yes"), ("no", "No")]
    if question.kind == "ranking":
        return choice_options(question)
    if question.kind in ("choice", "multi_choice"):
        return choice_options(question) + ([(OTHER_FILTER, _("Other"))] if offers_other(question) else [])
    return []


def distribution(question: Question, answers: list[Any]) -> list[tuple[str, str, int]]:
    """How many respondents chose each value of a closed question: (value, label, count)."""
    counts: dict[str, int] = defaultdict(int)
    if question.kind == "ranking":
        answers = [value[:1] for value in answers if value]  # the chart of first places
    for value in answers:
        other = other_answer(question, value)
        for item in value if isinstance(value, list) else [value]:
            if other and str(item) == other:
                counts[OTHER_FILTER] += 1
                continue
            counts["yes" if item is True else "no" if item is False else str(item)] += 1
    return [(value, text, counts.get(value, 0)) for value, text in filter_values(question)]


_ROUND_QUESTIONS = PreparedQuery(lambda round_id: Question.objects.filter(round_id=round_id).order_by("order", "id"))


def questions(round_: Round) -> list[Question]:
    """The round's active questions, read once per round object: a page asks several times (its own
    list, and the rule on linkable responses for each read of them). The same read, retired versions
    included, answers Round.asks_for_files (the pages' tabs ask it) without a query of its own."""
    if "_active_questions" not in round_.__dict__:
        every = _ROUND_QUESTIONS(round_id=round_.pk)
        for question in every:
            question.round = round_  # as the related manager would have set it
        round_.__dict__["_active_questions"] = [question for question in every if not question.retired]
        round_.__dict__.setdefault("asks_for_files", any(question.kind == QuestionKind.FILE for question in every))
    return list(round_.__dict__["_active_questions"])


# --- Progress -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    overall: ResponseRate
    by_category: list[tuple[str, ResponseRate]]  # empty unless asked for (the Secretariat's view)
    late: LateAnswers


def round_progress(round_: Round, *, by_category: bool) -> Progress:
    """Response figures (fixed at closing), per category only for the Secretariat, and late answers."""
    figures = round_figures([round_])[round_.pk]
    late = late_answers(round_) if round_.state in CLOSED_STATES else LateAnswers(0, 0)
    return Progress(figures.overall, figures.categories() if by_category else [], late)


def chair_rounds(user: Any) -> list[tuple[Round, ResponseRate]]:
    """The announced rounds, newest first, each with its overall figures (no categories)."""
    rounds = list(
        rounds_visible_to(user).exclude(state__in=(RoundState.DRAFT, RoundState.CANCELLED)).order_by("-opens_at")
    )
    figures = round_figures(rounds)
    return [(round_, figures[round_.pk].overall) for round_ in rounds]


def waiting_for_summary(rounds: list[Round]) -> list[tuple[Round, Summary | None]]:
    """The closed rounds among these (not yet summarised), each with its summary if one was started. One query."""
    closed = [round_ for round_ in rounds if round_.state == RoundState.CLOSED]
    summaries = {
        summary.round_id: summary
        for summary in Summary.objects.filter(round__in=closed).only("round_id", "state", "generation_status")
    }
    return [(round_, summaries.get(round_.pk)) for round_ in sorted(closed, key=lambda item: item.closes_at)]
