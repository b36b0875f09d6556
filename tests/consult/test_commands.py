"""`create_round` and `close_round` exactly as docs/command-line.md promises scripts and automation."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from consult.models import AttMeeting, Cycle, Mode, Question, QuestionKind, Round, RoundState, Tool
from tests import factories
from tests.consult.helpers import make_att_meeting, make_round, make_tool

pytestmark = pytest.mark.django_db

FUTURE = timezone.now().replace(microsecond=0) + timedelta(days=10)

DEFINITION = {
    "cycle": {"name": "CSP12-CSP13", "starts_on": "2026-08-28", "ends_on": "2027-08-27"},
    "title": "Online reporting tool: first look",
    "tool": "Online reporting tool",
    "stage": "design",
    "mode": "written",
    "restricted": False,
    "opens_at": FUTURE.isoformat(),
    "closes_at": (FUTURE + timedelta(days=14)).isoformat(),
    "questions": [
        {"key": "ease", "text": "How easy is it?", "kind": "rating", "required": True},
        {"key": "formats", "text": "Which formats?", "kind": "multi_choice", "choices": ["CSV", "XML"]},
        {"key": "prefill", "text": "Pre-fill?", "kind": "yes_no", "help": "From last year's report."},
        {"key": "priority", "text": "First?", "kind": "choice", "choices": ["Validation", "Guidance"]},
        {"key": "else", "text": "Anything else?", "kind": "text"},
    ],
}


LATER_CYCLE = {"name": "CSP15-CSP16", "starts_on": "2029-08-28", "ends_on": "2030-09-30"}
MEETING = {
    "starts_at": (FUTURE + timedelta(days=2)).isoformat(),
    "ends_at": (FUTURE + timedelta(days=2, hours=2)).isoformat(),
    "link": "https://meet.example.org/x",
}


def run(tmp_path, definition, name="round.json"):
    path = tmp_path / name
    path.write_text(definition if isinstance(definition, str) else json.dumps(definition))
    out = StringIO()
    call_command("create_round", str(path), stdout=out)
    return out.getvalue()


def with_changes(**changes):
    definition = copy.deepcopy(DEFINITION)
    definition.update(changes)
    return definition


def test_create_round_prints_the_new_id_last_and_schedules_it(tmp_path):
    output = run(tmp_path, DEFINITION)

    round_ = Round.objects.get()
    assert output.strip().splitlines()[-1] == str(round_.pk)
    assert (round_.state, round_.slot) == (RoundState.SCHEDULED, None)
    assert "a request for written input, which takes no consultation place" in output
    assert Cycle.objects.get().name == "CSP12-CSP13"
    assert Tool.objects.get().name == "Online reporting tool"
    assert list(round_.questions.values_list("key", "kind")) == [
        ("ease", QuestionKind.RATING),
        ("formats", QuestionKind.MULTI_CHOICE),
        ("prefill", QuestionKind.YES_NO),
        ("priority", QuestionKind.CHOICE),
        ("else", QuestionKind.TEXT),
    ]
    assert Question.objects.get(key="prefill").help_text == "From last year's report."
    assert Question.objects.get(key="ease").required is True


def test_a_round_whose_opening_time_has_passed_opens_at_once(tmp_path):
    past = timezone.now() - timedelta(hours=1)

    run(tmp_path, with_changes(opens_at=past.isoformat()))

    assert Round.objects.get().state == RoundState.OPEN


def test_a_consultation_already_held_is_recorded_for_its_written_answers_then_closed(
    tmp_path, django_capture_on_commit_callbacks
):
    factories.make_participant(email="held@example.org")
    ended = with_changes(
        cycle={"name": "CSP11-CSP12", "starts_on": "2025-08-29", "ends_on": "2026-08-27"},
        opens_at="2026-03-01T09:00:00+00:00",
        closes_at="2026-03-31T17:00:00+00:00",
    )

    with django_capture_on_commit_callbacks(execute=True):
        output = run(tmp_path, ended)
    round_id = output.strip().splitlines()[-1]
    (tmp_path / "answers.csv").write_text("email,question,answer\nheld@example.org,ease,4\n")
    call_command("import_feedback", round_id, str(tmp_path / "answers.csv"), stdout=StringIO())
    call_command("close_round", round_id, stdout=StringIO())

    round_ = Round.objects.get(pk=round_id)
    assert "Its closing time has passed" in output
    assert round_.state == RoundState.CLOSED
    assert round_.submissions.filter(state="submitted").count() == 1
    assert mail.outbox == []  # nobody is told about a consultation that has already ended


def test_existing_cycle_and_tool_are_reused_by_name(tmp_path):
    run(tmp_path, with_changes(mode="online", meeting=MEETING))

    run(tmp_path, with_changes(title="Second round", mode="online", meeting=MEETING))

    assert Cycle.objects.count() == Tool.objects.count() == 1
    assert sorted(Round.objects.values_list("slot", flat=True)) == [1, 2]


@pytest.mark.parametrize("spelling", ["CSP12\u2013CSP13", "csp12 - csp13", "CSP12\u2014CSP13", " CSP12-csp13 "])
def test_a_cycle_name_is_matched_ignoring_case_spaces_and_the_kind_of_dash(tmp_path, spelling):
    run(tmp_path, with_changes(mode="online", meeting=MEETING))
    run(tmp_path, with_changes(title="Second", mode="online", meeting=MEETING))

    with pytest.raises(CommandError, match="CSP12-CSP13 already has 2 consultations"):
        run(
            tmp_path,
            with_changes(
                title="Third",
                mode="online",
                meeting=MEETING,
                cycle={"name": spelling, "starts_on": "2026-08-28", "ends_on": "2027-08-27"},
            ),
        )

    assert Cycle.objects.count() == 1
    assert Round.objects.count() == 2


def test_a_new_cycle_overlapping_an_existing_one_is_refused_with_its_name(tmp_path):
    run(tmp_path, DEFINITION)

    with pytest.raises(CommandError) as error:
        run(tmp_path, with_changes(cycle={"name": "CSP 12/13", "starts_on": "2026-09-01", "ends_on": "2027-09-01"}))

    assert "cycle.starts_on" in str(error.value)
    assert "CSP12-CSP13 (28 August 2026 to 27 August 2027)" in str(error.value)
    assert Cycle.objects.count() == Round.objects.count() == 1


def test_a_round_dated_outside_its_cycle_is_refused(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path, with_changes(opens_at="2030-03-01T09:00:00Z", closes_at="2030-03-15T17:00:00Z"))

    assert "opens_at: Must fall within the cycle, CSP12-CSP13" in str(error.value)
    assert not Round.objects.exists()


def test_written_requests_run_beside_two_consultations(tmp_path):
    run(tmp_path, with_changes(mode="online", meeting=MEETING))
    run(tmp_path, with_changes(title="Second", mode="online", meeting=MEETING))

    run(tmp_path, with_changes(title="Written", tool="A brand new tool"))

    assert Round.objects.get(title="Written").state == RoundState.SCHEDULED


def test_a_third_round_in_a_cycle_fails_clearly_and_creates_nothing(tmp_path):
    run(tmp_path, with_changes(mode="online", meeting=MEETING))
    run(tmp_path, with_changes(title="Second", mode="online", meeting=MEETING))

    with pytest.raises(CommandError, match="CSP12-CSP13 already has 2 consultations") as error:
        run(tmp_path, with_changes(title="Third", tool="A brand new tool", mode="online", meeting=MEETING))

    assert "Nothing was created" in str(error.value)
    assert Round.objects.count() == 2
    assert not Tool.objects.filter(name="A brand new tool").exists()


def test_a_round_on_a_restricted_area_tool_is_restricted_unless_a_reason_is_given(tmp_path):
    make_tool(restricted_area=True)
    unrestricted = {k: v for k, v in DEFINITION.items() if k != "restricted"}

    run(tmp_path, unrestricted)
    with pytest.raises(CommandError, match="restricted area"):
        run(tmp_path, with_changes(title="Open to all"))
    run(tmp_path, with_changes(title="Open to all", unrestricted_reason="Public design material only."))

    assert Round.objects.get(title=DEFINITION["title"]).restricted is True
    assert Round.objects.get(title="Open to all").restricted is False


def test_naive_datetimes_are_read_as_utc(tmp_path):
    run(tmp_path, with_changes(cycle=LATER_CYCLE, opens_at="2030-03-01T09:00:00", closes_at="2030-03-15T17:00:00"))

    assert Round.objects.get().opens_at == datetime(2030, 3, 1, 9, 0, tzinfo=UTC)


def test_an_online_meeting_is_created_with_its_link(tmp_path):
    meeting = {
        "starts_at": "2030-03-05T13:00:00Z",
        "ends_at": "2030-03-05T15:00:00Z",
        "link": "https://meet.example.org/x",
    }

    run(
        tmp_path,
        with_changes(
            cycle=LATER_CYCLE,
            mode="online",
            meeting=meeting,
            opens_at="2030-03-01T09:00:00Z",
            closes_at="2030-03-20T17:00:00Z",
        ),
    )

    round_ = Round.objects.get()
    assert (round_.mode, round_.meeting_link) == (Mode.ONLINE, "https://meet.example.org/x")
    assert round_.meeting_starts_at == datetime(2030, 3, 5, 13, 0, tzinfo=UTC)


def test_an_unknown_att_meeting_is_created_spanning_the_meeting_and_reported(tmp_path):
    meeting = {
        "starts_at": "2030-08-24T14:00:00+02:00",
        "ends_at": "2030-08-24T17:00:00+02:00",
        "location": "Palais des Nations, Geneva",
        "att_meeting": "CSP16",
        "justification": "Hands-on testing of the new platform needs the room.",
    }

    output = run(
        tmp_path,
        with_changes(
            cycle=LATER_CYCLE,
            mode="in_person",
            meeting=meeting,
            opens_at="2030-08-01T09:00:00Z",
            closes_at="2030-09-20T17:00:00Z",
        ),
    )

    att_meeting = AttMeeting.objects.get()
    assert (att_meeting.name, str(att_meeting.starts_on), str(att_meeting.ends_on)) == (
        "CSP16",
        "2030-08-24",
        "2030-08-24",
    )
    assert "Created ATT meeting “CSP16”" in output
    assert Round.objects.get().venue == "Palais des Nations, Geneva"


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "one JSON object"),
        ({k: v for k, v in DEFINITION.items() if k != "title"}, "title: is missing"),
        ({k: v for k, v in DEFINITION.items() if k != "cycle"}, "cycle: is missing"),
        (with_changes(cycle={"name": "CSP12-CSP13", "starts_on": "2026-08-28"}), "cycle.ends_on: is missing"),
        (with_changes(cycle={"name": "X", "starts_on": "28/08/2026", "ends_on": "2027-08-27"}), "YYYY-MM-DD"),
        (with_changes(opens_at="next Monday"), "opens_at: “next Monday” is not a date and time"),
        (with_changes(closes_at="2020-01-01T00:00:00Z"), "closes_at: must be after opens_at"),
        (with_changes(stage="launch"), "stage: “launch” is not one of design, development, testing, review"),
        (with_changes(mode="phone"), "mode: “phone” is not one of"),
        (with_changes(questions=[{"key": "q1", "text": "Q?", "kind": "essay"}]), "questions[0].kind: “essay”"),
        (with_changes(questions=[{"key": "q1", "text": "Q?", "kind": "choice"}]), "questions[0].choices"),
        (with_changes(questions=[{"key": "a b", "text": "Q?", "kind": "text"}]), "questions[0].key"),
        (with_changes(questions=[{"key": "q", "text": "A", "kind": "text"}] * 2), "questions[1].key"),
        (with_changes(questions="q1"), "questions: must be a list"),
        (with_changes(mode="online"), "meeting: is needed"),
        (
            with_changes(mode="online", meeting={"starts_at": "2030-01-01T10:00Z", "ends_at": "2030-01-01T11:00Z"}),
            "meeting.link",
        ),
        (
            with_changes(mode="in_person", meeting={"starts_at": "2030-01-01T10:00Z", "ends_at": "2030-01-01T11:00Z"}),
            "meeting.justification: is missing",
        ),
    ],
)
def test_bad_input_fails_clearly_and_creates_nothing(tmp_path, definition, message):
    with pytest.raises(CommandError) as error:
        run(tmp_path, definition)

    assert message in str(error.value)
    assert "nothing was created" in str(error.value).lower()
    assert not Round.objects.exists() and not Cycle.objects.exists() and not Tool.objects.exists()


def test_every_problem_is_listed_at_once(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path, with_changes(stage="launch", mode="phone", opens_at="soon"))

    assert "has 3 problems" in str(error.value)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("create_round", str(tmp_path / "nowhere.json"))


def test_a_rule_broken_in_the_database_layer_points_at_the_json(tmp_path):
    too_far = {
        "starts_at": "2030-09-10T10:00:00Z",
        "ends_at": "2030-09-10T12:00:00Z",
        "location": "Geneva",
        "att_meeting": "CSP16",
        "justification": "Needed.",
    }
    make_att_meeting(date(2030, 8, 24), date(2030, 8, 28), name="CSP16")

    with pytest.raises(CommandError, match=r"meeting\.starts_at: An in-person meeting must take place during CSP16"):
        run(
            tmp_path,
            with_changes(
                mode="in_person", meeting=too_far, opens_at="2030-08-01T09:00:00Z", closes_at="2030-09-20T17:00:00Z"
            ),
        )


def test_the_command_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "bad.json"
    path.write_text("{}")
    project = Path(__file__).resolve().parents[2]

    result = subprocess.run(
        [sys.executable, "manage.py", "create_round", str(path)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )

    assert result.returncode != 0
    assert "title: is missing" in result.stderr


# --- close_round -----------------------------------------------------------------------------------------


def test_close_round_closes_an_open_round_now():
    round_ = make_round(state=RoundState.OPEN)
    out = StringIO()

    call_command("close_round", str(round_.pk), stdout=out)

    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    assert f"Closed round {round_.pk}" in out.getvalue()


def test_close_round_refuses_an_unknown_id():
    with pytest.raises(CommandError, match="There is no round with id 999"):
        call_command("close_round", "999")


@pytest.mark.parametrize("state", [RoundState.DRAFT, RoundState.SCHEDULED, RoundState.CLOSED])
def test_close_round_refuses_a_round_that_is_not_open(state):
    round_ = make_round(state=state)

    with pytest.raises(CommandError, match="only an open round can be closed"):
        call_command("close_round", str(round_.pk))
