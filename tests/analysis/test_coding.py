"""The codebook and coding through the services and pages, as the Chair uses them, into the summary."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from feedback.analysis import services
from feedback.analysis.models import Theme, ThemeTag
from feedback.services.records import write_submission
from feedback.summary import services as summary_services
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db

TEXTS = [
    "Add an XML export next to Excel.",
    "Guidance should sit next to each field.",
    "As Sweden we want the guidance beside each field; ask Ingrid Johansson.",
    "Keep the offline template.",
]


@pytest.fixture
def coded_round():
    round_ = open_round()
    author = factories.make_participant(full_name="Ingrid Johansson", country="SE")
    people = [*respondents(3), author]
    submissions = [
        answer(round_, person, {"ease": 4, "improve": text}) for person, text in zip(people, TEXTS, strict=True)
    ]
    close(round_)
    return round_, [submission.pseudonym for submission in submissions]


def code(round_, chair, pseudonym, *themes):
    services.set_answer_themes(
        round_id=round_.pk, by=chair, pseudonym=pseudonym, question_key="improve", theme_ids={t.pk for t in themes}
    )


def test_a_theme_name_is_unique_in_a_round_whatever_its_case(coded_round, chair):
    round_, _ = coded_round
    services.create_theme(round_id=round_.pk, by=chair, name="Guidance")

    with pytest.raises(services.ThemeNameTaken):
        services.create_theme(round_id=round_.pk, by=chair, name="  guidance ")


def test_themes_of_coded_answers_reach_the_summary_with_counts_and_quotes(coded_round, chair):
    round_, pseudonyms = coded_round
    guidance = services.create_theme(round_id=round_.pk, by=chair, name="Guidance", description="Help in the form.")
    formats = services.create_theme(round_id=round_.pk, by=chair, name="Formats")
    code(round_, chair, pseudonyms[0], formats)
    code(round_, chair, pseudonyms[1], guidance)
    code(round_, chair, pseudonyms[2], guidance)

    content = summary_services.generate_now(round_id=round_.pk, by=chair).content

    improve = content["questions"][3]
    assert [(t["name"], t["respondents"]) for t in improve["themes"]] == [("Guidance", 2), ("Formats", 1)]
    assert improve["themes"][0]["description"] == "Help in the form."
    texts = {group["id"]: group["text"] for group in improve["groups"]}
    assert [texts[group_id] for group_id in improve["points"]] == ["Keep the offline template."]
    quoted = " ".join(texts[group_id] for theme in improve["themes"] for group_id in theme["quotes"])
    assert "Ingrid" not in quoted and "Sweden" not in quoted


def test_tags_survive_regenerating_the_summary_and_the_participant_resubmitting(coded_round, chair):
    round_, pseudonyms = coded_round
    theme = services.create_theme(round_id=round_.pk, by=chair, name="Formats")
    code(round_, chair, pseudonyms[0], theme)
    summary_services.generate_now(round_id=round_.pk, by=chair)
    submission = round_.submissions.get(pseudonym=pseudonyms[0])

    write_submission(
        submission,
        questions=list(round_.questions.all()),
        values={"improve": "Add an XML export next to Excel, please."},
        now=submission.submitted_at,
        source="web",
    )
    content = summary_services.generate_now(round_id=round_.pk, by=chair).content

    assert content["questions"][3]["themes"][0]["respondents"] == 1
    assert ThemeTag.objects.filter(theme=theme).count() == 1


def test_a_theme_tied_to_another_question_cannot_be_given(coded_round, chair):
    round_, pseudonyms = coded_round
    round_.questions.create(key="other", kind="text", text="Anything else?", order=9)
    theme = services.create_theme(round_id=round_.pk, by=chair, name="Elsewhere", question_key="other")

    with pytest.raises(services.ThemeOfAnotherQuestion):
        code(round_, chair, pseudonyms[0], theme)


def test_merging_moves_the_tags_and_removes_the_merged_theme(coded_round, chair):
    round_, pseudonyms = coded_round
    keep = services.create_theme(round_id=round_.pk, by=chair, name="Guidance")
    fold = services.create_theme(round_id=round_.pk, by=chair, name="Help text")
    code(round_, chair, pseudonyms[1], keep)
    code(round_, chair, pseudonyms[2], fold, keep)
    code(round_, chair, pseudonyms[3], fold)

    services.merge_themes(into_id=keep.pk, merged_ids=[fold.pk], by=chair)

    assert list(Theme.objects.filter(round=round_).values_list("name", flat=True)) == ["Guidance"]
    assert ThemeTag.objects.filter(theme=keep).count() == 3


def test_at_most_three_quotes_are_picked_per_theme_and_question(coded_round, chair):
    round_, pseudonyms = coded_round
    theme = services.create_theme(round_id=round_.pk, by=chair, name="All")
    for pseudonym in pseudonyms:
        code(round_, chair, pseudonym, theme)

    with pytest.raises(services.TooManyQuotes):
        services.set_quotes(theme_id=theme.pk, by=chair, question_key="improve", pseudonyms=pseudonyms)
    services.set_quotes(theme_id=theme.pk, by=chair, question_key="improve", pseudonyms=[pseudonyms[3]])
    content = summary_services.generate_now(round_id=round_.pk, by=chair).content

    improve = content["questions"][3]
    texts = {group["id"]: group["text"] for group in improve["groups"]}
    assert [texts[group_id] for group_id in improve["themes"][0]["quotes"]] == ["Keep the offline template."]


def test_a_theme_name_that_identifies_someone_blocks_approval(coded_round, chair):
    round_, pseudonyms = coded_round
    theme = services.create_theme(round_id=round_.pk, by=chair, name="What Ingrid Johansson asked")
    code(round_, chair, pseudonyms[1], theme)
    summary = summary_services.generate_now(round_id=round_.pk, by=chair)
    services.update_theme(theme_id=theme.pk, by=chair, name="Guidance")

    assert summary.content["questions"][3]["themes"][0]["name"] == "What Ingrid Johansson asked"  # the Chair's words
    with pytest.raises(summary_services.SummaryBlocked):
        summary_services.approve(summary_id=summary.pk, by=chair)


def test_a_theme_named_with_a_hyphenated_ordinary_word_passes_the_gate(coded_round, chair):
    round_, pseudonyms = coded_round
    names = ("Pre-filling", "Co-operation on formats", "Mid-cycle checks")
    for pseudonym, name in zip(pseudonyms[:3], names, strict=True):
        code(round_, chair, pseudonym, services.create_theme(round_id=round_.pk, by=chair, name=name))
    summary = summary_services.generate_now(round_id=round_.pk, by=chair)

    summary_services.approve(summary_id=summary.pk, by=chair)

    assert {theme["name"] for theme in summary.content["questions"][3]["themes"]} == set(names)


def test_a_name_in_a_theme_reads_the_same_in_the_summary_whether_or_not_it_is_registered(
    coded_round, chair, chair_client
):
    """Theme names are the Chair's words: cleaning them with the registry would answer "is X registered?"."""
    round_, pseudonyms = coded_round  # Ingrid Johansson is registered, Pedro Alvarado is not
    pages = []
    for name in ("Ingrid Johansson", "Pedro Alvarado"):
        chair_client.post(
            reverse("analysis:theme_create", kwargs={"round_id": round_.pk}),
            {"name": f"What {name} asked", "description": f"{name} wants help.", "question": ""},
        )
        theme = Theme.objects.get(name=f"What {name} asked")
        code(round_, chair, pseudonyms[1], theme)
        summary_services.generate_now(round_id=round_.pk, by=chair)
        page = chair_client.get(reverse("summary:detail", kwargs={"round_id": round_.pk})).content.decode()
        pages.append(page.replace(name, "NAME"))
        theme.delete()

    assert pages[0].count("What NAME asked") == pages[1].count("What NAME asked") > 0
    leak_line = re.compile(r'<li><strong>[^<]*</strong>[^<]*<mark class="leak">NAME</mark>[^<]*</li>')
    leaks = [leak_line.findall(page) for page in pages]
    assert leaks[0] == leaks[1]
    assert leaks[0]  # the gate flags the name either way


