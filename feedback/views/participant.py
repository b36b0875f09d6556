"""The participant's pages: the dashboard, the questionnaire (plain form posts) and its autosave endpoint."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult.meetings.selectors import open_polls_for
from consult.models import QuestionKind, Round
from consult.selectors import access_round
from feedback import conditions, selectors, services
from feedback.forms import FIELD_PREFIX, AnswerForm, QuestionnaireUploadForm
from feedback.models import Answer, Submission, SubmissionState
from feedback.templatetags.feedback_tags import zoned
from feedback.views.answer_files import private_file
from participants.permissions import approved_participant, participant_required


@participant_required
def participant_dashboard(request: HttpRequest) -> HttpResponse:
    dashboard = selectors.participant_dashboard(request.user)
    polls = open_polls_for(approved_participant(request.user))
    return render(request, "feedback/participant_dashboard.html", {"dashboard": dashboard, "polls": polls})


def _version(request: HttpRequest) -> int:
    try:
        return max(int(request.POST.get("version", services.NEW)), 0)
    except ValueError:
        return services.NEW


def _storage_key(request: HttpRequest, round_: Round) -> str:
    """Where this browser keeps unsaved answers: per round and per user, without naming the user."""
    return f"feedback-draft:{round_.pk}:{salted_hmac('feedback.local-draft', request.user.pk).hexdigest()[:16]}"


class AnswerPage:
    """Everything the questionnaire page needs, from the round and the participant's own response."""

    def __init__(self, request: HttpRequest, round_id: int) -> None:
        self.request = request
        self.round = access_round(request.user, round_id)
        self.participant = approved_participant(request.user)
        self.questions = selectors.questions(self.round)
        self.accepting = self.round.accepts_answers(timezone.now())

    @cached_property
    def submission(self) -> Submission | None:
        return selectors.own_submission(self.participant, self.round)

    @property
    def needs_confirmation(self) -> bool:
        return self.submission is None or self.submission.personal_capacity_confirmed_at is None

    def form(self, data: Any = None, files: Any = None) -> AnswerForm:
        """The questionnaire: what was posted, or else the participant's working copy."""
        if data is not None:
            # Of the working copy a posted form reads only the files already given (kept unless replaced):
            # without a file question the response is not read (the autosave's usual case).
            asks_for_files = any(question.kind == QuestionKind.FILE for question in self.questions)
            working = self.submission.working_answers if asks_for_files and self.submission else {}
            return AnswerForm(data, files, questions=self.questions, answers=working)
        working = self.submission.working_answers if self.submission else {}
        return AnswerForm(questions=self.questions, answers=working)

    def answers(self, form: AnswerForm) -> dict[str, Any]:
        """What was posted, each newly chosen file checked, cleaned and kept (a file already given
        stays unless the participant removes it). Raises InvalidAnswers naming refused files."""
        raw = form.raw_answers()
        by_key = {question.key: question for question in self.questions}
        refused = {}
        for key, upload in form.uploads().items():
            try:
                raw[key] = services.store_answer_file(
                    round_=self.round,
                    participant=self.participant,
                    question=by_key[key],
                    filename=upload.name,
                    content=upload.read(settings.ANSWER_FILE_MAX_BYTES + 1),
                )
            except services.FileRefused as error:
                refused[key] = str(error)
        if refused:
            raise services.InvalidAnswers(refused)
        return raw

    def render(self, form: AnswerForm, *, status: int = 200, **extra: Any) -> HttpResponse:
        version = extra.pop("version", self.submission.version if self.submission else services.NEW)
        context = {
            "round": self.round,
            "submission": self.submission,
            "form": form,
            "questions": form.question_fields(),
            "items": form.question_items(),
            "version": version,
            "accepting": self.accepting,
            "needs_confirmation": self.needs_confirmation,
            "storage_key": _storage_key(self.request, self.round),
            "upload_form": extra.pop("upload_form", None) or QuestionnaireUploadForm(),
            **extra,
        }
        return render(self.request, "feedback/answer.html", context, status=status)

    def render_read_only(self) -> HttpResponse:
        submitted = {}
        if self.submission is not None and self.submission.state == SubmissionState.SUBMITTED:
            submitted = dict(Answer.objects.filter(submission=self.submission).values_list("question__key", "value"))
        asked = conditions.asked_keys(self.questions, submitted)
        rows = [
            (
                question,
                submitted.get(question.key),
                question.key in asked,
                conditions.condition_text(question, self.questions),
            )
            for question in self.questions
        ]
        context = {"round": self.round, "submission": self.submission, "rows": rows}
        return render(self.request, "feedback/answer_read_only.html", context)


@participant_required
def answer(request: HttpRequest, round_id: int) -> HttpResponse:
    page = AnswerPage(request, round_id)
    if request.method != "POST":
        return page.render(page.form()) if page.accepting else page.render_read_only()
    form = page.form(request.POST, request.FILES)
    action = request.POST.get("action", "save")
    if action == "discard":
        return _discard(page)
    if action == "submit":
        return _submit(page, form)
    return _save(page, form)


