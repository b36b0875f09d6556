"""Reads that depend on who is asking. Chair-facing reads return pseudonyms and answers, never identities,
timestamps or the web/offline source (DESIGN.md §4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.models import Document, Question, Round, RoundState
from consult.selectors import rounds_visible_to
from feedback.models import Answer, Submission, SubmissionState, Summary
from feedback.pseudonyms import label
from feedback.questionnaire import active_questions
from feedback.validation import RATING_RANGE, choice_options, offers_other, other_answer
from participants.models import Category, Participant, Status

# Rounds whose responses the Chair and Secretariat may read: answering has begun.
OTHER_FILTER = "__other__"  # the "Other, please specify" answers of a choice question, in filters and charts
READABLE_STATES = (RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED)


# --- The participant's own view ---------------------------------------------------------------------


@dataclass
class DashboardRound:
    round: Round
    submission: Submission | None
    accepting: bool

    @property
    def status(self) -> str:
        """not_started, draft, submitted or changed (submitted, with edits not yet submitted)."""
        if self.submission is None:
            return "not_started"
        if self.submission.state == SubmissionState.SUBMITTED:
            return "changed" if self.submission.has_unsubmitted_changes else "submitted"
        return "draft"


@dataclass
class ParticipantDashboard:
    open: list[DashboardRound] = field(default_factory=list)
    upcoming: list[DashboardRound] = field(default_factory=list)
    closed: list[DashboardRound] = field(default_factory=list)


def participant_dashboard(user: Any, *, now: datetime | None = None) -> ParticipantDashboard:
    """The rounds this participant may see, with their own response: three queries whatever the size."""
    now = now or timezone.now()
    participant = user.participant
    rounds = list(
        rounds_visible_to(user).prefetch_related(Prefetch("documents", queryset=Document.objects.order_by("title")))
    )
    submissions = {
        submission.round_id: submission
        for submission in Submission.objects.filter(participant=participant, round__in=[r.pk for r in rounds]).only(
            "round_id", "state", "source", "has_unsubmitted_changes", "updated_at", "submitted_at", "version"
        )
    }
    dashboard = ParticipantDashboard()
    for round_ in rounds:
        item = DashboardRound(round_, submissions.get(round_.pk), round_.accepts_answers(now))
        if round_.state == RoundState.OPEN and now < round_.closes_at:
            dashboard.open.append(item)
        elif round_.state == RoundState.SCHEDULED:
            dashboard.upcoming.append(item)
        elif round_.state in (RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED):
            dashboard.closed.append(item)
    dashboard.open.sort(key=lambda item: item.round.closes_at)
    dashboard.closed.sort(key=lambda item: item.round.closes_at, reverse=True)
    return dashboard


def own_submission(participant: Participant, round_: Round) -> Submission | None:
    """The participant's own response to the round (nobody else's can ever be reached from here)."""
    return Submission.objects.filter(round=round_, participant=participant).first()


# --- Chair and Secretariat: responses under pseudonyms -------------------------------------------


def readable_round(user: Any, round_id: int) -> Round:
    """A round whose responses the viewer may read, or 404 (no hint whether it exists)."""
    round_ = get_visible_round(user, round_id)
    if round_.state not in READABLE_STATES:
        raise Http404
    return round_


def get_visible_round(user: Any, round_id: int) -> Round:
    try:
        return rounds_visible_to(user).get(pk=round_id)
    except Round.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Respondent:
    """One submitted response as the Chair sees it: a pseudonym and answers by question key."""

    pseudonym: int
    answers: dict[str, Any]

    @property
    def label(self) -> str:
        return label(self.pseudonym)


def _submitted(round_: Round) -> QuerySet[Submission]:
    return Submission.objects.filter(round=round_, state=SubmissionState.SUBMITTED)


def respondents(round_: Round, *, pseudonyms: list[int] | None = None) -> list[Respondent]:
    """Submitted responses of the round (all, or those with the given pseudonyms), ordered by pseudonym
    (never by submission order)."""
    submitted = _submitted(round_)
    if pseudonyms is not None:
        submitted = submitted.filter(pseudonym__in=pseudonyms)
    answers: dict[int, dict[str, Any]] = defaultdict(dict)
    rows = Answer.objects.filter(submission__in=submitted).values_list(
        "submission__pseudonym", "question__key", "value"
    )
    for pseudonym, key, value in rows:
        answers[pseudonym][key] = value
    found = pseudonyms if pseudonyms is not None else submitted.values_list("pseudonym", flat=True)
    return [Respondent(pseudonym, answers.get(pseudonym, {})) for pseudonym in sorted(found)]


def pseudonyms_in_order(round_: Round) -> QuerySet:
    """The round's pseudonyms in order, for paging in the database rather than in memory."""
    return _submitted(round_).order_by("pseudonym").values_list("pseudonym", flat=True)


