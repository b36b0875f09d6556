"""The Chair's analysis pages: the codebook, coding answers from the keyboard, suggestions, coded-data files.

The Chair and the Secretariat see them for rounds whose responses they may read. Answers appear under
pseudonyms only and anonymized; nothing here carries a response id.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import selectors as feedback_selectors
from feedback.analysis import coding_files, selectors, services
from feedback.analysis.forms import ImportCodingForm, ThemeForm
from feedback.display import theme_choices
from participants.permissions import chair_required


def _round(request: HttpRequest, round_id: int):
    return feedback_selectors.readable_round(request.user, round_id)


def _numbers(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


@chair_required
def overview(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    questions = selectors.text_questions(round_)
    progress = []
    for question in questions:
        answers = selectors.raw_answers(round_, question)
        coded = selectors.coded_submissions(question)
        progress.append((question, len(answers), sum(1 for pk, _p, _t in answers if pk in coded)))
    context = {
        "round": round_,
        "themes": selectors.codebook(round_),
        "progress": progress,
        "form": ThemeForm(questions=questions),
        "import_form": ImportCodingForm(),
    }
    return render(request, "feedback/analysis/overview.html", context)


@require_POST
@chair_required
def theme_create(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    form = ThemeForm(request.POST, questions=selectors.text_questions(round_))
    if form.is_valid():
        try:
            theme = services.create_theme(
                round_id=round_.pk,
                by=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                question_key=form.cleaned_data["question"] or None,
            )
        except services.AnalysisError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Theme “%(name)s” added to the codebook.") % {"name": theme.name})
    else:
        messages.error(request, _("The theme was not added: give it a name of at most 80 characters."))
    return _back(request, round_.pk)


def _back(request: HttpRequest, round_id: int) -> HttpResponse:
    """Back to the page the form was on (an analysis page of this round), or the overview."""
    target = request.POST.get("next", "")
    if target.startswith(f"/analysis/{round_id}/") and "//" not in target:
        return redirect(target)
    return redirect("analysis:overview", round_id=round_id)


@chair_required
def theme_edit(request: HttpRequest, round_id: int, theme_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    theme = selectors.theme_of(round_, theme_id)
    questions = selectors.text_questions(round_)
    form = ThemeForm(
        request.POST or None,
        questions=questions,
        initial={
            "name": theme.name,
            "description": theme.description,
            "question": theme.question.key if theme.question else "",
        },
    )
    if request.method == "POST":
        response = _theme_action(request, round_, theme, form)
        if response is not None:
            return response
    others = [other for other in selectors.codebook(round_) if other.pk != theme.pk]
    context = {
        "round": round_,
        "theme": theme,
        "form": form,
        "others": others,
        "quotes": selectors.quote_choices(round_, theme),
        "max_quotes": services.MAX_QUOTES,
    }
    return render(request, "feedback/analysis/theme.html", context)


def _theme_action(request: HttpRequest, round_, theme, form: ThemeForm) -> HttpResponse | None:
    action = request.POST.get("action", "save")
    try:
        if action == "delete":
            services.delete_theme(theme_id=theme.pk, by=request.user)
            messages.success(request, _("Theme “%(name)s” deleted; its tags are gone.") % {"name": theme.name})
            return redirect("analysis:overview", round_id=round_.pk)
        if action == "merge":
            merged = _numbers(request.POST.getlist("merge"))
            if not merged:
                raise services.NothingChosen
            services.merge_themes(into_id=theme.pk, merged_ids=merged, by=request.user)
            messages.success(request, _("Merged into “%(name)s”.") % {"name": theme.name})
            return redirect("analysis:theme", round_id=round_.pk, theme_id=theme.pk)
        if action == "quotes":
            key = request.POST.get("question", "")
            services.set_quotes(
                theme_id=theme.pk, by=request.user, question_key=key, pseudonyms=_numbers(request.POST.getlist("quote"))
            )
            messages.success(request, _("Quotes saved. The summary uses them when it is next generated."))
            return redirect("analysis:theme", round_id=round_.pk, theme_id=theme.pk)
        if form.is_valid():
            services.update_theme(
                theme_id=theme.pk,
                by=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                question_key=form.cleaned_data["question"] or None,
            )
            messages.success(request, _("Theme saved."))
            return redirect("analysis:overview", round_id=round_.pk)
    except services.AnalysisError as error:
        messages.error(request, str(error))
    return None


@chair_required
def question(request: HttpRequest, round_id: int, key: str) -> HttpResponse:
    """Every answer to a free-text question with its themes; filter to the untagged or one theme."""
    round_ = _round(request, round_id)
    question_ = selectors.text_question(round_, key)
    answers = selectors.coded_answers(round_, question_)
    themes = selectors.themes_for(round_, question_)
    shown_filter = request.GET.get("show", "")
    if shown_filter == "untagged":
        shown = [answer for answer in answers if not answer.theme_ids]
    elif shown_filter.isdigit():
        shown = [answer for answer in answers if int(shown_filter) in answer.theme_ids]
    else:
        shown = answers
    context = {
        "round": round_,
        "question": question_,
        "themes": themes,
        "names": {theme.pk: theme.name for theme in themes},
        "answers": shown,
        "total": len(answers),
        "untagged": sum(1 for answer in answers if not answer.theme_ids),
        "show": shown_filter,
        "first_untagged": next((answer.pseudonym for answer in answers if not answer.theme_ids), None),
        "suggestions": selectors.suggestions(round_, question_),
        "form": ThemeForm(questions=[question_], initial={"question": question_.key}),
    }
    return render(request, "feedback/analysis/question.html", context)


@chair_required
def code(request: HttpRequest, round_id: int, key: str, pseudonym: int | None = None) -> HttpResponse:
    """One answer and the codebook: tick its themes, save, and the next answer opens."""
    round_ = _round(request, round_id)
    question_ = selectors.text_question(round_, key)
    answers = selectors.coded_answers(round_, question_)
    if pseudonym is None:
        if not answers:
            return redirect("analysis:question", round_id=round_.pk, key=key)
        start = next((answer for answer in answers if not answer.theme_ids), answers[0])
        return redirect("analysis:code_answer", round_id=round_.pk, key=key, pseudonym=start.pseudonym)
    position = next((index for index, answer in enumerate(answers) if answer.pseudonym == pseudonym), None)
    if position is None:
        raise Http404
    if request.method == "POST":
        return _save_coding(request, round_, key, answers, position)
    themes = selectors.themes_for(round_, question_)
    context = {
        "round": round_,
        "question": question_,
        "answer": answers[position],
        "themes": themes,
        "theme_choices": theme_choices(themes, answers[position].theme_ids),
        "position": position + 1,
        "total": len(answers),
        "untagged": sum(1 for answer in answers if not answer.theme_ids),
        "previous": answers[position - 1].pseudonym if position > 0 else None,
        "following": answers[position + 1].pseudonym if position + 1 < len(answers) else None,
    }
    return render(request, "feedback/analysis/code.html", context)


def _save_coding(request: HttpRequest, round_, key: str, answers: list, position: int) -> HttpResponse:
    answer = answers[position]
    try:
        services.set_answer_themes(
            round_id=round_.pk,
            by=request.user,
            pseudonym=answer.pseudonym,
            question_key=key,
            theme_ids=set(_numbers(request.POST.getlist("theme"))),
            new_theme=request.POST.get("new_theme", ""),
        )
    except services.AnalysisError as error:
        messages.error(request, str(error))
        return redirect("analysis:code_answer", round_id=round_.pk, key=key, pseudonym=answer.pseudonym)
    later = answers[position + 1 :]
    if request.POST.get("then") == "untagged":
        later = [other for other in later if not other.theme_ids] or [
            other for other in answers[:position] if not other.theme_ids
        ]
    if not later or request.POST.get("then") == "stay":
        messages.success(request, _("Saved. That was the last answer to code."))
        return redirect("analysis:question", round_id=round_.pk, key=key)
    return redirect("analysis:code_answer", round_id=round_.pk, key=key, pseudonym=later[0].pseudonym)


@chair_required
def suggestions(request: HttpRequest, round_id: int, key: str) -> HttpResponse:
    round_ = _round(request, round_id)
    question_ = selectors.text_question(round_, key)
    if request.method == "POST":
        return _suggestion_action(request, round_, question_)
    suggestion_set = selectors.suggestions(round_, question_)
    context = {
        "round": round_,
        "question": question_,
        "suggestion_set": suggestion_set,
        "items": selectors.suggestion_items(round_, suggestion_set) if suggestion_set else [],
        "answered": len(selectors.raw_answers(round_, question_)),
    }
    return render(request, "feedback/analysis/suggestions.html", context)


def _suggestion_action(request: HttpRequest, round_, question_) -> HttpResponse:
    action = request.POST.get("action", "")
    numbers = _numbers(request.POST.getlist("suggestion"))
    try:
        if action == "compute":
            found = services.compute_suggestions(round_id=round_.pk, question_key=question_.key, by=request.user)
            if found.items:
                messages.success(
                    request,
                    _("%(count)s themes suggested. Accept, rename, merge or discard them.")
                    % {"count": len(found.items)},
                )
            else:
                messages.info(
                    request,
                    _(
                        "Too few answers share words to suggest themes. "
                        "Define themes yourself, or try again with more answers."
                    ),
                )
        elif action == "accept":
            theme = services.accept_suggestions(
                round_id=round_.pk,
                question_key=question_.key,
                numbers=numbers,
                name=request.POST.get("name", ""),
                by=request.user,
            )
            messages.success(
                request,
                _("Theme “%(name)s” is in the codebook, with the answers it covers tagged.") % {"name": theme.name},
            )
        elif action == "discard":
            services.discard_suggestions(
                round_id=round_.pk, question_key=question_.key, numbers=numbers, by=request.user
            )
            messages.success(request, _("Discarded."))
    except services.AnalysisError as error:
        messages.error(request, str(error))
    return redirect("analysis:suggestions", round_id=round_.pk, key=question_.key)


@chair_required
def export_coding(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    if fmt not in coding_files.FORMATS:
        raise Http404
    round_ = _round(request, round_id)
    export = services.export_coding(round_=round_, fmt=fmt, by=request.user)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@chair_required
def import_coding(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    form = ImportCodingForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV or XLSX file to import."))
        return redirect("analysis:overview", round_id=round_.pk)
    upload = form.cleaned_data["file"]
    try:
        result = services.import_coding(
            round_id=round_.pk, by=request.user, filename=upload.name, content=upload.read()
        )
    except services.CodingFileRejected as rejected:
        return render(
            request,
            "feedback/analysis/import_errors.html",
            {"round": round_, "errors": rejected.errors, "message": str(rejected)},
            status=400,
        )
    text = _("Themes set for %(count)s answers.") % {"count": result.answers}
    if result.new_themes:
        text += " " + _("New themes: %(names)s.") % {"names": ", ".join(result.new_themes)}
    messages.success(request, text)
    return redirect("analysis:overview", round_id=round_.pk)
