"""Summary of a large round: populate N respondents x 5 questions, then time and measure generation.

    python bench/summary_bench.py populate --respondents 20000     # prints the round id
    python bench/summary_bench.py measure ROUND_ID                  # prints one JSON line

`measure` runs in a fresh process so its peak memory is its own.
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

from bench.common import peak_rss_mb, registered, setup_django

GIVEN = ["Ingrid", "Kwame", "María José", "Aoife", "Jean-Pierre", "Mei", "Olusegun", "Fatima", "Grant", "May"]
FAMILY = ["Johansson", "Mensah", "García López", "Ní Bhriain", "van der Berg", "Chen", "Adeyemi", "Al-Sayed", "Field"]
CATEGORIES = ["state_party"] * 6 + [
    "signatory_state",
    "international_organisation",
    "regional_organisation",
    "industry",
]
COUNTRIES = ["SE", "GH", "PE", "IE", "NL", "CN", "NG", "JO", "GB", "FR", "DE", "MX", "JP", "KE", "NO"]
SUBSTANCE = [
    "The online reporting tool should pre-fill the annual report from last year's entries.",
    "Please add an XML and CSV export next to Excel, with the Article 13 fields in the same order.",
    "Validation messages should name the field that is wrong and say how to fix it.",
    "A French and a Spanish version of the guidance would help our national authorities.",
    "The information exchange platform needs keyword search across documents and metadata.",
    "Highlight what changed since the previous report so reviewers can focus on updates.",
    "Offline templates in Word remain essential where connectivity is poor.",
    "Subscriptions to notifications about new documents would save time.",
]
IDENTITY_MENTIONS = [
    "As {country} we agree.",
    "My colleague {name} will send details.",
    "Contact me at {email} for the template.",
    "The {demonym} delegation supports this.",
]
DEMONYMS = {"SE": "Swedish", "GH": "Ghanaian", "PE": "Peruvian", "NO": "Norwegian", "KE": "Kenyan"}
COUNTRY_NAMES = {"SE": "Sweden", "GH": "Ghana", "PE": "Peru", "NO": "Norway", "KE": "Kenya"}


def answer_text(rng: random.Random, person: tuple[str, str, str]) -> str:
    sentences = rng.sample(SUBSTANCE, k=rng.randint(1, 3))
    if rng.random() < 0.3:
        code = rng.choice(list(COUNTRY_NAMES))
        mention = rng.choice(IDENTITY_MENTIONS).format(
            country=COUNTRY_NAMES[code], name=person[0], email=person[1], demonym=DEMONYMS[code]
        )
        sentences.insert(rng.randrange(len(sentences) + 1), mention)
    return " ".join(sentences)


def add_participants(count: int, rng: random.Random, *, prefix: str, first: int = 0) -> None:
    """`count` approved participants with generated names, in bulk (the benchmarks' respondents)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from participants.models import Participant, User

    unusable, now = make_password(None), timezone.now()
    users = User.objects.bulk_create(
        [User(email=f"{prefix}{first + n}@example.org", password=unusable, name="") for n in range(count)],
        batch_size=5000,
    )
    Participant.objects.bulk_create(
        [
            Participant(
                user=user,
                full_name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                category=rng.choice(CATEGORIES),
                country=rng.choice(COUNTRIES),
                status="approved",
                **registered(now),
            )
            for user in users
        ],
        batch_size=5000,
    )


def populate(respondents: int, seed: int = 7) -> int:
    from django.db import transaction
    from django.utils import timezone

    from consult.models import Cycle, Question, Round, Tool
    from feedback.models import Answer, Submission
    from participants.models import Participant

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        existing = Participant.objects.count()
        missing = respondents - existing
        if missing > 0:
            add_participants(missing, rng, prefix="bench", first=existing)
        people = list(Participant.objects.order_by("pk").values_list("pk", "full_name", "user__email")[:respondents])
        cycle, _ = Cycle.objects.get_or_create(  # one cycle for both sizes: cycles never overlap
            name="BENCH", defaults={"starts_on": dt.date(2026, 1, 1), "ends_on": dt.date(2027, 12, 31)}
        )
        tool, _ = Tool.objects.get_or_create(name="Online reporting tool", defaults={"articles": [13]})
        round_ = Round.objects.create(
            cycle=cycle,
            tool=tool,
            title=f"Benchmark round with {respondents} respondents",
            stage="review",
            opens_at=now - dt.timedelta(days=30),
            closes_at=now - dt.timedelta(days=1),
        )
        round_.schedule(slot=None, at=now)  # a written request takes no cap place
        round_.open(at=now)
        round_.close(at=now)
        round_.save()
        questions = [
            Question(round=round_, key="ease", kind="rating", text="How easy is the tool?", order=1),
            Question(
                round=round_,
                key="formats",
                kind="multi_choice",
                text="Formats?",
                choices=["Excel", "CSV", "XML"],
                order=2,
            ),
            Question(round=round_, key="good", kind="text", text="What works well?", order=3),
            Question(round=round_, key="change", kind="text", text="What should change?", order=4),
            Question(round=round_, key="other", kind="text", text="Anything else?", order=5),
        ]
        Question.objects.bulk_create(questions)
        pseudonyms = rng.sample(range(1, respondents * 10), respondents)
        submissions = Submission.objects.bulk_create(
            [
                Submission(round=round_, participant_id=pk, pseudonym=pseudonym, state="submitted", submitted_at=now)
                for (pk, _name, _email), pseudonym in zip(people, pseudonyms, strict=True)
            ],
            batch_size=5000,
        )
        answers = []
        for submission, (_pk, name, email) in zip(submissions, people, strict=True):
            person = (name, email, "")
            answers += [
                Answer(submission=submission, question=questions[0], value=rng.randint(1, 5)),
                Answer(submission=submission, question=questions[1], value=rng.sample(["Excel", "CSV", "XML"], 2)),
                Answer(submission=submission, question=questions[2], value=answer_text(rng, person)),
                Answer(submission=submission, question=questions[3], value=answer_text(rng, person)),
                Answer(submission=submission, question=questions[4], value=answer_text(rng, person)),
            ]
            if len(answers) >= 20000:
                Answer.objects.bulk_create(answers)
                answers = []
        Answer.objects.bulk_create(answers)
    return round_.pk


def measure(round_id: int) -> dict:
    from consult.models import Round
    from feedback.registry import build_anonymizer
    from feedback.summary.builder import build_content
    from feedback.summary.writers import SummaryDocument, to_docx, to_markdown

    round_ = Round.objects.select_related("cycle", "tool").get(pk=round_id)
    start = time.perf_counter()
    anonymizer = build_anonymizer()
    content = build_content(round_, anonymizer=anonymizer)
    built = time.perf_counter()
    document = SummaryDocument(content=content, narrative="", state="approved")
    markdown = to_markdown(document)
    written_md = time.perf_counter()
    word = to_docx(document)
    written_docx = time.perf_counter()
    answers = sum(q["answered"] for q in content["questions"])
    return {
        "answers": answers,
        "build_seconds": built - start,
        "markdown_seconds": written_md - built,
        "docx_seconds": written_docx - written_md,
        "total_seconds": written_docx - start,
        "peak_mb": peak_rss_mb(),
        "markdown_bytes": len(markdown),
        "docx_bytes": len(word),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    populate_parser = sub.add_parser("populate")
    populate_parser.add_argument("--respondents", type=int, required=True)
    measure_parser = sub.add_parser("measure")
    measure_parser.add_argument("round_id", type=int)
    args = parser.parse_args()
    setup_django()
    if args.command == "populate":
        print(populate(args.respondents))
    else:
        print(json.dumps(measure(args.round_id)))


if __name__ == "__main__":
    main()
