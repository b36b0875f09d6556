"""Channels that open when the Chair compares what pages showed at different times: figures that move when
someone leaves or joins, late written answers that change a summary one at a time, and written answers
recognisable by a blank no online answer can have. Each is checked through the real pages, exports and
commands (close_round, import_feedback, generate_summary, withdrawal)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from consult.models import Round, RoundState
from feedback.models import Submission
from participants.models import Category
from participants.services import approve_participant, withdraw_participant
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round, submit

pytestmark = pytest.mark.django_db


def figures(client, round_) -> tuple[str, str]:
    """What the Chair reads on the progress page and the overview: "submitted of audience"."""
    progress = client.get(reverse("feedback:round_progress", kwargs={"round_id": round_.pk})).content.decode()
    overview = client.get(reverse("feedback:chair_dashboard")).content.decode()
    shown = re.search(r"(\d+) of (\d+) submitted", progress)
    listed = re.search(r"(\d+) of (\d+) \(\d+%\)", overview)
    return shown.group(0), listed.group(0)


def close(round_: Round) -> None:
    call_command("close_round", str(round_.pk), stdout=io.StringIO())


def import_late(round_: Round, tmp_path, people, answers: dict | None = None) -> None:
    path = tmp_path / f"late-{people[0].pk}.csv"
    rows = ["email,question,answer"]
    for person in people:
        rows += [
            f"{person.email},{key},{value}"
            for key, value in (answers or {"usability": 3, "format": "Online form"}).items()
        ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("import_feedback", str(round_.pk), str(path), stdout=io.StringIO())


def summary_json(round_: Round, tmp_path) -> dict:
    path = tmp_path / "summary.json"
    call_command(
        "generate_summary",
        str(round_.pk),
        "--format",
        "json",
        "--output",
        str(path),
        "--regenerate",
        stdout=io.StringIO(),
    )
    return json.loads(path.read_text(encoding="utf-8"))


def listed_pseudonyms(client, round_) -> list[str]:
    page = client.get(reverse("feedback:response_list", kwargs={"round_id": round_.pk})).content.decode()
    return re.findall(r"Respondent \d+", page)


def exported(client, round_) -> list[dict]:
    response = client.get(reverse("feedback:export_answers", kwargs={"round_id": round_.pk, "fmt": "csv"}))
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def people():
    return [factories.make_participant() for _ in range(6)]


# ---- 3. counts that move when someone leaves ------------------------------------------------------


def test_leaving_moves_no_figure_whether_or_not_the_person_had_answered(people, chair_client, secretariat):
    round_ = make_round()
    for person in people[:3]:
        submit(round_, person)
    before = figures(chair_client, round_)

    withdraw_participant(participant_id=people[0].pk, by=secretariat)  # had answered
    after_a_respondent_left = figures(chair_client, round_)
    withdraw_participant(participant_id=people[5].pk, by=secretariat)  # had not
    after_a_non_respondent_left = figures(chair_client, round_)

    assert before == after_a_respondent_left == after_a_non_respondent_left == ("3 of 6 submitted", "3 of 6 (50%)")


def test_a_closed_rounds_audience_and_rate_are_fixed_at_closing_everywhere(
    people, chair_client, secretariat, secretariat_client
):
    round_ = make_round()
    for person in people[:3]:
        submit(round_, person)
    close(round_)
    fixed = figures(chair_client, round_)
    listed = secretariat_client.get(reverse("consult:round_list")).content.decode()

    newcomer = factories.make_participant(status="registered")
    approve_participant(participant_id=newcomer.pk, by=secretariat)
    withdraw_participant(participant_id=people[0].pk, by=secretariat)
    withdraw_participant(participant_id=people[4].pk, by=secretariat)

    assert fixed == figures(chair_client, round_) == ("3 of 6 submitted", "3 of 6 (50%)")
    assert "3 of 6 (50%)" in listed
    assert "3 of 6 (50%)" in secretariat_client.get(reverse("consult:round_list")).content.decode()
    assert Round.objects.get(pk=round_.pk).closing_figures["audience"] == {Category.STATE_PARTY: 6}


# ---- 1. differences between versions --------------------------------------------------------------


def test_late_written_answers_change_nothing_until_enough_can_be_shown_together(
    people, chair_client, secretariat_client, settings, tmp_path
):
    settings.ANONYMITY_MIN_CELL = 3
    civil_society = [factories.make_participant(category=Category.CIVIL_SOCIETY) for _ in range(3)]
    round_ = make_round()
    for person in people[:4]:
        submit(round_, person)
    close(round_)
    first = (listed_pseudonyms(chair_client, round_), exported(chair_client, round_), summary_json(round_, tmp_path))

    import_late(round_, tmp_path, civil_society[:1])
    import_late(round_, tmp_path, civil_society[1:2])
    held = (listed_pseudonyms(chair_client, round_), exported(chair_client, round_), summary_json(round_, tmp_path))
    progress = secretariat_client.get(reverse("feedback:round_progress", kwargs={"round_id": round_.pk}))

    assert held == first
    assert "2 written answers recorded after closing are held back from the Chair" in progress.content.decode()

    import_late(round_, tmp_path, civil_society[2:])
    released = summary_json(round_, tmp_path)
    pseudonyms = listed_pseudonyms(chair_client, round_)

    assert len(set(pseudonyms) - set(first[0])) == 3  # all three at once, never one alone
    assert pseudonyms == sorted(pseudonyms, key=lambda label: int(label.split()[1]))
    assert released["participation"]["cells"] == first[2]["participation"]["cells"]  # no category told
    assert released["participation"]["after_closing"] == 3
    assert released["respondents"] == first[2]["respondents"] + 3
    assert "Civil society" not in json.dumps(released)


def test_an_answer_counted_at_closing_is_not_replaced_by_a_letter(people, tmp_path):
    round_ = make_round()
    submit(round_, people[0])
    close(round_)

    with pytest.raises(CommandError):
        import_late(round_, tmp_path, people[:1], {"usability": 1, "format": "Word template"})

    assert Submission.objects.get(participant=people[0]).answers.get(question__key="usability").value == 4


def test_pseudonyms_come_from_one_range_whenever_the_answer_arrives(people, tmp_path):
    round_ = make_round()
    submit(round_, people[0])
    close(round_)

    import_late(round_, tmp_path, people[1:4])

    assert all(1000 <= number <= 9999 for number in Submission.objects.values_list("pseudonym", flat=True))


# ---- 2. written answers recognisable by a blank -----------------------------------------------------


def test_a_written_answer_skipping_a_required_question_is_never_shown_linked_to_a_pseudonym(
    people, chair_client, tmp_path
):
    round_ = make_round()
    for person in people[:3]:
        submit(round_, person)
    import_late(round_, tmp_path, people[3:4], {"usability": 2, "comments": "A letter that skips the format."})

    listed = chair_client.get(reverse("feedback:response_list", kwargs={"round_id": round_.pk})).content.decode()
    rows = exported(chair_client, round_)
    by_question = chair_client.get(
        reverse("feedback:question_detail", kwargs={"round_id": round_.pk, "key": "format"})
    ).content.decode()
    close(round_)

    assert len(rows) == 3 and all(row[key] for row in rows for key in rows[0] if "format" in key or "usability" in key)
    assert len(re.findall(r"Respondent \d+", listed)) == 3
    assert "A letter that skips the format." not in listed + by_question
    assert summary_json(round_, tmp_path)["respondents"] == 4  # counted where answers are not linked


def test_online_and_written_answers_read_the_same_to_the_chair(people, chair_client, tmp_path):
    round_ = make_round()
    submit(round_, people[0])
    import_late(round_, tmp_path, people[1:2], {key: value for key, value in GOOD_ANSWERS.items() if key != "topics"})
    submit(round_, people[2], {key: value for key, value in GOOD_ANSWERS.items() if key != "topics"})

    rows = exported(chair_client, round_)
    written, online = (
        next(row for row in rows if row["respondent"] == label)
        for label in [Submission.objects.get(participant=person).label for person in (people[1], people[2])]
    )

    assert {key: value for key, value in written.items() if key != "respondent"} == {
        key: value for key, value in online.items() if key != "respondent"
    }
    assert round_.state == RoundState.OPEN