def test_accepting_two_suggestions_as_one_theme_tags_every_answer_they_cover(chair):
    round_ = open_round()
    texts = ["We need an XML export of the report."] * 6 + ["Guidance notes next to every field would help."] * 6
    texts += ["Please add an XML export for the tables."] * 4 + ["Field guidance notes in the form itself."] * 4
    for person, text in zip(respondents(len(texts)), texts, strict=True):
        answer(round_, person, {"improve": text})
    close(round_)

    found = services.compute_suggestions(round_id=round_.pk, question_key="improve", by=chair)
    numbers = [item["number"] for item in found.items]
    theme = services.accept_suggestions(
        round_id=round_.pk, question_key="improve", numbers=numbers[:2], name="Everything", by=chair
    )

    covered = {pk for item in found.items[:2] for pk in item["submissions"]}
    assert len(found.items) >= 2
    assert set(ThemeTag.objects.filter(theme=theme).values_list("submission_id", flat=True)) == covered
    with pytest.raises(services.NothingChosen):
        services.discard_suggestions(round_id=round_.pk, question_key="improve", numbers=numbers[:2], by=chair)


def test_coded_data_goes_out_as_csv_and_xlsx_and_comes_back_in(coded_round, chair):
    round_, pseudonyms = coded_round
    theme = services.create_theme(round_id=round_.pk, by=chair, name="Formats")
    code(round_, chair, pseudonyms[0], theme)

    exported = services.export_coding(round_=round_, fmt="csv", by=chair).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))
    sheet = load_workbook(io.BytesIO(services.export_coding(round_=round_, fmt="xlsx", by=chair).content))

    assert rows[0] == ["pseudonym", "question", "answer", "themes"]
    assert [str(pseudonyms[0]), "improve", "Add an XML export next to Excel.", "Formats"] in rows
    assert "Ingrid" not in exported and "Sweden" not in exported
    assert sheet.sheetnames == ["Coded answers", "Themes"]
    coded = next(number for number, row in enumerate(rows) if row[0] == str(pseudonyms[0]))
    other = 2 if coded == 1 else 1  # pseudonyms are drawn at random: rows come in any order
    rows[coded][3], rows[other][3] = "", "Guidance; Formats"
    edited = io.StringIO()
    csv.writer(edited).writerows(rows)

    result = services.import_coding(
        round_id=round_.pk, by=chair, filename="coded.csv", content=edited.getvalue().encode()
    )

    assert result.new_themes == ["Guidance"]
    names = {
        (tag.submission.pseudonym, tag.theme.name) for tag in ThemeTag.objects.select_related("theme", "submission")
    }
    assert names == {(int(rows[other][0]), "Guidance"), (int(rows[other][0]), "Formats")}


