"""The Secretariat's questionnaire editor: add, edit (or version), order, retire, delete, copy."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from consult import selectors, services
from consult.forms import CopyQuestionnaireForm, QuestionForm
from consult.models import Question, Round
from participants.permissions import secretariat_required


def _question(request: HttpRequest, question_id: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("round"), pk=question_id)
    selectors.access_round(request.user, question.round_id)
    return question


def _earlier(round_: Round, *, before: Question | None) -> list[Question]:
    """The questions a follow-up may depend on: those above it (all of them for a new question)."""
    questions = round_.questions.active()
    if before is not None:
        questions = questions.filter(order__lt=before.order).exclude(pk=before.pk)
    return list(questions)


@secretariat_required
def questionnaire(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.access_round(request.user, round_id)
    questions = list(selectors.questions_with_answer_counts(round_))
    context = {
        "round": round_,
        "questions": [question for question in questions if not question.retired],
        "retired": [question for question in questions if question.retired],
        "editable": round_.is_editable,
        "copy_form": CopyQuestionnaireForm(round_=round_),
    }
    return render(request, "consult/questionnaire.html", context)


@secretariat_required
def question_add(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.access_round(request.user, round_id)
    form = QuestionForm(request.POST or None, earlier=_earlier(round_, before=None))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(by=request.user, round_id=round_.pk, **form.service_fields())
        except services.QuestionInvalid as error:
            form.add_error(None, error)
        except services.QuestionnaireClosed as error:
            messages.error(request, str(error))
            return redirect("consult:questionnaire", round_id=round_.pk)
        else:
            messages.success(request, _("Question added."))
            if "add_another" in request.POST:
                return redirect("consult:question_add", round_id=round_.pk)
            return redirect("consult:questionnaire", round_id=round_.pk)
    return render(request, "consult/question_form.html", {"round": round_, "form": form, "question": None})


@secretariat_required
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = _question(request, question_id)
    answer_count = question.answers.count()
    form = QuestionForm(request.POST or None, instance=question, earlier=_earlier(question.round, before=question))
    if request.method == "POST" and form.is_valid():
        try:
            _, versioned = services.revise_question(by=request.user, question_id=question.pk, **form.service_fields())
        except services.QuestionInvalid as error:
            form.add_error(None, error)
        except services.QuestionnaireClosed as error:
            messages.error(request, str(error))
            return redirect("consult:questionnaire", round_id=question.round_id)
        else:
            messages.success(
                request,
                _("Saved as a new version. The earlier answers stay with the old version, now retired.")
                if versioned
                else _("Question saved."),
            )
            return redirect("consult:questionnaire", round_id=question.round_id)
    context = {"round": question.round, "form": form, "question": question, "answer_count": answer_count}
    return render(request, "consult/question_form.html", context)


@secretariat_required
def question_delete(request: HttpRequest, question_id: int) -> HttpResponse:
    question = _question(request, question_id)
    if request.method == "POST":
        try:
            services.delete_question(by=request.user, question_id=question.pk)
        except (services.QuestionAnswered, services.QuestionnaireClosed, services.QuestionNeeded) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Question “%(key)s” deleted.") % {"key": question.key})
        return redirect("consult:questionnaire", round_id=question.round_id)
    return render(request, "consult/question_delete.html", {"round": question.round, "question": question})


@require_POST
@secretariat_required
def question_retire(request: HttpRequest, question_id: int) -> HttpResponse:
    question = _question(request, question_id)
    try:
        services.retire_question(by=request.user, question_id=question.pk)
    except (services.QuestionnaireClosed, services.QuestionNeeded) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(key)s” is retired: no longer asked, its answers kept.") % {"key": question.key})
    return redirect("consult:questionnaire", round_id=question.round_id)


@require_POST
@secretariat_required
def question_move(request: HttpRequest, question_id: int) -> HttpResponse:
    question = _question(request, question_id)
    try:
        services.move_question(by=request.user, question_id=question.pk, up=request.POST.get("direction") == "up")
    except (services.QuestionnaireClosed, services.QuestionNeeded) as error:
        messages.error(request, str(error))
    return redirect(reverse("consult:questionnaire", kwargs={"round_id": question.round_id}) + f"#q-{question.pk}")


@require_POST
@secretariat_required
def questionnaire_copy(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.access_round(request.user, round_id)
    form = CopyQuestionnaireForm(request.POST, round_=round_)
    if not form.is_valid():
        messages.error(request, _("Choose the round whose questions you want to copy."))
        return redirect("consult:questionnaire", round_id=round_.pk)
    try:
        result = services.copy_questionnaire(
            by=request.user, source_round_id=form.cleaned_data["source"].pk, target_round_id=round_.pk
        )
    except services.QuestionnaireClosed as error:
        messages.error(request, str(error))
    else:
        message = ngettext("%(count)d question copied.", "%(count)d questions copied.", result.copied) % {
            "count": result.copied
        }
        if result.skipped:
            message += " " + _("Skipped because the key is already used here: %(keys)s.") % {
                "keys": ", ".join(result.skipped)
            }
        messages.success(request, message)
    return redirect("consult:questionnaire", round_id=round_.pk)
