"""Queries per page at 10 and at 1,000 rounds, participants and responses (equal is the target)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_line, registered, setup_django


def grow(scale: int, state: dict) -> None:
    """Bring the database up to `scale` open rounds, participants and responses in the measured round."""
    from django.utils import timezone

    from consult.models import Cycle, Question, Round, Tool
    from feedback.models import Answer, Submission
    from participants.models import Participant, User

    now = timezone.now()
    if "tool" not in state:
        state["tool"] = Tool.objects.create(name="Query bench tool", articles=[11, 13])
    tool = state["tool"]
    while state.setdefault("rounds", 0) < scale:
        number = state["rounds"]
        if number % 2 == 0:  # cycles never overlap: the first holds today, the others follow it
            first_year = 2026 + 2 * (number // 2)
            state["cycle"] = Cycle.objects.create(
                name=f"QB-{number // 2}",
                starts_on=dt.date(first_year, 1, 1),
                ends_on=dt.date(first_year + 1, 12, 31),
            )
        round_ = Round.objects.create(
            cycle=state["cycle"],
            tool=tool,
            title=f"Round {number}",
            stage="review",
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=30),
        )
        round_.schedule(slot=None, at=now)  # a written request takes no cap place
        round_.open(at=now)
        round_.save()
        Question.objects.bulk_create(
            [
                Question(round=round_, key="ease", kind="rating", text="How easy?", order=1),
                Question(round=round_, key="change", kind="text", text="What should change?", order=2),
            ]
        )
        state.setdefault("first", round_)
        state["rounds"] += 1
    missing = scale - Participant.objects.count()
    if missing > 0:
        offset = Participant.objects.count()
        users = User.objects.bulk_create(
            [User(email=f"qb{offset + n}@example.org", password="!") for n in range(missing)]
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    user=user,
                    full_name=f"Expert {offset + n}",
                    category="state_party",
                    country="NO",
                    status="approved",
                    **registered(now),
                )
                for n, user in enumerate(users)
            ]
        )
    round_ = state["first"]
    questions = list(round_.questions.all())
    answered = set(Submission.objects.filter(round=round_).values_list("participant_id", flat=True))
    fresh = [p for p in Participant.objects.order_by("pk")[1:scale] if p.pk not in answered]
    submissions = Submission.objects.bulk_create(
        [
            Submission(round=round_, participant=p, pseudonym=10_000 + p.pk, state="submitted", submitted_at=now)
            for p in fresh
        ]
    )
    Answer.objects.bulk_create(
        [
            Answer(submission=s, question=q, value=3 if q.kind == "rating" else "Fine.")
            for s in submissions
            for q in questions
        ]
    )


def count(client, method: str, path: str, data: dict | None = None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, data) if method == "POST" else client.get(path)
    if response.status_code != 200:
        sys.exit(f"{method} {path} answered {response.status_code}")
    return len(captured)


def measure(state: dict) -> dict[str, int]:
    from django.contrib.auth.models import Group
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from participants.models import Participant, User

    participant = Participant.objects.order_by("pk").first()
    chair, _ = User.objects.get_or_create(email="qb-chair@example.org")
    chair.groups.add(Group.objects.get(name="Chair"))
    device, _ = TOTPDevice.objects.get_or_create(user=chair, name="bench", defaults={"confirmed": True})
    as_participant, as_chair = Client(), Client()
    as_participant.force_login(participant.user)
    as_chair.force_login(chair)
    session = as_chair.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    round_id = state["first"].pk
    autosave = f"/feedback/rounds/{round_id}/answer/autosave/"
    if "version" not in state:  # the first save creates the response; measure an ordinary later save
        count(as_participant, "POST", autosave, {"version": 0, "q_ease": 2, "q_change": "First"})
        state["version"] = 1
    version = state["version"]
    pages = {
        "dashboard": count(as_participant, "GET", "/feedback/"),
        "questionnaire": count(as_participant, "GET", f"/feedback/rounds/{round_id}/answer/"),
        "autosave": count(
            as_participant,
            "POST",
            autosave,
            {"version": version, "q_ease": 3 + version % 2, "q_change": f"Edit {version}"},
        ),
        "chair_responses": count(as_chair, "GET", f"/feedback/rounds/{round_id}/responses/"),
    }
    state["version"] = version + 1
    return pages


def main() -> None:
    setup_django()
    state: dict = {}
    results = {}
    for scale in (10, 1000):
        grow(scale, state)
        results[scale] = measure(state)
    print(f"{'page':<18}{'at 10':>8}{'at 1,000':>10}")
    for page in results[10]:
        print(f"{page:<18}{results[10][page]:>8}{results[1000][page]:>10}")
    for page in results[10]:
        print(bench_line(f"queries_{page}_10", results[10][page], "queries"))
        print(bench_line(f"queries_{page}_1000", results[1000][page], "queries"))


if __name__ == "__main__":
    main()