def test_an_import_with_a_bad_row_names_it_and_changes_nothing(coded_round, chair):
    round_, pseudonyms = coded_round
    content = (
        "pseudonym,question,answer,themes\n"
        f"{pseudonyms[0]},improve,,Formats\n"
        "99999,improve,,Formats\n"
        f"{pseudonyms[1]},ease,,Formats\n"
        f"{pseudonyms[0]},improve,,Guidance\n"
    ).encode()

    with pytest.raises(services.CodingFileRejected) as rejected:
        services.import_coding(round_id=round_.pk, by=chair, filename="coded.csv", content=content)

    assert [str(error) for error in rejected.value.errors] == [
        "Row 3, column “pseudonym”: Respondent 99999 gave no answer to “improve”.",
        "Row 4, column “question”: “ease” is not a free-text question of this consultation.",
        "Row 5: This answer is already in row 2.",
    ]
    assert not Theme.objects.filter(round=round_).exists()


def test_coding_from_the_page_saves_and_opens_the_next_answer_without_a_theme(coded_round, chair_client, chair):
    round_, pseudonyms = coded_round
    theme = services.create_theme(round_id=round_.pk, by=chair, name="Formats")
    ordered = sorted(pseudonyms)
    url = reverse("analysis:code_answer", kwargs={"round_id": round_.pk, "key": "improve", "pseudonym": ordered[0]})

    page = chair_client.get(url)
    response = chair_client.post(url, {"theme": [theme.pk], "then": "next"})

    assert b"Ingrid" not in page.content and b"Sweden" not in page.content
    assert response.status_code == 302 and response["Location"].endswith(f"/code/{ordered[1]}/")
    assert ThemeTag.objects.get().submission.pseudonym == ordered[0]


