"""The Secretariat's cycle report pages (the Chair reads them), the follow-up pages, and the participants' view."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult.models import Cycle
from feedback import generation
from feedback.report import selectors, services
from feedback.report.compose import Heading, Paragraph, ReportDocument, Table, compose
from feedback.report.forms import FollowUpForm, ReportTextsForm
from feedback.report.models import CycleReport, FollowUp
from feedback.report.writers import CONTENT_TYPES, FORMATS
from participants.permissions import (
    approved_participant,
    chair_required,
    is_secretariat,
    participant_required,
    secretariat_required,
)


@chair_required
def report_list(request: HttpRequest) -> HttpResponse:
    context = {"cycles": selectors.cycles_with_reports(), "can_edit": is_secretariat(request.user)}
    return render(request, "feedback/report/report_list.html", context)


def _report_for(cycle_id: int) -> tuple[Cycle, CycleReport | None]:
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    return cycle, CycleReport.objects.filter(cycle=cycle).first()


@chair_required
def report_detail(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle, report = _report_for(cycle_id)
    context = {"cycle": cycle, "report": report, "formats": FORMATS, "can_edit": is_secretariat(request.user)}
    if report is not None and report.is_ready:
        review = services.gate_report(report)
        document = ReportDocument(report.content, report.introduction, report.conclusions, report.state)
        context.update(
            leaks=review.leaks,
            places_left=review.places_left,
            blocks=[(_kind(block), block) for block in compose(document)],
            texts_form=ReportTextsForm(
                initial={
                    "introduction": report.introduction,
                    "conclusions": report.conclusions,
                    "version": report.version,
                }
            ),
        )
    return render(request, "feedback/report/report_detail.html", context)


def _kind(block: object) -> str:
    return {Heading: "heading", Paragraph: "paragraph", Table: "table"}[type(block)]


@chair_required
def report_progress(request: HttpRequest, cycle_id: int) -> HttpResponse:
    _cycle, report = _report_for(cycle_id)
    if report is None:
        raise Http404
    return generation.progress(report)


@require_POST
@secretariat_required
def report_generate(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    try:
        services.request_report(cycle_id=cycle.pk, by=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.info(request, _("The report is being generated with today's figures. This page shows its progress."))
    return redirect("report:detail", cycle_id=cycle.pk)


@require_POST
@secretariat_required
def report_texts(request: HttpRequest, cycle_id: int) -> HttpResponse:
    _cycle, report = _report_for(cycle_id)
    if report is None:
        raise Http404
    form = ReportTextsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The texts could not be saved: reload the page and try again."))
        return redirect("report:detail", cycle_id=cycle_id)
    try:
        result = services.save_texts(
            report_id=report.pk,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            introduction=form.cleaned_data["introduction"],
            conclusions=form.cleaned_data["conclusions"],
        )
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        if result.leaks:
            messages.warning(
                request,
                _(
                    "Saved, but the leak gate found identifying details: approval and downloads are blocked "
                    "until they are removed."
                ),
            )
        else:
            messages.success(request, _("Saved. The leak gate found nothing identifying."))
    return redirect("report:detail", cycle_id=cycle_id)


def _transition(request: HttpRequest, cycle_id: int, action: str) -> HttpResponse:
    _cycle, report = _report_for(cycle_id)
    if report is None:
        raise Http404
    done = {
        "approve": _("Approved. Download the report for the Secretariat's report to the Working Group."),
        "reopen": _("The report is a draft again: you can edit or regenerate it, then approve it once more."),
    }
    try:
        getattr(services, action)(report_id=report.pk, by=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done[action])
    return redirect("report:detail", cycle_id=cycle_id)


@require_POST
@secretariat_required
def report_approve(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return _transition(request, cycle_id, "approve")


@require_POST
@secretariat_required
def report_reopen(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return _transition(request, cycle_id, "reopen")


@chair_required
def report_export(request: HttpRequest, cycle_id: int, fmt: str) -> HttpResponse:
    cycle, report = _report_for(cycle_id)
    if report is None or fmt not in FORMATS:
        raise Http404
    try:
        data = services.export(report=report, fmt=fmt, by=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect("report:detail", cycle_id=cycle_id)
    draft = "-draft" if report.state == "draft" else ""
    return generation.download(data, CONTENT_TYPES[fmt], f"advisory-group-report-{cycle.name}{draft}.{fmt}")


# --- Follow-up ----------------------------------------------------------------------------------------


@chair_required
def follow_up_list(request: HttpRequest) -> HttpResponse:
    context = {"follow_ups": selectors.follow_ups(), "can_edit": is_secretariat(request.user)}
    return render(request, "feedback/report/follow_up_list.html", context)


@secretariat_required
def follow_up_edit(request: HttpRequest, follow_up_id: int | None = None) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp, pk=follow_up_id) if follow_up_id else None
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.save_follow_up(follow_up_id=follow_up_id, data=form.data_for_service(), by=request.user)
            except services.FollowUpInvalid as invalid:
                for field, message in invalid.errors.items():
                    form.add_error(field, message)
            else:
                messages.success(request, _("Saved. Participants who took part in those consultations now see it."))
                return redirect("report:follow_ups")
    else:
        form = FollowUpForm(initial=_initial(follow_up, request))
    return render(request, "feedback/report/follow_up_form.html", {"form": form, "follow_up": follow_up})


def _initial(follow_up: FollowUp | None, request: HttpRequest) -> dict:
    if follow_up is None:
        return {"rounds": request.GET.getlist("round"), "status": "planned"}
    return {
        "rounds": list(follow_up.rounds.all()),
        "themes": list(follow_up.themes.all()),
        "tool": follow_up.tool,
        "action": follow_up.action,
        "status": follow_up.status,
        "reason": follow_up.reason,
        "completed_on": follow_up.completed_on,
    }


@require_POST
@secretariat_required
def follow_up_delete(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp, pk=follow_up_id)
    services.delete_follow_up(follow_up_id=follow_up.pk, by=request.user)
    messages.success(request, _("The follow-up action was deleted."))
    return redirect("report:follow_ups")


@participant_required
def my_follow_ups(request: HttpRequest) -> HttpResponse:
    participant = approved_participant(request.user)
    context = {"items": selectors.follow_ups_for(participant)}
    return render(request, "feedback/report/my_follow_ups.html", context)
