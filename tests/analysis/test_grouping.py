"""Identical and near-identical answers are grouped; different points, even in the same words, are not."""

from __future__ import annotations

from feedback.analysis.grouping import NEAR_IDENTICAL, group_texts, similarity
from feedback.analysis.text import normalise


def test_case_spacing_punctuation_and_accents_do_not_make_answers_different():
    assert normalise("  Add an XML   export, please!! ") == normalise("add an xml export please")
    assert normalise("Côte d’Ivoire") == normalise("cote d ivoire")  # noqa: RUF001


def test_identical_answers_form_one_group_quoted_in_the_most_common_wording():
    texts = ["Add XML.", "Keep the offline form.", "add xml", "ADD XML!", "Keep the offline form"]

    groups = group_texts(texts)

    assert [group.members for group in groups] == [(0, 2, 3), (1, 4)]


def test_a_changed_letter_or_a_plural_is_near_identical_and_joins_the_group():
    texts = [
        "The validation messages should say which field is wrong.",
        "The validation message should say which field is wrong.",
        "The validaton messages should say which field is wrong",
    ]

    assert [group.members for group in group_texts(texts)] == [(0, 1, 2)]
    assert similarity(normalise(texts[0]), normalise(texts[1])) >= NEAR_IDENTICAL


def test_a_different_point_or_the_same_sentences_reordered_stay_apart():
    texts = [
        "Please add an XML export. Guidance should sit next to each field.",
        "Guidance should sit next to each field. Please add an XML export.",
        "Please add a CSV import.",
    ]

    assert len(group_texts(texts)) == 3


def test_blank_answers_are_left_out():
    assert [group.members for group in group_texts(["", "   ", "Something."])] == [(2,)]
    assert group_texts([]) == []


def test_twenty_thousand_answers_in_a_few_hundred_wordings_are_grouped_by_wording():
    wordings = [
        f"Point {word} about the {topic} of the template."
        for word in "ABCDEFGHIJ"
        for topic in ("layout", "guidance", "nil report", "export", "categories")
    ]
    texts = [wordings[number % len(wordings)] + ("!" if number % 3 else "") for number in range(20_000)]

    groups = group_texts(texts)

    assert sum(group.size for group in groups) == 20_000
    assert len(groups) <= len(wordings)
