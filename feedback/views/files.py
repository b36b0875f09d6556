"""Questionnaire files on the site: download a round's Word or Excel questionnaire, a participant's
filled file into their draft, and the Secretariat's recording of a filled file received by e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from consult.models import Question
from consult.selectors import access_round, eligible_participants
from feedback import questionnaire_files, selectors, services
from feedback.forms import OfflineQuestionnaireForm, QuestionnaireUploadForm
from feedback.views.participant import AnswerPage
from feedback.views.secretariat import render_record_offline
from participants.permissions import approved_participant, login_required, participant_required, secretariat_required


def named(questions: list[Question], errors: dict[str | None, str]) -> list[tuple[str, str]]:
    """Problems as people read them: "Question 2 · How easy…" and the message, in questionnaire order;
    those about the whole file first."""
    position = {question.key: number for number, question in enumerate(questions, start=1)}
    text = {question.key: question.text for question in questions}
    ordered = sorted(errors.items(), key=lambda item: (item[0] is not None, position.get(item[0] or "", 0)))
    return [(_label(key, position, text), message) for key, message in ordered]


def _label(key: str | None, position: dict[str, int], text: dict[str, str]) -> str:
    if not key:
        return ""
    if key not in position:
        return _("Question “%(key)s”") % {"key": key}
    return _("Question %(number)s · %(text)s") % {"number": position[key], "text": text[key]}


@login_required
def questionnaire_file(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    """The questionnaire as Word or Excel: an approved participant's own copy is pre-filled with their
    current answers; the Chair and the Secretariat get it blank."""
    if fmt not in questionnaire_files.FORMATS:
        raise Http404
    round_ = access_round(request.user, round_id)
    try:
        export = services.export_questionnaire(
            round_=round_, fmt=fmt, participant=approved_participant(request.user), by=request.user
        )
    except services.NotEligible:
        raise Http404 from None
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"  # a participant's own answers: no copy in any cache
    return response


@require_POST
@participant_required
def upload_answers(request: HttpRequest, round_id: int) -> HttpResponse:
    """A participant's filled questionnaire fills their draft; they check it on the page and submit."""
    page = AnswerPage(request, round_id)
    upload_form = QuestionnaireUploadForm(request.POST, request.FILES)
    if not upload_form.is_valid():
        return page.render(page.form(), upload_form=upload_form)
    upload = upload_form.cleaned_data["questionnaire"]
    try:
        result = services.fill_draft_from_file(
            round_id=page.round.pk, participant=page.participant, source=upload, name=upload.name
        )
    except questionnaire_files.QuestionnaireFileError as refused:
        return page.render(page.form(), upload_form=upload_form, upload_problems=named(page.questions, refused.by_key))
    except services.InvalidAnswers as invalid:
        return page.render(page.form(), upload_form=upload_form, upload_problems=named(page.questions, invalid.errors))
    except services.RoundNotAcceptingAnswers as error:
        page.accepting = False
        return page.render(page.form(), closed=str(error))
    messages.success(request, _uploaded_message(upload.name, result))
    return redirect("feedback:answer", round_id=page.round.pk)


def _uploaded_message(name: str, result: services.DraftFromFile) -> str:
    parts = [
        ngettext(
            "%(count)d answer from “%(name)s” is now in your draft.",
            "%(count)d answers from “%(name)s” are now in your draft.",
            len(result.from_file),
        )
        % {"count": len(result.from_file), "name": name},
        _("Check them below, then submit: the file alone does not submit your response."),
    ]
    if result.kept:
        parts.append(
            ngettext(
                "%(count)d question left empty in the file kept its answer here.",
                "%(count)d questions left empty in the file kept their answers here.",
                len(result.kept),
            )
            % {"count": len(result.kept)}
        )
    if result.not_in_file:
        parts.append(
            ngettext(
                "%(count)d question was added after your file was made: answer it here.",
                "%(count)d questions were added after your file was made: answer them here.",
                len(result.not_in_file),
            )
            % {"count": len(result.not_in_file)}
        )
    return " ".join(parts)


@require_POST
@secretariat_required
def record_offline_file(request: HttpRequest, round_id: int) -> HttpResponse:
    """Record a filled questionnaire received by e-mail as the participant's written submission."""
    round_ = access_round(request.user, round_id)
    questions = selectors.questions(round_)
    file_form = OfflineQuestionnaireForm(request.POST, request.FILES, eligible=eligible_participants(round_))
    if not file_form.is_valid():
        return render_record_offline(request, round_, file_form=file_form)
    participant, upload = file_form.cleaned_data["participant"], file_form.cleaned_data["questionnaire"]
    try:
        services.record_offline_from_file(
            round_id=round_.pk, participant_id=participant.pk, source=upload, name=upload.name, by=request.user
        )
    except questionnaire_files.QuestionnaireFileError as refused:
        problems = named(questions, refused.by_key)
        return render_record_offline(request, round_, file_form=file_form, file_problems=problems)
    except services.InvalidAnswers as invalid:
        problems = named(questions, invalid.errors)
        return render_record_offline(request, round_, file_form=file_form, file_problems=problems)
    except services.FeedbackError as error:
        return render_record_offline(request, round_, file_form=file_form, file_problems=[("", str(error))])
    messages.success(
        request,
        _(
            "The questionnaire of %(name)s is recorded as their written submission, with the file kept as the "
            "original. The participant sees it in their dashboard; the Chair sees it only under a pseudonym."
        )
        % {"name": participant.full_name},
    )
    return redirect("feedback:record_offline", round_id=round_.pk)
