"""The Secretariat's cycle report for a cycle of 10 rounds and 20,000 answers, each round summarised.

    python bench/cycle_report_bench.py populate      # prints the cycle id
    python bench/cycle_report_bench.py measure ID    # prints one JSON line

`measure` runs in a fresh process so its peak memory is its own. It times what the worker and the
command line do: build the content, run the leak gate, write Markdown, HTML, Word and JSON. As a
baseline measured in the same process afterwards, it builds one of the round summaries the report
draws on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import peak_rss_mb, setup_django
from bench.summary_bench import add_participants, answer_text

ROUNDS = 10
RESPONDENTS = 400  # per round, 5 answers each: 2,000 answers a round, 20,000 in the cycle
PARTICIPANTS = 2000
ACTIONS = 30


def allow_written_rounds_without_a_place() -> None:
    """Written rounds take no place under the cap (§10); where this schema still gives every scheduled round
    one of the cycle's two places, drop that check in this throwaway database so a cycle holds ten."""
    from django.db import connection

    from consult.models import Round

    table = Round._meta.db_table
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, table)
        if "round_beyond_draft_holds_slot" in names:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "round_beyond_draft_holds_slot"')


def populate(seed: int = 13) -> int:
    from django.db import transaction
    from django.utils import timezone

    from consult.models import Cycle, Question, Round, Tool
    from feedback.analysis.models import Theme, ThemeTag
    from feedback.models import Answer, Submission, Summary
    from feedback.registry import build_anonymizer
    from feedback.report.models import FollowUp
    from feedback.summary.builder import build_content
    from participants.models import Participant

    rng = random.Random(seed)
    now = timezone.now()
    allow_written_rounds_without_a_place()
    with transaction.atomic():
        add_participants(PARTICIPANTS, rng, prefix="cycle")
        people = list(Participant.objects.order_by("pk").values_list("pk", "full_name", "user__email"))
        cycle = Cycle.objects.create(name="BENCH-CYCLE", starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2027, 12, 31))
        tool, _ = Tool.objects.get_or_create(name="Online reporting tool", defaults={"articles": [13]})
        for number in range(ROUNDS):
            round_ = Round.objects.create(
                cycle=cycle,
                tool=tool,
                title=f"Written consultation {number + 1}",
                stage="review",
                opens_at=now - dt.timedelta(days=60 - number),
                closes_at=now - dt.timedelta(days=30 - number),
            )
            round_.schedule(slot=None, at=now)
            round_.open(at=now)
            round_.close(at=now)
            round_.save()
            questions = Question.objects.bulk_create(
                [
                    Question(round=round_, key="ease", kind="rating", text="How easy is the tool?", order=1),
                    Question(round=round_, key="good", kind="text", text="What works well?", order=2),
                    Question(round=round_, key="change", kind="text", text="What should change?", order=3),
                    Question(round=round_, key="other", kind="text", text="Anything else?", order=4),
                    Question(round=round_, key="prefill", kind="yes_no", text="Pre-fill?", order=5),
                ]
            )
            chosen = rng.sample(people, RESPONDENTS)
            submissions = Submission.objects.bulk_create(
                [
                    Submission(
                        round=round_, participant_id=pk, pseudonym=index + 1, state="submitted", submitted_at=now
                    )
                    for index, (pk, _name, _email) in enumerate(chosen)
                ]
            )
            answers = []
            for submission, (_pk, name, email) in zip(submissions, chosen, strict=True):
                person = (name, email, "")
                answers += [
                    Answer(submission=submission, question=questions[0], value=rng.randint(1, 5)),
                    Answer(submission=submission, question=questions[1], value=answer_text(rng, person)),
                    Answer(submission=submission, question=questions[2], value=answer_text(rng, person)),
                    Answer(submission=submission, question=questions[3], value=answer_text(rng, person)),
                    Answer(submission=submission, question=questions[4], value=rng.random() < 0.7),
                ]
            Answer.objects.bulk_create(answers, batch_size=5000)
            themes = [
                Theme.objects.create(round=round_, question=questions[2], name=name)
                for name in ("Pre-filling", "Exports", "Validation messages")
            ]
            ThemeTag.objects.bulk_create(
                [
                    ThemeTag(theme=rng.choice(themes), submission=submission, question=questions[2])
                    for submission in submissions
                    if rng.random() < 0.6
                ]
            )
            content = build_content(round_, anonymizer=build_anonymizer())
            Summary.objects.create(
                round=round_,
                state="approved",
                content=content,
                narrative="Experts asked for pre-filled reports and clearer validation messages.",
                generation_status="done",
                generation_progress=100,
                generated_at=now,
                approved_at=now,
            )
        rounds = list(Round.objects.filter(cycle=cycle))
        for number in range(ACTIONS):
            action = FollowUp.objects.create(action=f"Change number {number + 1} was made.", status="done")
            action.rounds.set(rng.sample(rounds, 2))
    return cycle.pk


def measure(cycle_id: int) -> dict:
    from consult.models import Cycle, Round
    from feedback.registry import build_anonymizer
    from feedback.report import builder, gate
    from feedback.report.compose import ReportDocument
    from feedback.report.writers import FORMATS, write
    from feedback.summary.builder import build_content as build_summary

    cycle = Cycle.objects.get(pk=cycle_id)
    start = time.perf_counter()
    anonymizer = build_anonymizer()
    content = builder.build_content(cycle, anonymizer=anonymizer)
    leaks = gate.scan(content, "", "", anonymizer)
    document = ReportDocument(content=content, state="approved")
    sizes = {fmt: len(write(document, fmt)) for fmt in FORMATS}
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    baseline_start = time.perf_counter()
    build_summary(Round.objects.filter(cycle=cycle).first(), anonymizer=anonymizer)
    baseline = time.perf_counter() - baseline_start
    return {
        "rounds": len(content["rounds"]),
        "answers": sum(item["respondents"] * 5 for item in content["rounds"]),
        "leaks": len(leaks),
        "seconds": seconds,
        "peak_mb": peak,
        "one_summary_seconds": baseline,
        "sizes": sizes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("populate")
    measure_parser = sub.add_parser("measure")
    measure_parser.add_argument("cycle_id", type=int)
    args = parser.parse_args()
    setup_django()
    if args.command == "populate":
        print(populate())
    else:
        print(json.dumps(measure(args.cycle_id)))


if __name__ == "__main__":
    main()
