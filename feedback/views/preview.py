"""The questionnaire as an eligible participant will see it, for the Secretariat and the Chair, before
the round opens (and after): the same page, follow-ups included, and answers checked by the same rules,
but nothing is ever saved."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from consult.selectors import access_round
from feedback import selectors
from feedback.forms import AnswerForm
from feedback.validation import clean_answers
from participants.permissions import chair_required


@chair_required
def preview(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access_round(request.user, round_id)
    questions = selectors.questions(round_)
    form = AnswerForm(request.POST or None, questions=questions)
    context = {"round": round_, "form": form, "questions": form.question_fields(), "checked": False}
    if request.method == "POST":
        cleaned = clean_answers(questions, form.raw_answers(), final=True)
        form.show_errors(cleaned.errors)
        by_key = {question.key: question for question in questions}
        context |= {"checked": True, "dropped": [by_key[key] for key in cleaned.discarded]}
    context["items"] = form.question_items()
    return render(request, "feedback/answer_preview.html", context)
