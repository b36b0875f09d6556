"""A free-text question in the summary: themes by count with quotes, other points, no quote twice."""

from __future__ import annotations

from feedback.analysis.points import ThemeInfo, arrange_answers

ANSWERS = [
    (1, "Add an XML export."),
    (2, "add an xml export!"),
    (3, "Guidance next to each field, and an XML export."),
    (4, "Guidance next to each field."),
    (5, "Keep the offline form."),
    (6, "Please translate the guidance into Spanish."),
]
FORMATS, GUIDANCE, UNUSED = ThemeInfo(10, "Formats"), ThemeInfo(11, "Guidance"), ThemeInfo(12, "Unused")
TAGS = {1: {10}, 2: {10}, 3: {10, 11}, 4: {11}, 6: {11}}


def arrange(picked=None):
    return arrange_answers(ANSWERS, prefix="q", themes=[GUIDANCE, FORMATS, UNUSED], tags=TAGS, picked=picked or {})


def quoted_ids(result):
    return [group_id for theme in result["themes"] for group_id in theme["quotes"]] + result["points"]


def test_themes_come_by_how_many_raised_them_and_unused_themes_are_left_out():
    result = arrange()

    assert [(t["name"], t["respondents"], t["percent"]) for t in result["themes"]] == [
        ("Formats", 3, 50.0),
        ("Guidance", 3, 50.0),
    ]


def test_no_answer_is_quoted_twice_and_uncovered_answers_are_the_other_points():
    result = arrange()
    texts = {group["id"]: group["text"] for group in result["groups"]}

    assert len(quoted_ids(result)) == len(set(quoted_ids(result)))
    assert [texts[group_id] for group_id in result["points"]] == ["Keep the offline form."]
    assert result["groups"][0] == {"id": "q-1", "text": "Add an XML export.", "respondents": 2}


def test_the_chairs_picked_quotes_replace_the_default():
    result = arrange(picked={11: {6}})
    texts = {group["id"]: group["text"] for group in result["groups"]}

    guidance = next(theme for theme in result["themes"] if theme["name"] == "Guidance")
    assert [texts[group_id] for group_id in guidance["quotes"]] == ["Please translate the guidance into Spanish."]


def test_by_default_the_wording_most_respondents_gave_is_quoted():
    formats = next(theme for theme in arrange()["themes"] if theme["name"] == "Formats")

    assert formats["quotes"][0] == "q-1"