def _refused(page: AnswerPage, form: AnswerForm, error: services.FeedbackError) -> HttpResponse:
    """The service said no: show why, keep everything that was typed on the page (status 200, as Django
    re-renders forms: the message on the page is what matters to a person)."""
    if isinstance(error, services.InvalidAnswers):
        form.show_errors(error.errors)
        return page.render(form, version=_version(page.request), problem=str(error))
    if isinstance(error, services.HiddenAnswersNotConfirmed):
        by_key = {question.key: question for question in page.questions}
        dropped = [by_key[key] for key in error.keys if key in by_key]
        return page.render(form, version=_version(page.request), problem=str(error), dropped=dropped)
    if isinstance(error, services.PersonalCapacityNotConfirmed):
        return page.render(form, version=_version(page.request), problem=str(error), confirmation_error=str(error))
    if isinstance(error, services.VersionConflict):
        return page.render(form, version=error.current_version, conflict=str(error))
    if isinstance(error, services.RoundNotAcceptingAnswers):
        page.accepting = False
        return page.render(form, version=_version(page.request), closed=str(error))
    return page.render(form, status=403, version=_version(page.request), problem=str(error))


def _save(page: AnswerPage, form: AnswerForm) -> HttpResponse:
    try:
        submission = services.save_draft(
            round_id=page.round.pk,
            participant=page.participant,
            answers=page.answers(form),
            version=_version(page.request),
        )
    except services.FeedbackError as error:
        return _refused(page, form, error)
    if submission.state == SubmissionState.SUBMITTED and submission.has_unsubmitted_changes:
        note = _("Your changes are saved but not submitted yet: your earlier submitted response still stands.")
    else:
        note = _("Your draft is saved. Come back to it any time before %(deadline)s.") % {
            "deadline": zoned(page.round.closes_at)
        }
    messages.success(page.request, note)
    return redirect("feedback:answer", round_id=page.round.pk)


def _submit(page: AnswerPage, form: AnswerForm) -> HttpResponse:
    try:
        result = services.submit_response(
            round_id=page.round.pk,
            participant=page.participant,
            answers=page.answers(form),
            version=_version(page.request),
            confirm_personal_capacity=page.request.POST.get("confirm") == "yes",
            discard_hidden=page.request.POST.get("discard_hidden", "").split(),
        )
    except services.FeedbackError as error:
        return _refused(page, form, error)
    deadline = zoned(page.round.closes_at)
    if result.changed:
        messages.success(
            page.request,
            _(
                "Thank you: your response to “%(round)s” is submitted. You can change it "
                "and submit again until %(deadline)s."
            )
            % {"round": page.round.title, "deadline": deadline},
        )
    else:
        messages.info(page.request, _("Your response was already submitted; nothing has changed."))
    return redirect("feedback:participant_dashboard")


def _discard(page: AnswerPage) -> HttpResponse:
    try:
        services.discard_changes(round_id=page.round.pk, participant=page.participant, version=_version(page.request))
    except services.FeedbackError as error:
        return _refused(page, page.form(page.request.POST), error)
    messages.info(page.request, _("Your unsubmitted changes were discarded: the form shows your submitted response."))
    return redirect("feedback:answer", round_id=page.round.pk)


@require_POST
@participant_required
def autosave(request: HttpRequest, round_id: int) -> JsonResponse:
    """Save the working copy while the participant types (JSON for static/js/feedback-answer.js)."""
    page = AnswerPage(request, round_id)
    form = page.form(request.POST)
    try:
        saved = services.autosave_draft(
            round_=page.round,
            participant=page.participant,
            answers=form.raw_answers(),
            version=_version(request),
            questions=page.questions,
        )
    except services.InvalidAnswers as error:
        errors = {f"{FIELD_PREFIX}{key}": message for key, message in error.errors.items()}
        return JsonResponse({"saved": False, "message": str(error), "errors": errors}, status=400)
    except services.VersionConflict as error:
        return JsonResponse(
            {"saved": False, "conflict": True, "message": str(error), "version": error.current_version}, status=409
        )
    except services.RoundNotAcceptingAnswers as error:
        return JsonResponse({"saved": False, "closed": True, "message": str(error)}, status=409)
    except services.FeedbackError as error:
        return JsonResponse({"saved": False, "message": str(error)}, status=403)
    return JsonResponse(_saved_payload(saved))


def _saved_payload(saved: services.SavedDraft) -> dict[str, Any]:
    saved_at = timezone.localtime(saved.updated_at)
    return {
        "saved": True,
        "version": saved.version,
        "saved_at": saved_at.strftime("%H:%M"),
        "message": _("Saved %(time)s") % {"time": saved_at.strftime("%H:%M")},
        "unsubmitted_changes": saved.unsubmitted_changes,
        "dashboard": reverse("feedback:participant_dashboard"),
    }


@participant_required
def own_answer_file(request: HttpRequest, round_id: int, token: uuid.UUID) -> FileResponse:
    """The participant's own file, as it was kept (cleaned of its metadata): theirs alone to download."""
    round_ = access_round(request.user, round_id)
    answer_file = services.own_file(participant=approved_participant(request.user), token=token)
    if answer_file.round_id != round_.pk:
        raise Http404
    return private_file(
        answer_file.file, answer_file.content_type, f"your-file.{answer_file.file.name.rsplit('.', 1)[-1]}"
    )
