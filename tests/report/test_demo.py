"""With the demo data, the cycle reports list each round, its figures, themes and follow-up; Word renders."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from consult.models import Round, RoundState
from consult.selectors import current_cycle
from feedback.report.models import CycleReport, FollowUp

pytestmark = pytest.mark.django_db


def test_the_demo_reports_show_rounds_figures_themes_and_follow_up_and_the_word_file_renders(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: nothing doubles

    closed = Round.objects.get(state=RoundState.SUMMARISED)
    assert FollowUp.objects.count() == 3
    assert CycleReport.objects.filter(cycle=current_cycle()).exists()
    report = CycleReport.objects.get(cycle=closed.cycle)
    listed = report.content["rounds"]
    assert {round_["title"] for round_ in listed} == set(
        Round.objects.filter(cycle=closed.cycle)
        .exclude(state__in=("draft", "cancelled"))
        .values_list("title", flat=True)
    )
    summarised = next(round_ for round_ in listed if round_["title"] == closed.title)
    assert summarised["respondents"] > 0 and summarised["rate"] > 0
    assert [theme["name"] for theme in summarised["summary"]["themes"]]
    assert {action["status"] for action in report.content["follow_ups"]} == {"done", "planned", "not_taken_up"}
    assert summarised["follow_ups"] == [1, 2, 3]

    path = tmp_path / "report.docx"
    call_command(
        "generate_cycle_report", closed.cycle.name, "--format", "docx", "--output", str(path), stdout=io.StringIO()
    )
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    result = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "report.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    pages = re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())
    assert len(pages) >= 2  # chapters, tables and the follow-up laid out over pages, not one error page
