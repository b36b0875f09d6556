"""The Chair's pages (the Secretariat sees them too): rounds, progress, responses under pseudonyms only.

Nothing here may carry an identity or a side channel to one: no names, e-mails, affiliations, user or
submission ids, no times, no web/offline marker; respondents are ordered by pseudonym.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from consult.selectors import access_round
from feedback import conditions, selectors
from feedback.display import cell, response_cards
from feedback.redaction import redacted, text_cleaner
from participants.permissions import chair_required, is_secretariat

PER_PAGE = 20


@chair_required
def chair_dashboard(request: HttpRequest) -> HttpResponse:
    """Starts with the closed consultations waiting for their summary, then every announced one."""
    rounds = selectors.chair_rounds(request.user)
    waiting = selectors.waiting_for_summary([round_ for round_, _tally in rounds])
    return render(request, "feedback/chair_dashboard.html", {"rounds": rounds, "waiting": waiting})


@chair_required
def round_progress(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access_round(request.user, round_id)
    secretariat = is_secretariat(request.user)
    progress = selectors.round_progress(round_, by_category=secretariat)
    context = {
        "round": round_,
        "progress": progress,
        "secretariat": secretariat,
        "readable": round_.state in selectors.READABLE_STATES,
        "min_cell": settings.ANONYMITY_MIN_CELL,
        "questions": selectors.questions(round_),
    }
    return render(request, "feedback/round_progress.html", context)


def _filter_choices(questions: list) -> list[tuple[str, list[tuple[str, str]]]]:
    """Answer filter options grouped by question: ("key:value", label)."""
    return [
        (question.text, [(f"{question.key}:{value}", text) for value, text in selectors.filter_values(question)])
        for question in questions
        if selectors.filter_values(question)
    ]


@chair_required
def response_list(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.readable_round(request.user, round_id)
    questions = selectors.questions(round_)
    by_key = {question.key: question for question in questions}
    wanted = request.GET.get("answer", "")
    contains = request.GET.get("contains", "").strip()
    key, _sep, value = wanted.partition(":")
    if not (wanted or contains):
        # Unfiltered: page through pseudonyms in the database and anonymize only the page shown.
        page = selectors.pseudonym_page(round_, request.GET.get("page"), PER_PAGE)
        page.object_list = redacted(selectors.page_respondents(round_, list(page.object_list)), questions)
        total = shown = page.paginator.count
    else:
        # Filters look at every response, free text only once anonymized (so no one can search for a name).
        respondents = redacted(selectors.respondents(round_), questions, text_cleaner())
        total = len(respondents)
        if key in by_key and value:
            respondents = [r for r in respondents if selectors.matches(by_key[key], r.answers.get(key), value)]
        if contains:
            texts = [q for q in questions if q.kind == "text"]
            respondents = [
                r for r in respondents if any(selectors.matches(q, r.answers.get(q.key), contains) for q in texts)
            ]
        page = Paginator(respondents, PER_PAGE).get_page(request.GET.get("page"))
        shown = len(respondents)
    context = {
        "round": round_,
        "questions": questions,
        "page": page,
        "cards": response_cards(page.object_list, questions, round_.pk),
        "total": total,
        "shown": shown,
        "filter_choices": _filter_choices(questions),
        "wanted": wanted,
        "contains": contains,
        "filtered": bool(wanted or contains),
    }
    return render(request, "feedback/response_list.html", context)


@chair_required
def response_detail(request: HttpRequest, round_id: int, pseudonym: int) -> HttpResponse:
    round_ = selectors.readable_round(request.user, round_id)
    questions = selectors.questions(round_)
    respondent = redacted([selectors.respondent(round_, pseudonym)], questions)[0]
    asked = conditions.asked_keys(questions, respondent.answers)
    previous, following = selectors.neighbours(round_, pseudonym)
    context = {
        "round": round_,
        "respondent": respondent,
        "rows": [
            (
                question,
                respondent.answers.get(question.key),
                question.key in asked,
                cell(question, respondent.answers.get(question.key)),
            )
            for question in questions
        ],
        "previous": previous,
        "following": following,
        "secretariat": is_secretariat(request.user),
    }
    return render(request, "feedback/response_detail.html", context)


@chair_required
def question_index(request: HttpRequest, round_id: int) -> HttpResponse:
    """The "by question" view starts at the first question."""
    round_ = selectors.readable_round(request.user, round_id)
    questions = selectors.questions(round_)
    if not questions:
        raise Http404
    return redirect("feedback:question_detail", round_id=round_.pk, key=questions[0].key)


@chair_required
def question_detail(request: HttpRequest, round_id: int, key: str) -> HttpResponse:
    round_ = selectors.readable_round(request.user, round_id)
    questions = selectors.questions(round_)
    question = next((q for q in questions if q.key == key), None)
    if question is None:
        raise Http404
    chosen = request.GET.get("question", key)
    if chosen != key and any(q.key == chosen for q in questions):  # the question picker, without JavaScript
        return redirect("feedback:question_detail", round_id=round_.pk, key=chosen)
    respondents = redacted(selectors.respondents(round_), [question])
    answered = [(r, r.answers[key]) for r in respondents if key in r.answers]
    wanted = request.GET.get("answer", "").strip()
    shown = [(r, value) for r, value in answered if selectors.matches(question, value, wanted)] if wanted else answered
    chart = selectors.distribution(question, [value for _r, value in answered])
    asked = (
        sum(1 for r in respondents if key in conditions.asked_keys(questions, r.answers)) if question.show_if else None
    )
    context = {
        "round": round_,
        "questions": questions,
        "question": question,
        "answered": len(answered),
        "asked": asked,
        "condition": conditions.condition_text(question, questions),
        "rows": Paginator(shown, PER_PAGE * 2).get_page(request.GET.get("page")),
        "shown": len(shown),
        "chart": [
            (value, text, count, round(100 * count / len(answered)) if answered else 0) for value, text, count in chart
        ],
        "values": selectors.filter_values(question),
        "wanted": wanted,
    }
    return render(request, "feedback/question_detail.html", context)