def test_a_bad_import_file_is_shown_row_by_row_on_the_page(coded_round, chair_client):
    round_, _ = coded_round
    upload = io.BytesIO(b"pseudonym,question,answer,themes\n12345,improve,,X\n")
    upload.name = "coded.csv"

    response = chair_client.post(reverse("analysis:import_coding", kwargs={"round_id": round_.pk}), {"file": upload})

    assert response.status_code == 400
    assert "Row 2, column “pseudonym”: Respondent 12345 gave no answer to “improve”." in response.content.decode()


def test_the_coding_form_ticks_the_answers_themes_and_keys_the_first_nine(coded_round, chair, chair_client):
    round_, pseudonyms = coded_round
    themes = [services.create_theme(round_id=round_.pk, by=chair, name=f"Theme {letter}") for letter in "ABCDEFGHIJ"]
    described = services.create_theme(
        round_id=round_.pk, by=chair, name="<Formats> & files", description="Excel & XML " + "exports " * 20
    )
    code(round_, chair, pseudonyms[0], themes[1], described)
    url = reverse("analysis:code_answer", kwargs={"round_id": round_.pk, "key": "improve", "pseudonym": pseudonyms[0]})

    html = chair_client.get(url).content.decode()

    boxes = re.findall(r'<input type="checkbox" name="theme" value="(\d+)" id="theme-\1"([^>]*)>', html)
    by_id = {int(value): attributes for value, attributes in boxes}
    in_order = [described, *themes]  # by name: "<Formats>..." sorts first
    assert list(by_id) == [theme.pk for theme in in_order]
    assert [" checked" in attributes for attributes in by_id.values()] == [True, False, True] + [False] * 8
    assert " autofocus" in by_id[described.pk] and sum(" autofocus" in a for a in by_id.values()) == 1
    keys = [re.search(r'data-key="(\d)"', attributes) for attributes in by_id.values()]
    assert [int(key[1]) if key else None for key in keys] == [*range(1, 10), None, None]
    assert html.count('<kbd aria-hidden="true">') == 9
    assert "&lt;Formats&gt; &amp; files" in html and "<Formats>" not in html
    assert "— Excel &amp; XML exports exports" in html and "exports …" not in html and "…</span>" in html


def test_the_coding_sequence_holds_only_answers_with_written_words_each_shown_whole(chair_client):
    """Values are read in their stored form and decoded only for the answer shown: quotes, line breaks
    and accents come out whole, and an "Other" question's sequence skips those who only ticked a choice."""
    round_ = make_round(
        questions=[
            {"key": "improve", "kind": "text", "text": "What should change?"},
            {"key": "tool", "kind": "choice", "text": "Which tool?", "choices": ["Excel", "Web form"], "other": True},
        ],
    )
    written = ['The "Save" button\nis hidden — café layout.', "Plain words."]
    people = respondents(4)
    given = [
        answer(round_, people[0], {"improve": written[0], "tool": "Excel"}),
        answer(round_, people[1], {"improve": written[1], "tool": "Our own spreadsheet"}),
        answer(round_, people[2], {"tool": "Web form"}),
        answer(round_, people[3], {"tool": "A paper form"}),
    ]
    close(round_)
    pseudonyms = [submission.pseudonym for submission in given]

    def coding_page(key, pseudonym):
        kwargs = {"round_id": round_.pk, "key": key, "pseudonym": pseudonym}
        return chair_client.get(reverse("analysis:code_answer", kwargs=kwargs))

    first = coding_page("improve", pseudonyms[0]).content.decode()
    assert "The &quot;Save&quot; button<br>is hidden — café layout." in first
    assert re.search(r"Answer\s+\d\s+of\s+2\b", first), "the text question's sequence holds its two answers"
    assert coding_page("improve", pseudonyms[2]).status_code == 404  # no words written: not in the sequence

    others = coding_page("tool", pseudonyms[3]).content.decode()
    assert "A paper form" in others and re.search(r"Answer\s+\d\s+of\s+2\b", others)
    for ticked_only in (pseudonyms[0], pseudonyms[2]):
        assert coding_page("tool", ticked_only).status_code == 404
