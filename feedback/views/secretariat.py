"""The Secretariat's pages: reminders, recording written submissions, and the audited identity reveal."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from consult import notifications
from consult.models import Round, RoundState
from consult.selectors import access_round, eligible_participants
from feedback import selectors, services
from feedback.forms import OfflineQuestionnaireForm, OfflineSubmissionForm
from participants.permissions import secretariat_required


@require_POST
@secretariat_required
def send_reminders(request: HttpRequest, round_id: int) -> HttpResponse:
    """One click: e-mail every eligible participant who has not submitted (through the worker)."""
    round_ = access_round(request.user, round_id)
    if round_.state != RoundState.OPEN:
        messages.error(request, _("Reminders go out only while a consultation is open."))
        return redirect("feedback:round_progress", round_id=round_.pk)
    count = notifications.queue_reminders(round_id=round_.pk, by=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)d participant who has not submitted yet.",
                "Reminders are on their way to %(count)d participants who have not submitted yet.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Nobody needed a reminder: every eligible participant has submitted or opted out."))
    return redirect("feedback:round_progress", round_id=round_.pk)


def render_record_offline(
    request: HttpRequest,
    round_: Round,
    *,
    form: OfflineSubmissionForm | None = None,
    file_form: OfflineQuestionnaireForm | None = None,
    **extra: object,
) -> HttpResponse:
    """The written-answer page: type the answers in, or record a filled questionnaire file."""
    eligible = eligible_participants(round_)
    form = form or OfflineSubmissionForm(questions=selectors.questions(round_), eligible=eligible)
    context = {
        "round": round_,
        "form": form,
        "file_form": file_form or OfflineQuestionnaireForm(eligible=eligible),
        "recordable": round_.state in (RoundState.OPEN, RoundState.CLOSED),
        "questions": form.question_fields(),
        **extra,
    }
    return render(request, "feedback/record_offline.html", context)


@secretariat_required
def record_offline(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access_round(request.user, round_id)
    recordable = round_.state in (RoundState.OPEN, RoundState.CLOSED)
    questions = selectors.questions(round_)
    eligible = eligible_participants(round_)
    form = OfflineSubmissionForm(request.POST or None, request.FILES or None, questions=questions, eligible=eligible)
    if request.method == "POST" and recordable and form.is_valid():
        try:
            submission = services.record_offline_submission(
                round_id=round_.pk,
                participant_id=form.cleaned_data["participant"].pk,
                answers=form.raw_answers(),
                original_file=form.cleaned_data.get("original_file"),
                by=request.user,
            )
        except services.InvalidAnswers as error:
            form.show_errors(error.errors)
        except services.FeedbackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The written submission of %(name)s is recorded as submitted. The participant sees it in their "
                    "dashboard; the Chair sees it only as %(label)s."
                )
                % {"name": form.cleaned_data["participant"].full_name, "label": submission.label},
            )
            return redirect("feedback:record_offline", round_id=round_.pk)
    return render_record_offline(request, round_, form=form)


@secretariat_required
def respondents(request: HttpRequest, round_id: int) -> HttpResponse:
    """Who answered: shown only after an explicit, audited "Reveal identities" (a POST)."""
    round_ = access_round(request.user, round_id)
    revealed = None
    if request.method == "POST":
        pseudonym = request.POST.get("pseudonym")
        revealed = services.reveal_identities(
            round_id=round_.pk, by=request.user, pseudonym=int(pseudonym) if pseudonym and pseudonym.isdigit() else None
        )
    return render(
        request,
        "feedback/respondents.html",
        {"round": round_, "revealed": revealed, "single": bool(request.POST.get("pseudonym"))},
    )


@secretariat_required
def original_file(request: HttpRequest, round_id: int, pseudonym: int) -> FileResponse:
    """The e-mailed file of an offline submission (it names its author: recorded as a reveal)."""
    round_ = access_round(request.user, round_id)
    submission = services.open_original_file(round_id=round_.pk, pseudonym=pseudonym, by=request.user)
    response = FileResponse(
        submission.original_file.open("rb"),
        as_attachment=True,
        filename=submission.original_name or f"submission-{pseudonym}",
    )
    response["Cache-Control"] = "no-store"  # it names its author: no copy in any cache
    return response
