"""Demo responses for `make run` (called by `manage.py seed_demo` with consult.demo.seed()'s rounds; idempotent).

In the open round: a draft (the State Party demo login finds it), online submissions, one written
submission recorded by the Secretariat, and somebody who has not answered (for the reminder button).
In the closed round: submitted answers, so participants see them read-only and the Chair can read and
summarise them. Free text mentions names and States on purpose, to show the anonymizer at work.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from consult.figures import figures_at_closing
from consult.models import Question, Round, RoundState
from feedback import conditions, services
from feedback.models import Source, Submission
from feedback.services.records import create_submission, write_submission
from participants.demo import ensure_participant
from participants.eligibility import may_take_part
from participants.models import Participant, User
from participants.permissions import SECRETARIAT

RESPONDENTS = [
    ("ana.torres@example.org", {"full_name": "Ana Torres", "category": "state_party", "country": "PE"}),
    (
        "fatima.alsayed@example.org",
        {
            "full_name": "Fatima Al-Sayed",
            "category": "international_organisation",
            "organisation": "Regional Arms Registry Office",
            "acronym": "RARO",
        },
    ),
    ("tomas.novak@example.org", {"full_name": "Tomáš Novák", "category": "signatory_state", "country": "CZ"}),
    (
        "lukas.meyer@example.org",
        {"full_name": "Lukas Meyer", "category": "civil_society", "organisation": "Arms Transparency Watch"},
    ),
]

TEXTS = [
    "As Peru's national point of contact I would like the tool to remember last year's entries; "
    "Ms Torres in our ministry spends a week retyping them.",
    "The validation messages should say which field is wrong and why. An Excel import would help "
    "States that keep their records in spreadsheets.",
    "Guidance next to each field would save many e-mails to the Secretariat. Contact me at "
    "t.novak@example.org if useful.",
    "Please keep an offline option: our authorities cannot always use the online platform.",
]


# The closed round's answers to "Which sections should change?": some say the same thing in other words
# (grouped in the summary), one names a person and a State (removed by the anonymizer).
CLOSED_TEXTS = [
    "The nil-report section should let us confirm that there were no exports with one tick.",
    "The guidance notes should sit next to each table, not in a separate document.",
    "The descriptions of the eight categories should match the Register's wording; we were unsure where "
    "small arms belong.",
    "An Excel version of the template that imports back into the online tool would save retyping.",
    "Make the nil report a single checkbox: filling in empty tables is pointless.",
    "The guidance notes should sit next to each table, not in a separate document!",
    "Category definitions need examples, especially for small arms and light weapons.",
    "Please provide the template in Excel so that it can be imported into the online reporting tool.",
    "As Peru's point of contact I would like a wider remarks column; Ms Torres in our ministry ran out of space.",
    "Put the guidance notes next to each table, not in a separate document.",
    "Examples of completed reports would help new national points of contact.",
]


# Every demo respondent applied, so has the statement §4 asks for (without it they could not answer).
RESPONDENT_STATEMENT = (
    "Prepares my government's annual report on conventional arms exports and imports; "
    "can give a day a month to the group's consultations."
)


def _people() -> dict[str, Participant]:
    people = {p.email: p for p in Participant.objects.select_related("user").filter(status="approved")}
    for email, fields in RESPONDENTS:
        if email not in people:
            people[email] = ensure_participant(
                email, status="approved", **{"statement": RESPONDENT_STATEMENT, **fields}
            )
    return people


def _value(question: Question, number: int, texts: list[str] = TEXTS) -> Any:
    """A plausible answer of the question's kind, varied by respondent."""
    choices = [str(choice) for choice in question.choices or []]
    if question.kind == "rating":
        return [4, 2, 5, 3, 4][number % 5]
    if question.kind == "yes_no":
        return number % 3 != 1
    if question.kind == "choice" and choices:
        return choices[number % len(choices)]
    if question.kind == "multi_choice" and choices:
        return sorted({choices[number % len(choices)], choices[(number + 1) % len(choices)]}, key=choices.index)
    if question.kind == "text":
        return texts[number % len(texts)][: question.max_length]
    if question.kind == "number":
        return [3, 5, 2, 8, 4][number % 5]
    if question.kind == "ranking" and choices:
        shift = number % len(choices)
        return choices[shift:] + choices[:shift]
    if question.kind == "grid" and choices:
        return {str(row): choices[(number + row) % len(choices)] for row in range(1, len(question.rows) + 1)}
    return None


