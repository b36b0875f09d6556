"""The deadline rush: every participant loads the questionnaire, autosaves ten times and submits in the
last five minutes before the deadline, on a compressed clock; then the database is checked answer by answer.

    python bench/rush_bench.py --participants 500                # gunicorn + PostgreSQL (DATABASE_URL)
    python bench/rush_bench.py --participants 50 --embedded      # `make run`'s server on SQLite

Each participant is one thread that acts like a browser tab: the page, then its autosaves (each posts
the version the previous save returned, as static/js/feedback-answer.js does), then the form's submit.
Actions are scheduled over the five minutes shrunk `--compression` times (10: the rush takes 30 s, ten
times the real pace); a participant never sends a request before the previous one has answered, so a
slow server delays the rest of their schedule instead of piling up requests. Like the page's script, a
failed request (no answer, a 5xx) is retried, and counted.

Afterwards every participant's row is read back: the submitted answers must be exactly the last ones
the participant submitted, with one response, one answer per question and one revision per submission
(`lost` and `duplicated` must both be 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import quantiles
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PROJECT, bench_line, registered, setup_django
from bench.load import logged_in_session, start_gunicorn, stop, wait_for

PORT = 8766
WINDOW = 5 * 60  # the last five minutes before the deadline, in real seconds
AUTOSAVES = 10
RETRIES = 5
CSRF = "r" * 32
VERSION = re.compile(r'name="version" value="(\d+)"')


@dataclass
class Participant:
    """One simulated participant: their session, schedule and what the server acknowledged."""

    number: int
    session: str
    times: list[float]  # seconds after the start: the page, the autosaves, the submit
    version: int = 0
    submitted: dict | None = None  # the answers the server acknowledged as submitted
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"page": [], "autosave": [], "submit": []})
    retries: int = 0
    failures: list[str] = field(default_factory=list)

    def answers(self, step: int) -> dict[str, str]:
        """What this participant has typed by `step`: every step changes the text and the rating."""
        return {
            "q_ease": str(1 + (self.number + step) % 5),
            "q_formats": ["Excel", "CSV", "XML"][(self.number + step) % 3],
            "q_pilot": "yes" if (self.number + step) % 2 else "no",
            "q_change": f"Participant {self.number}, thought {step}: pre-fill from last year's report.",
            "q_other": f"Step {step}." if step % 3 else "",
        }


def prepare(count: int, deadline: dt.datetime) -> tuple[int, list[str]]:
    """An open round closing at `deadline`, five questions, `count` approved participants logged in."""
    from django.utils import timezone

    from consult.models import Cycle, Question, Round, Tool
    from participants.models import Participant as Expert
    from participants.models import User

    now = timezone.now()
    cycle = Cycle.objects.create(
        name="RUSH", starts_on=now.date() - dt.timedelta(days=30), ends_on=now.date() + dt.timedelta(days=300)
    )
    tool = Tool.objects.create(name="Rush bench tool", articles=[13])
    round_ = Round.objects.create(
        cycle=cycle,
        tool=tool,
        title="Annual report template review",
        stage="review",
        mode="written",
        opens_at=now - dt.timedelta(days=14),
        closes_at=deadline,
    )
    round_.schedule(slot=None, at=now)  # a written request takes no cap place
    round_.open(at=now)
    round_.save()
    Question.objects.bulk_create(
        [
            Question(round=round_, key="ease", kind="rating", text="How easy is the template?", order=1, required=True),
            Question(
                round=round_,
                key="formats",
                kind="choice",
                text="Which format?",
                choices=["Excel", "CSV", "XML"],
                order=2,
            ),
            Question(round=round_, key="pilot", kind="yes_no", text="Would you pilot it?", order=3, required=True),
            Question(round=round_, key="change", kind="text", text="What should change?", order=4, required=True),
            Question(round=round_, key="other", kind="text", text="Anything else?", order=5),
        ]
    )
    users = User.objects.bulk_create([User(email=f"rush{n}@example.org", password="!") for n in range(count)])
    Expert.objects.bulk_create(
        [
            Expert(
                user=user,
                full_name=f"Rush Expert {n}",
                category="state_party",
                country="NO",
                status="approved",
                **registered(now),
            )
            for n, user in enumerate(users)
        ]
    )
    return round_.pk, [logged_in_session(user) for user in users]


def set_deadline(round_id: int, deadline: dt.datetime) -> None:
    """The deadline counts from when the server is ready (starting it on a busy machine takes a while)."""
    from django.db import connection

    from consult.models import Round

    Round.objects.filter(pk=round_id).update(closes_at=deadline)
    connection.close()


def schedule(number: int, span: float, rng: random.Random) -> list[float]:
    """When this participant acts: starts in the first half of the window, submits in the last third
    (most people finish close to the deadline), autosaves evenly in between."""
    start = rng.uniform(0, 0.5 * span)
    finish = rng.uniform(0.67 * span, 0.97 * span)
    steps = AUTOSAVES + 1
    return [start + (finish - start) * step / steps for step in range(steps + 1)]


class Client:
    """HTTP as a browser tab sends it: the session and CSRF cookies, the CSRF header on posts."""

    def __init__(self, participant: Participant, round_id: int) -> None:
        self.participant = participant
        self.answer_path = f"/feedback/rounds/{round_id}/answer/"
        self.autosave_path = f"/feedback/rounds/{round_id}/answer/autosave/"

    def request(self, kind: str, method: str, path: str, body: dict | None = None) -> tuple[int, str, bytes]:
        """(status, Location, body); retried like the page's script when the server does not answer."""
        headers = {"Cookie": f"sessionid={self.participant.session}; csrftoken={CSRF}", "Host": "127.0.0.1"}
        payload = None
        if body is not None:
            payload = urlencode(body, doseq=True)
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF})
        for attempt in range(RETRIES + 1):
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
                connection.request(method, path, payload, headers)
                response = connection.getresponse()
                content = response.read()
                connection.close()
            except OSError as error:
                status, content, location = 0, str(error).encode(), ""
            else:
                status, location = response.status, response.getheader("Location", "")
            if status and status < 500:
                self.participant.latencies[kind].append(time.perf_counter() - started)
                return status, location, content
            if attempt < RETRIES:
                self.participant.retries += 1
                time.sleep(0.5 * (attempt + 1))
        return status, location, content

    def run(self, start: float) -> None:
        participant = self.participant
        times = iter(participant.times)
        self._wait(start, next(times))
        status, _location, content = self.request("page", "GET", self.answer_path)
        found = VERSION.search(content.decode(errors="replace")) if status == 200 else None
        if found is None:
            participant.failures.append(f"questionnaire answered {status}")
            return
        participant.version = int(found.group(1))
        for step in range(1, AUTOSAVES + 1):
            self._wait(start, next(times))
            body = {"version": participant.version, **participant.answers(step)}
            status, _location, content = self.request("autosave", "POST", self.autosave_path, body)
            if status != 200:
                participant.failures.append(f"autosave {step} answered {status}: {content[:200]!r}")
                return
            participant.version = json.loads(content)["version"]
        self._wait(start, next(times))
        final = participant.answers(AUTOSAVES + 1)
        body = {"version": participant.version, "action": "submit", "confirm": "yes", **final}
        status, location, content = self.request("submit", "POST", self.answer_path, body)
        if status == 302 and location.rstrip("/").endswith("/feedback"):
            participant.submitted = final
        else:
            participant.failures.append(f"submit answered {status} {location}: {content[:200]!r}")

    @staticmethod
    def _wait(start: float, at: float) -> None:
        delay = start + at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)


