"""Suggested themes for 10,000 answers, end to end: the answers read from PostgreSQL, anonymized,
vectorized and factorised, the suggestions stored. Then their quality on the generated set's known topics.

    python bench/themes_bench.py populate --answers 10000     # prints the round id
    python bench/themes_bench.py measure ROUND_ID              # prints one JSON line
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import registered, setup_django

SEED = 7


def populate(answers: int) -> int:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from consult.models import Cycle, Question, Round, Tool
    from feedback.models import Answer, Submission
    from participants.models import Participant, User
    from tests.analysis.topics import generate

    corpus = generate(answers, seed=SEED)
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(email=f"themes{n}@example.org", password=make_password(None)) for n in range(answers)],
            batch_size=5000,
        )
        people = Participant.objects.bulk_create(
            [
                Participant(
                    user=user,
                    full_name=f"Expert {n} Themes",
                    category="state_party",
                    country="NO",
                    status="approved",
                    **registered(now),
                )
                for n, user in enumerate(users)
            ],
            batch_size=5000,
        )
        cycle = Cycle.objects.create(name="THEMES", starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2027, 12, 31))
        tool, _ = Tool.objects.get_or_create(name="Online reporting tool", defaults={"articles": [13]})
        round_ = Round.objects.create(
            cycle=cycle,
            tool=tool,
            title="Themes benchmark",
            stage="review",
            opens_at=now - dt.timedelta(days=30),
            closes_at=now - dt.timedelta(days=1),
        )
        round_.schedule(slot=None, at=now)  # a written request takes no cap place
        round_.open(at=now)
        round_.close(at=now)
        round_.save()
        question = Question.objects.create(round=round_, key="change", kind="text", text="What should change?")
        submissions = Submission.objects.bulk_create(
            [
                Submission(round=round_, participant=person, pseudonym=n + 1, state="submitted", submitted_at=now)
                for n, person in enumerate(people)
            ],
            batch_size=5000,
        )
        Answer.objects.bulk_create(
            [
                Answer(submission=submission, question=question, value=text)
                for submission, text in zip(submissions, corpus.texts, strict=True)
            ],
            batch_size=5000,
        )
    return round_.pk


def measure(round_id: int) -> dict:
    from consult.models import Round
    from feedback.analysis.services import compute_suggestions
    from feedback.registry import current_anonymizer
    from tests.analysis.topics import TOPICS, generate, recovered

    round_ = Round.objects.get(pk=round_id)
    current_anonymizer()  # built once per registry in a running server; not part of suggesting
    started = time.perf_counter()
    suggestion_set = compute_suggestions(round_id=round_.pk, question_key="change", by=None)
    seconds = time.perf_counter() - started
    corpus = generate(suggestion_set.answers, seed=SEED)
    pseudonym_of = dict(round_.submissions.values_list("pk", "pseudonym"))

    class Found:
        def __init__(self, item: dict) -> None:
            self.members = [pseudonym_of[pk] - 1 for pk in item["submissions"]]

    found = recovered(corpus, [Found(item) for item in suggestion_set.items])
    return {
        "answers": suggestion_set.answers,
        "seconds": seconds,
        "suggestions": [(item["label"], len(item["submissions"])) for item in suggestion_set.items],
        "recovered": sorted(found),
        "topics": len(TOPICS),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("populate").add_argument("--answers", type=int, required=True)
    sub.add_parser("measure").add_argument("round_id", type=int)
    args = parser.parse_args()
    setup_django()
    print(populate(args.answers) if args.command == "populate" else json.dumps(measure(args.round_id)))


if __name__ == "__main__":
    main()