def _answers(
    questions: list[Question], number: int, *, complete: bool = True, texts: list[str] = TEXTS
) -> dict[str, Any]:
    chosen = questions if complete else questions[:2]
    values = {q.key: value for q in chosen if (value := _value(q, number, texts)) is not None}
    asked = conditions.asked_keys(questions, values)  # a follow-up is answered only when it is asked
    return {key: value for key, value in values.items() if key in asked}


def _backfill(round_: Round, participant: Participant, values: dict[str, Any], *, at: datetime, source: str) -> None:
    """A response submitted while the round was open (demo only: the services refuse late answers)."""
    submission = create_submission(round_, participant, now=at, source=source)
    submission.personal_capacity_confirmed_at = at if source == Source.WEB else None
    write_submission(
        submission,
        questions=list(round_.questions.active()),
        values=values,
        now=at,
        source=source,
        update_fields=("personal_capacity_confirmed_at",),
    )


DRAFTS = {"ingrid.johansson@example.org", "tomas.novak@example.org"}  # Ingrid is a demo login: she finds hers
OFFLINE = {"ana.torres@example.org"}
SILENT = {"lukas.meyer@example.org"}  # has not answered: the reminder button has somebody to remind


def _seed_open(round_: Round, people: list[Participant], secretariat: User | None) -> None:
    questions = list(round_.questions.active())
    for number, participant in enumerate(people):
        quiet = participant.email in SILENT or (number % 4 == 3 and participant.email not in DRAFTS | OFFLINE)
        if quiet or Submission.objects.filter(round=round_, participant=participant).exists():
            continue  # some have not answered yet: the progress page and the reminder button have work
        if participant.email in DRAFTS:
            services.save_draft(
                round_id=round_.pk,
                participant=participant,
                version=services.NEW,
                answers=_answers(questions, number, complete=False),
            )
        elif participant.email in OFFLINE and secretariat is not None:
            services.record_offline_submission(
                round_id=round_.pk, participant_id=participant.pk, answers=_answers(questions, number), by=secretariat
            )
        else:
            services.submit_response(
                round_id=round_.pk,
                participant=participant,
                version=services.NEW,
                answers=_answers(questions, number),
                confirm_personal_capacity=True,
            )


def _seed_closed(round_: Round, people: list[Participant]) -> None:
    questions = list(round_.questions.active())
    at = round_.closes_at - timedelta(days=3)
    answering = [p for number, p in enumerate(people) if p.email not in SILENT and number % 5 != 4]
    for number, participant in enumerate(answering):
        if not Submission.objects.filter(round=round_, participant=participant).exists():
            values = _answers(questions, number + 1, texts=CLOSED_TEXTS)
            _backfill(round_, participant, values, at=at, source=Source.WEB)
    # The answers are history written after the round was closed: fix its figures as they stood then.
    Round.objects.filter(pk=round_.pk).update(closing_figures=figures_at_closing(round_))


def _rounds(rounds: Any) -> list[Round]:
    if dataclasses.is_dataclass(rounds):
        return [getattr(rounds, field.name) for field in dataclasses.fields(rounds)]
    return list(rounds if isinstance(rounds, Iterable) else [rounds])


@transaction.atomic
def seed(rounds: Any, *, now: datetime | None = None) -> None:
    """Answers for the demo rounds that accept them; running it again adds nothing."""
    now = now or timezone.now()
    secretariat = User.objects.filter(groups__name=SECRETARIAT).order_by("pk").first()
    everyone = sorted(_people().values(), key=lambda p: p.email)
    for round_ in _rounds(rounds):
        round_.refresh_from_db()
        people = [p for p in everyone if may_take_part(p, restricted=round_.restricted)]
        if round_.accepts_answers(now):
            _seed_open(round_, people, secretariat)
        elif round_.state == RoundState.CLOSED:
            _seed_closed(round_, people)