def respondent(round_: Round, pseudonym: int) -> Respondent:
    """One submitted response by its pseudonym, or 404."""
    if not _submitted(round_).filter(pseudonym=pseudonym).exists():
        raise Http404
    rows = Answer.objects.filter(submission__round=round_, submission__pseudonym=pseudonym).values_list(
        "question__key", "value"
    )
    return Respondent(pseudonym, dict(rows))


def neighbours(round_: Round, pseudonym: int) -> tuple[int | None, int | None]:
    """The previous and next pseudonyms, for paging through responses in pseudonym order."""
    submitted = _submitted(round_)
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


def questions(round_: Round) -> list[Question]:
    return active_questions(round_)


# --- Progress -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    eligible: int
    submitted: int
    drafts: int

    @property
    def not_started(self) -> int:
        return max(self.eligible - self.submitted - self.drafts, 0)

    @property
    def rate(self) -> int:
        """Percent of eligible participants who have submitted."""
        return round(100 * self.submitted / self.eligible) if self.eligible else 0


@dataclass(frozen=True)
class Progress:
    overall: Tally
    by_category: list[tuple[str, Tally]]  # empty unless asked for (the Secretariat's view)


def eligible_participants(round_: Round) -> QuerySet[Participant]:
    """Who may answer this round now: approved participants, State Parties only when restricted (§9)."""
    participants = Participant.objects.filter(status=Status.APPROVED)
    return participants.filter(category=Category.STATE_PARTY) if round_.restricted else participants


def round_progress(round_: Round, *, by_category: bool) -> Progress:
    """Response counts and rate; per category only for the Secretariat. One query."""
    rows = (
        eligible_participants(round_)
        .values("category")
        .annotate(
            eligible=Count("pk", distinct=True),
            submitted=Count(
                "submissions",
                filter=Q(submissions__round=round_, submissions__state=SubmissionState.SUBMITTED),
                distinct=True,
            ),
            drafts=Count(
                "submissions",
                filter=Q(submissions__round=round_, submissions__state=SubmissionState.DRAFT),
                distinct=True,
            ),
        )
        .order_by("category")
    )
    tallies = {row["category"]: Tally(row["eligible"], row["submitted"], row["drafts"]) for row in rows}
    overall = Tally(
        sum(t.eligible for t in tallies.values()),
        sum(t.submitted for t in tallies.values()),
        sum(t.drafts for t in tallies.values()),
    )
    categories = [(str(text), tallies[value]) for value, text in Category.choices if value in tallies]
    return Progress(overall, categories if by_category else [])


def chair_rounds(user: Any) -> list[tuple[Round, Tally]]:
    """The announced rounds, newest first, each with its overall tally (no categories). Three queries."""
    rounds = list(
        rounds_visible_to(user).exclude(state__in=(RoundState.DRAFT, RoundState.CANCELLED)).order_by("-opens_at")
    )
    approved = Participant.objects.filter(status=Status.APPROVED).aggregate(
        everyone=Count("pk"), state_parties=Count("pk", filter=Q(category=Category.STATE_PARTY))
    )
    counts: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        Submission.objects.filter(round__in=rounds, participant__status=Status.APPROVED)
        .filter(Q(round__restricted=False) | Q(participant__category=Category.STATE_PARTY))
        .values_list("round_id", "state")
        .annotate(n=Count("pk"))
    )
    for round_id, state, number in rows:
        counts[round_id, state] += number
    return [
        (
            round_,
            Tally(
                approved["state_parties"] if round_.restricted else approved["everyone"],
                counts[round_.pk, SubmissionState.SUBMITTED],
                counts[round_.pk, SubmissionState.DRAFT],
            ),
        )
        for round_ in rounds
    ]


def waiting_for_summary(rounds: list[Round]) -> list[tuple[Round, Summary | None]]:
    """The closed rounds among these (not yet summarised), each with its summary if one was started. One query."""
    closed = [round_ for round_ in rounds if round_.state == RoundState.CLOSED]
    summaries = {
        summary.round_id: summary
        for summary in Summary.objects.filter(round__in=closed).only("round_id", "state", "generation_status")
    }
    return [(round_, summaries.get(round_.pk)) for round_ in sorted(closed, key=lambda item: item.closes_at)]
