"""End to end through the Secretariat's commands, as an outside reviewer would run them:
import_participants, create_round, import_feedback, close_round, generate_summary (md, docx, html, json).

The outputs must hold no registered identity and keep the substance of what experts wrote.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from docx import Document

from feedback.registry import build_anonymizer
from participants.countries import COUNTRIES, country_name
from tests.corpus.generate import generate, score

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"key": "works", "text": "What works well in the current reporting tools?", "kind": "text"},
    {"key": "change", "text": "What should the Secretariat change?", "kind": "text", "required": True},
    {"key": "other", "text": "Any other comments?", "kind": "text"},
    {"key": "ease", "text": "How easy is the online reporting tool to use?", "kind": "rating"},
]


def write_table(path: Path, rows: list[list[str]]) -> None:
    """CSV or XLSX by extension, as the commands read them."""
    if path.suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(path)
        return
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def write_participants(path: Path, identities) -> None:
    rows = [["email", "full_name", "category", "affiliation", "country", "phone", "website", "acronym"]]
    for identity in identities:
        if identity.country:
            rows.append(
                [
                    identity.email,
                    identity.full_name,
                    "state_party",
                    country_name(identity.country),
                    identity.country,
                    identity.phone,
                    "",
                    "",
                ]
            )
        else:
            rows.append(
                [
                    identity.email,
                    identity.full_name,
                    "international_organisation",
                    identity.organisation,
                    "",
                    identity.phone,
                    identity.website,
                    identity.acronym,
                ]
            )
    write_table(path, rows)


def write_round(path: Path) -> None:
    definition = {
        "cycle": {"name": "CSP12-CSP13", "starts_on": "2026-08-29", "ends_on": "2027-08-27"},
        "title": "Online reporting tool: review of the pre-filled annual report",
        "tool": "Online reporting tool",
        "stage": "review",
        "mode": "written",
        "restricted": False,
        "opens_at": "2026-09-01T09:00:00+02:00",
        "closes_at": "2027-08-20T17:00:00+02:00",
        "questions": QUESTIONS,
    }
    path.write_text(json.dumps(definition), encoding="utf-8")


def write_feedback(path: Path, identities, samples) -> list:
    """Each respondent answers the three free-text questions with generated feedback."""
    used, rows = [], [["email", "question", "answer"]]
    texts = iter(samples)
    for number, identity in enumerate(identities):
        for key in ("works", "change", "other"):
            sample = next(texts)
            used.append(sample)
            rows.append([identity.email, key, sample.text])
        rows.append([identity.email, "ease", str(number % 5 + 1)])
    write_table(path, rows)
    return used


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1].strip()


def output_text(path: Path) -> str:
    if path.suffix == ".docx":
        doc = Document(str(path))
        cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    return path.read_text(encoding="utf-8")


def identity_forms(identity) -> list[str]:
    """Forms that are unambiguous wherever they appear: a reviewer would count any of them as a leak."""
    forms = [identity.full_name, identity.email]
    if identity.phone:
        forms.append(identity.phone)
    if identity.organisation:
        forms.append(identity.organisation)
    if identity.website:
        forms.append(identity.website.removeprefix("https://"))
    return forms


@pytest.fixture(scope="module")
def corpus():
    return generate(seed=1313, identities=160, texts=150)


@pytest.mark.parametrize(("table", "respondent_count"), [("csv", 50), ("xlsx", 15)])
def test_commands_produce_summaries_without_identities_that_keep_the_substance(
    corpus, tmp_path, table, respondent_count
):
    identities = corpus.identities
    respondents = identities[:respondent_count]
    write_participants(tmp_path / f"participants.{table}", identities)
    write_round(tmp_path / "round.json")
    used = write_feedback(tmp_path / f"feedback.{table}", respondents, corpus.samples)

    call_command("import_participants", str(tmp_path / f"participants.{table}"), stdout=io.StringIO())
    created = io.StringIO()
    call_command("create_round", str(tmp_path / "round.json"), stdout=created)
    round_id = last_line(created.getvalue())
    call_command("import_feedback", round_id, str(tmp_path / f"feedback.{table}"), stdout=io.StringIO())
    call_command("close_round", round_id, stdout=io.StringIO())
    outputs = {}
    for fmt in ("md", "docx", "html", "json"):
        path = tmp_path / f"summary.{fmt}"
        call_command(
            "generate_summary", round_id, "--format", fmt, "--output", str(path), "--appendix", stdout=io.StringIO()
        )
        outputs[fmt] = output_text(path)

    for fmt, text in outputs.items():
        lowered = text.casefold()
        leaked = [form for identity in identities for form in identity_forms(identity) if form.casefold() in lowered]
        assert leaked == [], f"{fmt} leaks {leaked[:10]}"
        states = [
            name
            for country in COUNTRIES
            for name in (country.name, country.official_name)  # aliases such as "America" are also regions
            if re.search(rf"\b{re.escape(name)}\b", text)
        ]
        assert states == [], f"{fmt} names States {states[:10]}"

    # Every answer in the report's appendix is the anonymizer's output for submitted texts (identical
    # and near-identical ones listed once, with their count), and the anonymizer on these texts leaks
    # nothing and keeps the substance.
    anonymizer = build_anonymizer()
    redactions = [anonymizer.redact(sample.text) for sample in used]
    listed = [item for question in json.loads(outputs["json"])["questions"] for item in question.get("appendix", [])]
    assert {item["text"] for item in listed} <= {redaction.text.strip() for redaction in redactions}
    assert sum(item["respondents"] for item in listed) == len(redactions)
    result = score(used, [[(f.start, f.end) for f in redaction.findings] for redaction in redactions])
    assert result.leaks == ()
    assert result.kept_rate >= 0.95, result.damaged[:20]
