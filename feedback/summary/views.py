"""The Chair's summary pages: generate with progress, review highlights, edit, gate, approve, export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from consult.models import Round
from consult.selectors import access_round
from feedback import generation
from feedback.meeting_notes import summary as meeting_notes
from feedback.models import GenerationStatus, Summary
from feedback.selectors import released_submissions
from feedback.summary import services, writers
from feedback.summary.content import other_points, themes_with_quotes
from participants.permissions import chair_required


class NarrativeForm(forms.Form):
    narrative = forms.CharField(
        label=gettext_lazy("Chair's narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Your overview for the WGTR report. Do not name participants, their States or organisations: "
            "the leak gate checks every save."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def _summary_for(request: HttpRequest, round_id: int) -> tuple:
    round_ = access_round(request.user, round_id)
    return round_, Summary.objects.filter(round=round_).first()


def _current_respondents(round_: Round) -> int:
    return released_submissions(round_).count()


@chair_required
def summary_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_, summary = _summary_for(request, round_id)
    context = {"round": round_, "summary": summary, "formats": writers.FORMATS}
    if summary is not None and summary.generation_status == GenerationStatus.DONE:
        report = services.gate_report(summary)
        leaks = report.leaks
        context.update(
            content=summary.content,
            leaks=leaks,
            narrative_form=NarrativeForm(initial={"narrative": summary.narrative, "version": summary.version}),
            new_respondents=_current_respondents(round_) - summary.content.get("respondents", 0),
            places_left=report.places_left,
            notes_changed=meeting_notes.stale(round_, summary.content),
            flag_count=_flag_count(summary),
            questions=[_for_page(question) for question in summary.content.get("questions", [])],
        )
    return render(request, "feedback/summary/summary_detail.html", context)


def _flag_count(summary: Summary) -> int:
    """Words the anonymizer was unsure about, left for the Chair to check."""
    return sum(
        len(group.get("flags", []))
        for question in summary.content.get("questions", [])
        for group in question.get("groups", [])
    )


def _for_page(question: dict) -> dict:
    """A question with its themes' quotes and its other points resolved to texts, for the template."""
    return {**question, "themed": themes_with_quotes(question), "other_points": other_points(question)}


@chair_required
def summary_progress(request: HttpRequest, round_id: int) -> JsonResponse:
    _round, summary = _summary_for(request, round_id)
    if summary is None:
        raise Http404
    return generation.progress(summary)


@require_POST
@chair_required
def summary_generate(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access_round(request.user, round_id)
    try:
        services.request_summary(round_id=round_.pk, by=request.user)
    except services.SummaryError as error:
        messages.error(request, str(error))
    else:
        messages.info(request, _("The summary is being generated. This page shows its progress."))
    return redirect("summary:detail", round_id=round_.pk)


@require_POST
@chair_required
def summary_edit(request: HttpRequest, round_id: int) -> HttpResponse:
    _round, summary = _summary_for(request, round_id)
    if summary is None:
        raise Http404
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The narrative could not be saved: reload the page and try again."))
        return redirect("summary:detail", round_id=round_id)
    return _save(request, summary, form.cleaned_data["version"], narrative=form.cleaned_data["narrative"])


@chair_required
def summary_edit_question(request: HttpRequest, round_id: int, number: int) -> HttpResponse:
    """Shorten or remove the quoted answers of one question (each distinct answer once)."""
    round_, summary = _summary_for(request, round_id)
    if summary is None or summary.generation_status != GenerationStatus.DONE:
        raise Http404
    questions = summary.content.get("questions", [])
    question = next((q for q in questions if q["number"] == number), None)
    if question is None:
        raise Http404
    if request.method == "POST":
        edits = {
            group["id"]: "" if request.POST.get(f"remove-{group['id']}") else request.POST.get(group["id"], "")
            for group in question.get("groups", [])
            if group["id"] in request.POST or request.POST.get(f"remove-{group['id']}")
        }
        version = int(request.POST.get("version", 0))
        return _save(request, summary, version, excerpts=edits)
    context = {"round": round_, "summary": summary, "question": question, "groups": _placed_groups(question)}
    return render(request, "feedback/summary/summary_edit_question.html", context)


def _placed_groups(question: dict) -> list[tuple[dict, str]]:
    """Each distinct answer with where the summary shows it."""
    where = {
        group_id: _("Quoted under “%(theme)s”") % {"theme": theme["name"]}
        for theme in question.get("themes", [])
        for group_id in theme["quotes"]
    }
    where.update({group_id: _("Among the other points") for group_id in question.get("points", [])})
    return [(group, where.get(group["id"], _("In the appendix only"))) for group in question.get("groups", [])]


@require_POST
@chair_required
def summary_appendix(request: HttpRequest, round_id: int) -> HttpResponse:
    _round, summary = _summary_for(request, round_id)
    if summary is None:
        raise Http404
    include = request.POST.get("include") == "1"
    try:
        services.set_appendix(summary_id=summary.pk, by=request.user, include=include)
    except services.SummaryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Every anonymized answer is now added as an appendix.")
            if include
            else _("The appendix of every answer is off."),
        )
    return redirect("summary:detail", round_id=round_id)


