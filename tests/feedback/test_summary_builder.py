"""The summary generated from a closed round: counts, suppressed cells, anonymized answers grouped unordered."""

from __future__ import annotations

import pytest

from feedback.registry import build_anonymizer
from feedback.summary.builder import build_content
from tests import factories
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db


def test_closed_answers_are_counted_and_drafts_left_out():
    round_ = open_round()
    people = respondents(4)
    for person, rating in zip(people[:3], [5, 4, 4], strict=True):
        answer(round_, person, {"ease": rating, "formats": ["CSV", "Excel"], "pilot": True})
    answer(round_, people[3], {"ease": 1}, state="draft")
    close(round_)

    content = build_content(round_, anonymizer=build_anonymizer(), min_cell=3)

    ease, formats, pilot, improve = content["questions"]
    assert content["respondents"] == 3
    assert ease["answered"] == 3
    assert [bar["count"] for bar in ease["distribution"]["bars"]] == [0, 0, 0, 2, 1]
    assert ease["distribution"]["mean"] == 4.33
    assert [(bar["label"], bar["count"]) for bar in formats["distribution"]["bars"]] == [
        ("Excel", 3),
        ("CSV", 3),
        ("XML", 0),
    ]
    assert [(bar["label"], bar["count"]) for bar in pilot["distribution"]["bars"]] == [("Yes", 3), ("No", 0)]
    assert (improve["groups"], improve["themes"], improve["points"]) == ([], [], [])


def test_every_registered_identity_is_removed_from_excerpts():
    round_ = open_round()
    author = factories.make_participant(full_name="Ingrid Johansson", country="SE")
    other = factories.make_participant(
        full_name="Kwame Mensah", category="regional_organisation", organisation="West African Arms Control Network"
    )
    other.acronym = "WAACN"
    other.save()
    answer(
        round_,
        author,
        {"improve": "As Sweden, we agree with Kwame Mensah and WAACN: export to Excel, per Article 13."},
    )
    close(round_)

    content = build_content(round_, anonymizer=build_anonymizer(), min_cell=3)

    text = content["questions"][3]["groups"][0]["text"]
    for identity in ("Sweden", "Kwame", "Mensah", "WAACN", "Johansson"):
        assert identity not in text
    assert "export to Excel, per Article 13" in text


def test_quoted_answers_do_not_follow_submission_order_and_carry_no_respondent_label():
    round_ = open_round()
    people = respondents(12)
    subjects = [
        "clearer validation messages",
        "pre-filling from last year",
        "guidance next to each field",
        "an XML export",
        "a Spanish translation",
        "an offline template",
        "keyword search in the library",
        "e-mail alerts before deadlines",
        "a nil-report checkbox",
        "examples of completed reports",
        "wider remarks columns",
        "a printable summary page",
    ]
    for number, person in enumerate(people):
        answer(round_, person, {"improve": f"{number}. What we need most is {subjects[number]}."})
    close(round_)

    groups = build_content(round_, anonymizer=build_anonymizer(), min_cell=3)["questions"][3]["groups"]
    again = build_content(round_, anonymizer=build_anonymizer(), min_cell=3)["questions"][3]["groups"]

    texts = [group["text"] for group in groups]
    assert len(texts) == 12
    assert texts == [group["text"] for group in again]
    assert texts != sorted(texts, key=lambda text: int(text.split(".")[0]))
    assert set(groups[0]) == {"id", "text", "flags", "respondents"}
    assert "Respondent" not in str(groups)


def test_a_category_too_small_to_show_is_merged_into_other_categories():
    round_ = open_round()
    people = respondents(5) + respondents(2, category="industry") + respondents(1, category="civil_society")
    for person in people:
        answer(round_, person, {"pilot": False})
    close(round_)

    participation = build_content(round_, anonymizer=build_anonymizer(), min_cell=3)["participation"]

    assert participation["cells"] == [
        {"label": "State Party", "count": 5},
        {"label": "Other categories", "count": 3},
    ]


def test_a_round_with_fewer_respondents_than_the_threshold_shows_no_breakdown():
    round_ = open_round()
    for person in respondents(2):
        answer(round_, person, {"pilot": True})
    close(round_)

    participation = build_content(round_, anonymizer=build_anonymizer(), min_cell=3)["participation"]

    assert participation["suppressed"] is True
    assert participation["cells"] == []


def test_progress_is_reported_up_to_one_hundred():
    round_ = open_round()
    for person in respondents(3):
        answer(round_, person, {"ease": 3, "improve": "Fine."})
    close(round_)
    seen = []

    build_content(round_, anonymizer=build_anonymizer(), min_cell=3, progress=seen.append)

    assert seen == sorted(seen)
    assert seen[-1] == 100
