"""The meeting notes page (the Secretariat and the Chair): record the points raised, then approve them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from consult.selectors import access_round
from feedback.meeting_notes import check, services
from feedback.models import MeetingNotes
from feedback.summary.gate import KIND_LABELS
from participants.permissions import chair_required


class NotesForm(forms.Form):
    points = forms.CharField(
        label=gettext_lazy("Points raised at the meeting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "One point per line. Write what was said, never who said it: names, countries and organisations are "
            "replaced before anything is stored, and the leak gate checks the result."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def _round(request: HttpRequest, round_id: int):
    round_ = access_round(request.user, round_id)
    if not round_.is_meeting:
        raise Http404
    return round_


@chair_required
def meeting_notes(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    notes = MeetingNotes.objects.filter(round=round_).first()
    version = notes.version if notes else 1
    form = NotesForm(
        request.POST or None, initial={"points": "\n".join(notes.points) if notes else "", "version": version}
    )
    leaks: list = []
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_points(
                round_id=round_.pk,
                by=request.user,
                points=check.split_points(form.cleaned_data["points"]),
                expected_version=form.cleaned_data["version"],
            )
        except services.NotesBlocked as error:
            leaks = error.leaks
            messages.error(request, str(error))
        except services.NotesError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _saved_message(saved))
            return redirect("feedback:meeting_notes", round_id=round_.pk)
    context = {
        "round": round_,
        "notes": notes,
        "form": form,
        "leaks": leaks,
    }
    return render(request, "feedback/meeting_notes.html", context)


def _saved_message(saved: services.NotesSaved) -> str:
    if not saved.replaced:
        return _("Saved. The leak gate found nothing identifying.")
    kinds = ", ".join(str(KIND_LABELS.get(kind, kind)) for kind in sorted(saved.replaced))
    count = sum(saved.replaced.values())
    return ngettext(
        "Saved. %(n)s identifying detail was replaced (%(kinds)s): check the highlighted placeholders read well.",
        "Saved. %(n)s identifying details were replaced (%(kinds)s): check the highlighted placeholders read well.",
        count,
    ) % {"n": count, "kinds": kinds}


def _transition(request: HttpRequest, round_id: int, action: str) -> HttpResponse:
    round_ = _round(request, round_id)
    try:
        if action == "approve":
            services.approve_notes(round_id=round_.pk, by=request.user)
        else:
            services.reopen_notes(round_id=round_.pk, by=request.user)
    except services.NotesError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Approved: the points appear in the round's summary the next time it is generated.")
            if action == "approve"
            else _("The notes are a draft again."),
        )
    return redirect("feedback:meeting_notes", round_id=round_.pk)


@require_POST
@chair_required
def meeting_notes_approve(request: HttpRequest, round_id: int) -> HttpResponse:
    return _transition(request, round_id, "approve")


@require_POST
@chair_required
def meeting_notes_reopen(request: HttpRequest, round_id: int) -> HttpResponse:
    return _transition(request, round_id, "reopen")