def _save(request: HttpRequest, summary: Summary, version: int, **changes: object) -> HttpResponse:
    try:
        result = services.save_edits(summary_id=summary.pk, by=request.user, expected_version=version, **changes)
    except services.SummaryError as error:
        messages.error(request, str(error))
    else:
        if result.leaks:
            messages.warning(
                request,
                _("Saved, but the leak gate found identifying details: approval is blocked until they are removed."),
            )
        else:
            messages.success(request, _("Saved. The leak gate found nothing identifying."))
    return redirect("summary:detail", round_id=summary.round_id)


def _transition(request: HttpRequest, round_id: int, action: str) -> HttpResponse:
    _round, summary = _summary_for(request, round_id)
    if summary is None:
        raise Http404
    done = {
        "approve": _("Approved. The consultation is now marked as summarised; export the summary for the report."),
        "reopen": _("The summary is a draft again: you can edit it, then approve it once more."),
        "publish": _("Marked as published in the Working Group's report."),
    }
    try:
        getattr(services, action)(summary_id=summary.pk, by=request.user)
    except services.SummaryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done[action])
    return redirect("summary:detail", round_id=round_id)


@require_POST
@chair_required
def summary_approve(request: HttpRequest, round_id: int) -> HttpResponse:
    """Approve; with an empty narrative or words left to check, first a page saying so (then approve anyway)."""
    round_, summary = _summary_for(request, round_id)
    if summary is not None and summary.generation_status == GenerationStatus.DONE and not request.POST.get("confirmed"):
        flags, empty = _flag_count(summary), not summary.narrative.strip()
        if flags or empty:
            context = {"round": round_, "summary": summary, "flag_count": flags, "empty_narrative": empty}
            return render(request, "feedback/summary/summary_approve.html", context)
    return _transition(request, round_id, "approve")


@require_POST
@chair_required
def summary_reopen(request: HttpRequest, round_id: int) -> HttpResponse:
    return _transition(request, round_id, "reopen")


@require_POST
@chair_required
def summary_publish(request: HttpRequest, round_id: int) -> HttpResponse:
    return _transition(request, round_id, "publish")


@chair_required
def summary_export(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    round_, summary = _summary_for(request, round_id)
    if summary is None or fmt not in writers.FORMATS:
        raise Http404
    try:
        data = services.export(summary=summary, fmt=fmt, by=request.user)
    except services.SummaryError as error:
        messages.error(request, str(error))
        return redirect("summary:detail", round_id=round_id)
    state = "" if summary.state != "draft" else "-draft"
    filename = f"summary-{slugify(round_.title)[:60] or round_.pk}{state}.{fmt}"
    return generation.download(data, writers.CONTENT_TYPES[fmt], filename)
