"""HTTP load with wrk against gunicorn and PostgreSQL: each page's throughput as a share of a bare view's.

    python bench/http_bench.py [--seconds 5] [--rounds 3] [--connections 50]

The bench database must be migrated (bench/run.py does it). wrk runs one thread per connection so
each connection keeps its own state in Lua: the autosave posts the version its last save returned,
so every request is a real write, never a conflict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_database_url, bench_env, bench_line, registered, setup_django
from bench.load import logged_in_session, start_gunicorn, stop

PORT = 8765
PARTICIPANTS = 60
RESPONSES = 400

LUA = r"""
local sessions = {SESSIONS}
local method, path, csrf = "{METHOD}", "{PATH}", "{CSRF}"
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  session = sessions[(id - 1) % #sessions + 1]
  version = 0
  flip = 0
  failures = 0
end
function request()
  local headers = { ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf, ["Host"] = "127.0.0.1" }
  if method == "GET" then
    return wrk.format("GET", path, headers)
  end
  flip = 1 - flip
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["X-CSRFToken"] = csrf
  headers["X-Requested-With"] = "XMLHttpRequest"
  local body = "version=" .. version .. "&q_ease=" .. (3 + flip) ..
    "&q_change=Pre-fill+from+last+year+and+export+to+CSV+" .. flip
  return wrk.format("POST", path, headers, body)
end
-- wrk parses a body only when `response` is defined: GET pages leave it undefined, so the load
-- generator spends no CPU reading big pages (it shares the two cores with the server), and their
-- non-2xx answers are counted by wrk itself.
if method == "POST" then
  function response(status, headers, body)
    if status ~= 200 then failures = failures + 1 end
    local v = string.match(body, '"version": (%d+)')
    if v then version = tonumber(v) end
  end
end
function done(summary, latency, requests)
  local failed = summary.errors.status
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  io.write(string.format('RESULT {"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "failed": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000, failed))
end
"""


def prepare() -> dict:
    """Data and logged-in sessions: participants with an open round and a time poll, a Chair with 400
    responses, a codebook and the cycle's draft report."""
    setup_django()
    from django.contrib.auth.models import Group
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from consult.models import Cycle, Question, Round, Tool
    from feedback.models import Answer, Submission
    from participants.models import Participant, User

    now = timezone.now()

    cycle = Cycle.objects.create(name="HTTP-BENCH", starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2028, 1, 1))
    tool = Tool.objects.create(name="HTTP bench tool", articles=[13])
    round_ = Round.objects.create(
        cycle=cycle,
        tool=tool,
        title="Reporting tool review",
        stage="review",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
    )
    round_.schedule(slot=None, at=now)  # a written request takes no cap place
    round_.open(at=now)
    round_.save()
    questions = [
        Question(round=round_, key="ease", kind="rating", text="How easy is it?", order=1),
        Question(round=round_, key="formats", kind="multi_choice", text="Formats?", choices=["Excel", "CSV"], order=2),
        Question(round=round_, key="pilot", kind="yes_no", text="Would you pilot it?", order=3),
        Question(round=round_, key="change", kind="text", text="What should change?", order=4),
        Question(round=round_, key="other", kind="text", text="Anything else?", order=5),
    ]
    Question.objects.bulk_create(questions)
    users = User.objects.bulk_create(
        [User(email=f"http{n}@example.org", password="!") for n in range(PARTICIPANTS + RESPONSES)]
    )
    participants = Participant.objects.bulk_create(
        [
            Participant(
                user=user,
                full_name=f"Expert {n}",
                category="state_party",
                country="NO",
                status="approved",
                **registered(now),
            )
            for n, user in enumerate(users)
        ]
    )
    submissions = Submission.objects.bulk_create(
        [
            Submission(round=round_, participant=participant, pseudonym=1000 + n, state="submitted", submitted_at=now)
            for n, participant in enumerate(participants[PARTICIPANTS:])
        ]
    )
    Answer.objects.bulk_create(
        [
            Answer(submission=submission, question=question, value=value)
            for submission in submissions
            for question, value in zip(questions, [4, ["CSV"], True, "Export to CSV please.", ""], strict=True)
        ]
    )
    chair = User.objects.create(email="http-chair@example.org", password="!")
    chair.groups.add(Group.objects.get(name="Chair"))
    device = TOTPDevice.objects.create(user=chair, name="bench", confirmed=True)
    data = {
        "round": round_.pk,
        "cycle": draft_report(cycle, now),
        "tagged": tag_answers(round_, questions[3], submissions, chair),
        "poll": open_poll(cycle, tool, chair, now),
        "participants": [logged_in_session(participant.user) for participant in participants[:PARTICIPANTS]],
        "chair": [logged_in_session(chair, device)],
        "csrf": _get_new_csrf_string(),
    }
    analyze()
    return data


def analyze() -> None:
    """The planner's statistics, as autovacuum keeps them on a server in production (a server may run
    with it off, as this machine's does): without them PostgreSQL plans the 400 answers of the coding
    page as if there were one, and loops over them one index lookup at a time."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def draft_report(cycle, now) -> int:
    """The cycle's report, generated as the worker would, in draft: the page the Chair edits."""
    from feedback.registry import build_anonymizer
    from feedback.report.builder import build_content
    from feedback.report.models import CycleReport

    content = build_content(cycle, anonymizer=build_anonymizer())
    CycleReport.objects.create(
        cycle=cycle, content=content, generation_status="done", generation_progress=100, generated_at=now
    )
    return cycle.pk


def tag_answers(round_, question, submissions, chair) -> int:
    """A codebook of eight themes, half the answers tagged; returns the pseudonym the Chair codes next."""
    from feedback.analysis.models import Theme, ThemeTag

    themes = Theme.objects.bulk_create(
        [Theme(round=round_, name=f"Theme {n}", description="What it covers.", created_by=chair) for n in range(8)]
    )
    ThemeTag.objects.bulk_create(
        [
            ThemeTag(theme=themes[n % len(themes)], submission=submission, question=question)
            for n, submission in enumerate(submissions[: len(submissions) // 2])
        ]
    )
    return submissions[len(submissions) // 2].pseudonym


def open_poll(cycle, tool, chair, now) -> int:
    """An online meeting round still in draft with an open time poll of four proposed times."""
    from consult.meetings.models import Poll, Slot
    from consult.models import Round

    meeting = Round.objects.create(
        cycle=cycle,
        tool=tool,
        title="Online consultation on the guidance",
        stage="design",
        mode="online",
        opens_at=now + dt.timedelta(days=40),
        closes_at=now + dt.timedelta(days=41),
    )
    poll = Poll.objects.create(round=meeting, closes_at=now + dt.timedelta(days=10), created_by=chair)
    Slot.objects.bulk_create(
        [
            Slot(
                poll=poll,
                starts_at=now + dt.timedelta(days=40, hours=h),
                ends_at=now + dt.timedelta(days=40, hours=h + 2),
            )
            for h in (8, 12, 14, 16)
        ]
    )
    return poll.pk


def pages_under_test(data: dict) -> list[tuple[str, str, list[str], str]]:
    """(name, path, sessions, method) of the bare view first, then of every page measured."""
    round_id = data["round"]
    return [
        ("bare", "/bench/bare/", data["participants"], "GET"),
        ("dashboard", "/feedback/", data["participants"], "GET"),
        ("questionnaire", f"/feedback/rounds/{round_id}/answer/", data["participants"], "GET"),
        ("autosave", f"/feedback/rounds/{round_id}/answer/autosave/", data["participants"], "POST"),
        ("chair_responses", f"/feedback/rounds/{round_id}/responses/", data["chair"], "GET"),
        ("theme_tagging", f"/analysis/{round_id}/questions/change/code/{data['tagged']}/", data["chair"], "GET"),
        ("meeting_poll", f"/meetings/polls/{data['poll']}/", data["participants"], "GET"),
        ("cycle_report", f"/reports/{data['cycle']}/", data["chair"], "GET"),
    ]


def forget_drafts(round_id: int) -> None:
    """Remove the benchmark participants' drafts so that each autosave run starts at version 0."""
    from feedback.models import Submission

    Submission.objects.filter(round_id=round_id, state="draft").delete()


def run_wrk(name: str, path: str, sessions: list[str], csrf: str, *, method: str, seconds: int, connections: int):
    script = LUA.replace("{SESSIONS}", "{" + ", ".join(f'"{s}"' for s in sessions) + "}")
    script = script.replace("{METHOD}", method).replace("{PATH}", path).replace("{CSRF}", csrf)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = [
        "wrk",
        f"-t{connections}",
        f"-c{connections}",
        f"-d{seconds}s",
        # wrk gives up on a request after 2 s by default: an autosave it gave up on was still saved, and
        # every later save of that connection would then conflict.
        "--timeout",
        "30s",
        "-s",
        handle.name,
        f"http://127.0.0.1:{PORT}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(handle.name)
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / result["seconds"]
    result["name"] = name
    return result


def check(url: str, cookie: str) -> None:
    """Fail loudly if a page under test does not answer 200 (a benchmark of error pages is worthless)."""
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    with urllib.request.urlopen(request) as response:  # follows redirects: a redirect is caught by the URL
        if response.status != 200 or response.geturl() != url:
            sys.exit(f"{url} answered {response.status} at {response.geturl()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    url = bench_database_url()
    os.environ.update(bench_env(url, DJANGO_SETTINGS_MODULE="bench.settings"))
    data = prepare()
    server = start_gunicorn("bench.wsgi:application", PORT, args.workers)
    try:
        round_id = data["round"]
        pages = pages_under_test(data)
        for _name, path, sessions, method in pages:
            if method == "GET":
                check(f"http://127.0.0.1:{PORT}{path}", sessions[0])
        # A short warm-up so every worker has its connections and caches.
        run_wrk(
            "warmup",
            "/bench/bare/",
            data["participants"],
            data["csrf"],
            method="GET",
            seconds=2,
            connections=args.connections,
        )
        # Machines here are noisy: each page is measured in rounds alternating with the bare view, and
        # its ratio is the median of the rounds' ratios, so a slow spell weighs on both sides alike.
        timing = {"seconds": args.seconds, "connections": args.connections}
        results = []
        for name, path, sessions, method in pages[1:]:
            rounds = []
            for _round in range(args.rounds):
                bare = run_wrk("bare", *pages[0][1:3], data["csrf"], method="GET", **timing)
                if method == "POST":
                    forget_drafts(round_id)  # every run starts from no response, as the Lua script does
                page = run_wrk(name, path, sessions, data["csrf"], method=method, **timing)
                rounds.append((bare, page))
            results.append(rounds)
    finally:
        stop(server)
    print(
        f"\nHTTP: gunicorn ({args.workers} workers) + PostgreSQL, wrk {args.connections} connections; each page "
        f"{args.rounds} x {args.seconds}s alternating with the bare view (median of the rounds)"
    )
    print(f"{'page':<18}{'req/s':>10}{'p95 ms':>10}{'bare req/s':>12}{'% of bare':>11}{'failed':>8}")
    bare_runs = [bare for rounds in results for bare, _page in rounds]
    lines = [
        bench_line("http_bare_rps", median(run["rps"] for run in bare_runs), "req/s"),
        bench_line("http_bare_p95", median(run["p95_ms"] for run in bare_runs), "ms"),
    ]
    for rounds in results:
        name = rounds[0][1]["name"]
        rps = median(page["rps"] for _bare, page in rounds)
        p95 = median(page["p95_ms"] for _bare, page in rounds)
        # A bare run that completed nothing (the machine was busy with the previous page's backlog) says nothing.
        ratios = [page["rps"] / bare["rps"] for bare, page in rounds if bare["rps"]]
        ratio = median(ratios) if ratios else float("nan")
        failed = sum(page["failed"] for _bare, page in rounds)
        bare_rps = median(bare["rps"] for bare, _page in rounds)
        print(f"{name:<18}{rps:>10.0f}{p95:>10.1f}{bare_rps:>12.0f}{100 * ratio:>10.0f}%{failed:>8}")
        lines += [
            bench_line(f"http_{name}_rps", rps, "req/s"),
            bench_line(f"http_{name}_p95", p95, "ms"),
            bench_line(f"http_{name}_vs_bare", ratio, "ratio"),
        ]
        if failed:
            lines.append(f"WARNING {failed} non-200 responses for {name}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
