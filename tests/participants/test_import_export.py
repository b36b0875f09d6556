"""The participant list as a file (docs/command-line.md): import_participants and export_participants."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from participants.models import AuditEvent, Category, Participant, Status, User
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "email,full_name,category,affiliation,country,phone,website,acronym\n"


def write_csv(tmp_path: Path, body: str, header: str = HEADER, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def run_import(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_participants", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failed_import(path: Path, *args: str) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_participants", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(error.value), err.getvalue()


def run_export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_participants", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_new_people_are_created_approved_with_no_usable_password(tmp_path):
    path = write_csv(
        tmp_path,
        "Ingrid.Johansson@Example.org,Ingrid Johansson,state_party,Sweden,se,+46 8 555 012 34,,\n"
        "kwame@waacn.example,Kwame Mensah,Regional organisation,West African Arms Control Network,"
        ",,waacn.example,WAACN\n",
    )

    out, _ = run_import(path)

    assert "Imported 2 new, 0 updated, 0 unchanged." in out
    ingrid = Participant.objects.get(user__email="ingrid.johansson@example.org")
    assert (ingrid.status, ingrid.category, ingrid.country, ingrid.phone) == (
        Status.APPROVED,
        "state_party",
        "SE",
        "+46 8 555 012 34",
    )
    assert not ingrid.user.has_usable_password()
    kwame = Participant.objects.get(user__email="kwame@waacn.example")
    assert (kwame.category, kwame.organisation, kwame.acronym) == (
        Category.REGIONAL_ORGANISATION,
        "West African Arms Control Network",
        "WAACN",
    )
    assert kwame.website == "https://waacn.example"
    event = AuditEvent.objects.get(action="participants.import")
    assert event.details == {"source": "people.csv", "created": 2, "updated": 0, "unchanged": 0}


def test_each_person_added_is_recorded_with_who_added_them_and_why(tmp_path, secretariat_client):
    factories.make_participant(email="known@example.org", full_name="Known Expert")
    path = write_csv(
        tmp_path,
        "ingrid@example.org,Ingrid Johansson,state_party,Sweden,SE,,,\n"
        "known@example.org,Known Expert,state_party,Norway,NO,,,\n",
    )

    run_import(path, "--reason", "  Nominated by their governments, letter of 3 March  ")

    ingrid = Participant.objects.get(user__email="ingrid@example.org")
    [added] = AuditEvent.objects.filter(action="participant.import")
    assert (added.target_id, added.actor, added.to_state, added.reason, added.details) == (
        str(ingrid.pk),
        None,
        Status.APPROVED,
        "Nominated by their governments, letter of 3 March",
        {"source": "people.csv"},
    )
    assert AuditEvent.objects.get(action="participants.import").reason == added.reason
    trail = secretariat_client.get(reverse("participants:audit_trail"), {"action": "participant.import"})
    assert "Nominated by their governments, letter of 3 March" in trail.content.decode()


def test_the_reason_is_optional(tmp_path):
    run_import(write_csv(tmp_path, "ingrid@example.org,Ingrid Johansson,state_party,Sweden,SE,,,\n"))

    assert AuditEvent.objects.get(action="participant.import").reason == ""


def test_existing_people_are_updated_by_email_in_any_case_without_changing_their_status(tmp_path):
    factories.make_participant(
        email="ingrid@example.org", full_name="Ingrid J.", status=Status.REGISTERED, country="SE"
    )

    out, _ = run_import(
        write_csv(tmp_path, "INGRID@example.ORG,Ingrid Johansson,state_party,Sweden,SE,+46 8 555 012 34,,\n")
    )

    assert "0 new, 1 updated" in out
    ingrid = Participant.objects.get()
    assert (ingrid.full_name, ingrid.phone, ingrid.status) == (
        "Ingrid Johansson",
        "+46 8 555 012 34",
        Status.REGISTERED,
    )
    assert ingrid.user.name == "Ingrid Johansson"
    assert User.objects.count() == 1


def test_imported_people_can_choose_a_password_through_forgotten_password(
    tmp_path, client, django_capture_on_commit_callbacks
):
    from django.core import mail

    run_import(write_csv(tmp_path, "ingrid@example.org,Ingrid Johansson,state_party,Sweden,SE,,,\n"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/password/reset/", {"email": "ingrid@example.org"})

    assert [message.to for message in mail.outbox] == [["ingrid@example.org"]]


def test_optional_columns_absent_from_the_file_keep_what_is_stored(tmp_path):
    factories.make_participant(email="ingrid@example.org", full_name="Ingrid Johansson", country="SE", phone="+46 8 1")
    header = "email,full_name,category,affiliation,country\n"

    run_import(write_csv(tmp_path, "ingrid@example.org,Ingrid Johansson,state_party,Sweden,SE\n", header=header))

    assert Participant.objects.get().phone == "+46 8 1"


def test_extra_columns_are_ignored(tmp_path):
    header = "notes,email,full_name,category,affiliation,country,status\n"

    run_import(
        write_csv(
            tmp_path, "met at CSP11,ingrid@example.org,Ingrid Johansson,state_party,Sweden,SE,declined\n", header=header
        )
    )

    assert Participant.objects.get().status == Status.APPROVED


def test_every_bad_row_and_column_is_named_and_nothing_is_imported(tmp_path):
    path = write_csv(
        tmp_path,
        "ok@example.org,Fine Person,state_party,Norway,NO,,,\n"
        "not-an-email,No Email,state_party,Norway,NO,,,\n"
        "b@example.org,,martian,Mars,,,,\n"
        "c@example.org,Cee,signatory_state,Sweden,,,,\n"
        "d@example.org,Dee,state_party,Narnia,XX,,,\n"
        "e@example.org,Eve,industry,,,,,\n"
        "f@example.org,Eff,state_party,Peru,PE,call me,not a url,\n"
        "OK@example.org,Fine Again,state_party,Norway,NO,,,\n",
    )

    message, err = failed_import(path)

    assert "nothing was imported" in message
    assert "Row 3, column “email”: “not-an-email” is not a valid e-mail address." in err
    assert "Row 4, column “full_name”: A full name is required." in err
    assert "Row 4, column “category”: “martian” is not a category." in err
    assert (
        "Row 5, column “country”: Required for State categories: the ISO 3166 alpha-2 code (for Sweden, that is SE)."
        in err
    )
    assert "Row 6, column “country”: “XX” is not an ISO 3166 alpha-2 country code" in err
    assert "Row 7, column “affiliation”: The organisation's name is required." in err
    assert "Row 8, column “phone”" in err
    assert "Row 8, column “website”" in err
    assert "Row 9, column “email”: ok@example.org is already in row 2" in err
    assert not Participant.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_state_affiliation_must_match_its_country(tmp_path):
    _, err = failed_import(write_csv(tmp_path, "a@example.org,Ann,state_party,Sweden,NO,,,\n"))

    assert "“Sweden” does not match country NO (Norway)" in err


def test_country_names_match_regardless_of_accents_and_aliases(tmp_path):
    run_import(
        write_csv(
            tmp_path,
            "a@example.org,Awa Traoré,state_party,Cote d'Ivoire,CI,,,\nb@example.org,Bea,state_party,UK,GB,,,\n",
        )
    )

    assert Participant.objects.count() == 2


def test_a_missing_required_column_is_named(tmp_path):
    message, err = failed_import(
        write_csv(tmp_path, "a@example.org,Ann,state_party\n", header="email,full_name,category\n")
    )

    assert "The header has no “affiliation” column" in err
    assert "The header has no “country” column" in err
    assert "nothing was imported" in message


def test_a_staff_address_cannot_become_a_participant_by_import(tmp_path):
    factories.make_secretariat(email="sam@thearmstradetreaty.org")

    _, err = failed_import(write_csv(tmp_path, "sam@thearmstradetreaty.org,Sam,state_party,Norway,NO,,,\n"))

    assert "belongs to a staff account" in err


def test_a_dry_run_checks_and_says_what_would_happen_but_saves_nothing(tmp_path):
    out, _ = run_import(write_csv(tmp_path, "a@example.org,Ann,state_party,Norway,NO,,,\n"), "--dry-run")

    assert "Dry run, nothing saved: would import 1 new, 0 updated, 0 unchanged." in out
    assert not Participant.objects.exists()


def test_unsupported_or_missing_files_are_explained(tmp_path):
    text = tmp_path / "people.txt"
    text.write_text("hello")

    assert "use .csv, .xlsx or .json" in failed_import(text)[0]
    assert "There is no file" in failed_import(tmp_path / "nope.csv")[0]


def test_a_csv_saved_by_excel_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + HEADER + "a@example.org,Ann,state_party,Norway,NO,,,\n").encode("utf-8"))

    run_import(path)

    assert Participant.objects.get().country == "NO"


def test_xlsx_files_import_with_numbers_as_text(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["a@example.org", "Ann", "state_party", "Norway", "NO", 4722555012, None, None])
    path = tmp_path / "people.xlsx"
    workbook.save(path)

    run_import(path)

    assert Participant.objects.get().phone == "4722555012"


# --- Export -----------------------------------------------------------------------------------------


def test_the_export_has_the_import_columns_first_then_status_and_the_rest():
    factories.make_participant(
        email="ingrid@example.org", full_name="Ingrid Johansson", country="SE", expertise=["article_13"]
    )

    rows = list(csv.DictReader(io.StringIO(run_export())))

    assert list(rows[0])[:9] == [
        "email",
        "full_name",
        "category",
        "affiliation",
        "country",
        "phone",
        "website",
        "acronym",
        "status",
    ]
    assert rows[0]["affiliation"] == "Sweden"
    assert rows[0]["status"] == "approved"
    assert rows[0]["expertise"] == "article_13"
    assert AuditEvent.objects.get(action="participants.export").details["rows"] == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exporting_then_importing_changes_nothing(tmp_path, fmt):
    factories.make_participant(
        email="ingrid@example.org", full_name="Ingrid Johansson", country="SE", phone="+46 8 555 01"
    )
    factories.make_participant(
        email="kwame@example.org",
        full_name="Kwame Mensah",
        category=Category.REGIONAL_ORGANISATION,
        organisation="West African Arms Control Network",
        acronym="WAACN",
        website="https://waacn.example",
    )
    factories.make_participant(
        email="obs@example.org", category=Category.OBSERVER_STATE, country="CI", status=Status.DECLINED
    )
    before = list(Participant.objects.order_by("pk").values())
    path = tmp_path / f"export.{fmt}"
    call_command(
        "export_participants", "--format", fmt, "--output", str(path), stdout=io.StringIO(), stderr=io.StringIO()
    )

    out, _ = run_import(path)

    assert "0 new, 0 updated, 3 unchanged" in out
    assert list(Participant.objects.order_by("pk").values()) == before


def test_csv_cells_that_would_run_as_formulas_are_quoted():
    factories.make_participant(full_name="=cmd|'/c calc'!A1", phone="+41 22 555 01 23")

    row = next(csv.DictReader(io.StringIO(run_export())))

    assert row["full_name"] == "'=cmd|'/c calc'!A1"
    assert row["phone"] == "'+41 22 555 01 23"


def test_xlsx_cells_are_text_never_formulas(tmp_path):
    factories.make_participant(full_name="=1+1")
    path = tmp_path / "out.xlsx"

    call_command(
        "export_participants", "--format", "xlsx", "--output", str(path), stdout=io.StringIO(), stderr=io.StringIO()
    )

    sheet = openpyxl.load_workbook(path).active
    assert [cell.value for cell in sheet[1]][:2] == ["email", "full_name"]
    assert sheet["B2"].value == "=1+1"
    assert sheet["B2"].data_type == "s"


def test_json_export_keeps_lists_as_lists():
    factories.make_participant(expertise=["article_11", "guidance"])

    [row] = json.loads(run_export("--format", "json"))

    assert row["expertise"] == ["article_11", "guidance"]


def test_xlsx_needs_an_output_file():
    with pytest.raises(CommandError, match="give --output PATH"):
        call_command("export_participants", "--format", "xlsx", stdout=io.StringIO())


# --- Volume: bounded queries, all-or-nothing at 10,000 rows -----------------------------------------


def big_csv(tmp_path: Path, rows: int = 10_000, bad_row: int | None = None) -> Path:
    lines = []
    for number in range(rows):
        country = "NO" if number != bad_row else "ZZ"
        name = f"Expert Number {factories.spelled(number)}"
        lines.append(f"expert{number}@example.org,{name},state_party,Norway,{country},+47 22 55 {number:05d},,\n")
    return write_csv(tmp_path, "".join(lines), name="ten-thousand.csv")


def test_ten_thousand_rows_import_with_a_bounded_number_of_queries(tmp_path, django_assert_max_num_queries):
    factories.make_participant(email="expert5@example.org", full_name="Old Name", country="NO")
    path = big_csv(tmp_path)

    # A handful of queries per batch, never one per row: PostgreSQL takes 1,000 rows a batch; SQLite's
    # 999-parameter limit makes Django split a batch into ~45-row inserts. The audit row per person added
    # is inserted the same way (measured: 37 and 453 queries).
    with django_assert_max_num_queries(50 if connection.vendor == "postgresql" else 480):
        out, _ = run_import(path)

    assert "Imported 9999 new, 1 updated, 0 unchanged." in out
    assert Participant.objects.filter(status=Status.APPROVED).count() == 10_000
    assert Participant.objects.get(user__email="expert5@example.org").full_name == "Expert Number f"


def test_one_bad_row_among_ten_thousand_imports_nothing_and_names_it(tmp_path):
    path = big_csv(tmp_path, bad_row=7_300)

    message, err = failed_import(path)

    assert "1 problem(s) found; nothing was imported." in message
    assert "Row 7302, column “country”: “ZZ” is not an ISO 3166 alpha-2 country code" in err
    assert not Participant.objects.exists()
