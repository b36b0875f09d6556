"""The cycle report through the Secretariat's command line, on data made with the commands an outside
reviewer would use (import_participants, create_round, import_feedback, close_round): no identity of
any participant in any format, and no category count under the minimum, even by subtraction."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from consult.models import Cycle, Round
from feedback.analysis import selectors as analysis_selectors
from feedback.analysis import services as analysis
from feedback.models import Summary
from feedback.report import figures
from feedback.report.models import CycleReport, FollowUp, FollowUpStatus
from feedback.summary import services as summaries
from participants.countries import COUNTRIES
from tests import factories
from tests.corpus.generate import generate
from tests.report.attacker import recovered_small_cells
from tests.test_pipeline_anonymity import (
    identity_forms,
    last_line,
    output_text,
    write_feedback,
    write_participants,
    write_round,
)

pytestmark = pytest.mark.django_db

FORMATS = ("md", "docx", "html", "json")


@pytest.fixture(scope="module")
def corpus():
    return generate(seed=1314, identities=40, texts=100)


def run_commands(tmp_path, corpus, respondents: int) -> Round:
    identities = corpus.identities
    write_participants(tmp_path / "participants.csv", identities)
    write_round(tmp_path / "round.json")
    write_feedback(tmp_path / "feedback.csv", identities[:respondents], corpus.samples)
    call_command("import_participants", str(tmp_path / "participants.csv"), stdout=io.StringIO())
    created = io.StringIO()
    call_command("create_round", str(tmp_path / "round.json"), stdout=created)
    round_id = last_line(created.getvalue())
    call_command("import_feedback", round_id, str(tmp_path / "feedback.csv"), stdout=io.StringIO())
    call_command("close_round", round_id, stdout=io.StringIO())
    return Round.objects.get(pk=round_id)


def approve_summary_with_themes(round_, identity) -> None:
    """The Chair codes some answers, one theme carelessly named after a participant (the gate blocks
    approval until it is renamed), and approves."""
    chair = factories.make_chair()
    question = round_.questions.get(key="change")
    careful = analysis.create_theme(
        round_id=round_.pk, by=chair, name="Pre-filled annual report", question_key="change"
    )
    careless = analysis.create_theme(round_id=round_.pk, by=chair, name="Pre-filling forms", question_key="change")
    careless.name = f"As {identity.full_name} said"  # stored as if typed before any check existed
    careless.save(update_fields=["name"])
    for _submission, pseudonym, _text in list(analysis_selectors.raw_answers(round_, question))[:6]:
        analysis.set_answer_themes(
            round_id=round_.pk,
            by=chair,
            pseudonym=pseudonym,
            question_key="change",
            theme_ids={careful.pk, careless.pk},
        )
    summary = summaries.generate_now(round_id=round_.pk, by=chair)
    with pytest.raises(summaries.SummaryBlocked):  # a theme name is the Chair's words: the gate stops it
        summaries.approve(summary_id=summary.pk, by=chair)
    careless.name = "Forms filled from last year"
    careless.save(update_fields=["name"])
    summary = summaries.generate_now(round_id=round_.pk, by=chair)
    summaries.save_edits(
        summary_id=summary.pk,
        by=chair,
        expected_version=summary.version,
        narrative="Experts asked for pre-filled annual reports and for exports in CSV and XML.",
    )
    summaries.approve(summary_id=summary.pk, by=chair)


def test_the_report_in_every_format_holds_no_identity_and_no_small_category_cell(corpus, tmp_path):
    round_ = run_commands(tmp_path, corpus, respondents=30)
    identities = corpus.identities
    approve_summary_with_themes(round_, identities[3])
    action = FollowUp.objects.create(  # a leak stored past the form's check: the builder must still clean it
        action=f"Discussed with {identities[5].full_name} ({identities[5].email}) the pre-filled template.",
        status=FollowUpStatus.DONE,
    )
    action.rounds.set([round_])

    outputs = {}
    for fmt in FORMATS:
        path = tmp_path / f"report.{fmt}"
        call_command(
            "generate_cycle_report", "CSP12-CSP13", "--format", fmt, "--output", str(path), stdout=io.StringIO()
        )
        outputs[fmt] = output_text(path)

    for fmt, text in outputs.items():
        lowered = text.casefold()
        leaked = [form for identity in identities for form in identity_forms(identity) if form.casefold() in lowered]
        assert leaked == [], f"{fmt} leaks {leaked[:10]}"
        states = [country.name for country in COUNTRIES if re.search(rf"\b{re.escape(country.name)}\b", text)]
        assert states == [], f"{fmt} names States {states[:10]}"
        assert "pre-filled annual reports" in text and "Pre-filled annual report" in text  # the substance is there
    report = json.loads(outputs["json"])
    assert report["rounds"][0]["respondents"] == 30
    assert report["follow_ups"][0]["status"] == "done"
    true_counts = figures.membership(figures.period_of(Cycle.objects.get(name="CSP12-CSP13")))
    assert recovered_small_cells(report["group"], true_counts, report["min_cell"]) == []
    for row in report["group"]["rows"]:
        assert all(count == 0 or count >= report["min_cell"] for count in row["counts"])


def test_a_leak_in_the_secretariats_text_stops_every_format_and_writes_nothing(corpus, tmp_path, secretariat):
    run_commands(tmp_path, corpus, respondents=5)
    call_command("generate_cycle_report", "CSP12-CSP13", "--format", "md", "--output", str(tmp_path / "a.md"))
    report = CycleReport.objects.get()
    name = corpus.identities[0].full_name
    report.introduction = f"We thank {name} for the many comments."
    report.save(update_fields=["introduction"])

    for fmt in FORMATS:
        path = tmp_path / f"blocked.{fmt}"
        errors = io.StringIO()
        with pytest.raises(CommandError, match="leak gate found"):
            call_command("generate_cycle_report", "CSP12-CSP13", "--format", fmt, "--output", str(path), stderr=errors)
        assert not path.exists()
        assert "Introduction" in errors.getvalue()


def test_an_unknown_cycle_fails_with_the_list_of_cycles(corpus, tmp_path):
    run_commands(tmp_path, corpus, respondents=3)

    with pytest.raises(CommandError) as failure:
        call_command("generate_cycle_report", "CSP99-CSP100", "--format", "md", "--output", str(tmp_path / "r.md"))

    assert "no cycle named “CSP99-CSP100”" in str(failure.value)
    assert "CSP12-CSP13" in str(failure.value)
    assert not (tmp_path / "r.md").exists()


def test_a_preview_writes_a_draft_and_stores_nothing(corpus, tmp_path):
    run_commands(tmp_path, corpus, respondents=3)
    path = tmp_path / "preview.md"

    call_command("generate_cycle_report", "csp12 \u2013 csp13", "--format", "md", "--output", str(path), "--preview")

    assert "DRAFT: not yet approved" in path.read_text(encoding="utf-8")
    assert not CycleReport.objects.exists()
    assert not Summary.objects.exists()