def stored_value(kind: str, posted: str):
    """How the form's value is stored, to compare with the database."""
    if kind == "rating":
        return int(posted)
    if kind == "yes_no":
        return posted == "yes"
    return posted


def verify(round_id: int, participants: list[Participant]) -> dict[str, int]:
    """Lost: acknowledged answers missing or different in the database, and participants who could not
    submit. Duplicated: more than one response, answer per question or revision per submission."""
    from django.db.models import Count

    from consult.models import Question
    from feedback.models import Answer, Submission, SubmissionRevision

    kinds = dict(Question.objects.filter(round_id=round_id).values_list("key", "kind"))
    emails = {f"rush{p.number}@example.org": p for p in participants}
    stored: dict[int, dict] = {}
    submissions = Submission.objects.filter(round_id=round_id).select_related("participant__user")
    owner = {s.pk: emails[s.participant.user.email] for s in submissions}
    for submission_id, key, value in Answer.objects.filter(submission__round_id=round_id).values_list(
        "submission_id", "question__key", "value"
    ):
        stored.setdefault(owner[submission_id].number, {})[key] = value
    lost = 0
    for participant in participants:
        if participant.submitted is None:
            lost += len(kinds)  # everything they meant to submit
            continue
        expected = {
            key.removeprefix("q_"): stored_value(kinds[key.removeprefix("q_")], value)
            for key, value in participant.submitted.items()
            if value != ""
        }
        got = stored.get(participant.number, {})
        lost += sum(1 for key, value in expected.items() if got.get(key) != value)
    duplicated = (
        Submission.objects.filter(round_id=round_id)
        .values("participant")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
        + Answer.objects.filter(submission__round_id=round_id)
        .values("submission", "question")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
        + SubmissionRevision.objects.filter(submission__round_id=round_id)
        .values("submission")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    return {"lost": lost, "duplicated": duplicated, "submitted": sum(1 for p in participants if p.submitted)}


def p95(values: list[float]) -> float:
    return quantiles(values, n=20)[-1] * 1000 if len(values) > 1 else float("nan")


def start_embedded() -> subprocess.Popen:
    """`make run`'s web server: Django's development server, one process with a thread per request."""
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload", "--skip-checks"],
        cwd=PROJECT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(PORT)
    return server


def embedded_environment(folder: str) -> None:
    """What `make run` uses: SQLite in a file, huey on SQLite, DEBUG on (no SECRET_KEY)."""
    for name in ("SECRET_KEY", "DEBUG", "REDIS_URL", "ALLOWED_HOSTS", "SITE_URL", "SECURE_SSL_REDIRECT"):
        os.environ.pop(name, None)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        HUEY_SQLITE_PATH=f"{folder}/huey.sqlite3",
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=PROJECT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--compression", type=float, default=10)
    parser.add_argument("--embedded", action="store_true", help="make run's server on SQLite instead of gunicorn")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (the README's deployment: 3)")
    parser.add_argument("--prefix", default="rush")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.embedded:
            embedded_environment(folder)
        setup_django()
        span = WINDOW / args.compression
        from django.utils import timezone

        # The deadline is the end of the window; a minute of grace on the server's clock lets a slow
        # machine show in the latencies rather than as refusals (refusals would still count as lost).
        started_at = timezone.now() + dt.timedelta(seconds=20)
        round_id, sessions = prepare(args.participants, started_at + dt.timedelta(seconds=span + 60))
        from django.db import connection

        connection.close()  # the SQLite file is the server's now
        server = start_embedded() if args.embedded else start_gunicorn("config.wsgi:application", PORT, args.workers)
        set_deadline(round_id, timezone.now() + dt.timedelta(seconds=span + 60))
        rng = random.Random(20)
        participants = [Participant(n, s, schedule(n, span, rng)) for n, s in enumerate(sessions)]
        try:
            start = time.perf_counter() + 1
            threads = [threading.Thread(target=Client(p, round_id).run, args=(start,)) for p in participants]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.perf_counter() - start
        finally:
            stop(server)
        result = verify(round_id, participants)
    latencies = {kind: [v for p in participants for v in p.latencies[kind]] for kind in ("page", "autosave", "submit")}
    requests = sum(len(values) for values in latencies.values())
    server_name = (
        "make run's server (runserver) + SQLite" if args.embedded else f"gunicorn ({args.workers} workers) + PostgreSQL"
    )
    print(
        f"\nRush: {args.participants} participants on {server_name}; 5 minutes compressed {args.compression:g}x "
        f"into {span:.0f} s; {requests} requests in {took:.1f} s ({requests / took:.0f} req/s), "
        f"{sum(p.retries for p in participants)} retried"
    )
    print(
        f"p95 ms: questionnaire {p95(latencies['page']):.0f}, autosave {p95(latencies['autosave']):.0f}, "
        f"submit {p95(latencies['submit']):.0f}; submitted {result['submitted']} of {args.participants}"
    )
    for participant in participants:
        for failure in participant.failures[:1]:
            print(f"  participant {participant.number}: {failure}")
    prefix = args.prefix
    print(bench_line(f"{prefix}_questionnaire_p95", p95(latencies["page"]), "ms"))
    print(bench_line(f"{prefix}_autosave_p95", p95(latencies["autosave"]), "ms"))
    print(bench_line(f"{prefix}_submit_p95", p95(latencies["submit"]), "ms"))
    print(bench_line(f"{prefix}_lost", result["lost"], "answers"))
    print(bench_line(f"{prefix}_duplicated", result["duplicated"], "rows"))
    print(bench_line(f"{prefix}_retried", sum(p.retries for p in participants), "requests"))


if __name__ == "__main__":
    main()
