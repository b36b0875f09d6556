"""Documents (§14, §15): the library, uploads and versions, and the only way to download a file."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult import selectors, services
from consult.forms import DocumentForm, DocumentVersionForm, LibraryFilterForm
from consult.models import DocumentDownload, DocumentVersion
from consult.views._access import reader_required
from participants.permissions import is_secretariat, login_required, secretariat_required


@reader_required
def library(request: HttpRequest) -> HttpResponse:
    """Every document the viewer may read, searchable by keyword and filterable by tool, Article, stage, cycle."""
    form = LibraryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.LibraryFilters(
        q=data.get("q") or "",
        tool=data["tool"].pk if data.get("tool") else None,
        article=data.get("article"),
        stage=data.get("stage") or "",
        cycle=data["cycle"].pk if data.get("cycle") else None,
    )
    documents = list(selectors.library(request.user, filters)[:200])
    context = {"form": form, "documents": documents, "filtered": any(value for value in data.values())}
    return render(request, "consult/library.html", context)


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.access_document(request.user, document_id)
    secretariat = is_secretariat(request.user)
    context = {
        "document": document,
        "round": document.round,
        "versions": document.versions.select_related("uploaded_by").order_by("-number"),
        "secretariat": secretariat,
        "downloads": (
            DocumentDownload.objects.filter(version__document=document).select_related("user", "version")[:100]
            if secretariat
            else None
        ),
    }
    return render(request, "consult/document_detail.html", context)


@secretariat_required
def document_add(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.access_round(request.user, round_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_document(
                by=request.user,
                round_id=round_.pk,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                keywords=form.cleaned_data["keywords"],
                filename=upload.name,
                content=upload.read(),
                notify=form.cleaned_data["notify"],
            )
        except services.DocumentRefused as error:
            form.add_error("file", str(error))
        except services.RoundTakesNoDocuments as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%(title)s” added.") % {"title": form.cleaned_data["title"]})
            if "add_another" in request.POST:
                return redirect("consult:document_add", round_id=round_.pk)
            return redirect("consult:round_detail", round_id=round_.pk)
    return render(request, "consult/document_form.html", {"round": round_, "form": form, "document": None})


@secretariat_required
def document_version_add(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.access_document(request.user, document_id)
    form = DocumentVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = services.add_document_version(
                by=request.user,
                document_id=document.pk,
                filename=upload.name,
                content=upload.read(),
                change_note=form.cleaned_data["change_note"],
                notify=form.cleaned_data["notify"],
            )
        except services.DocumentRefused as error:
            form.add_error("file", str(error))
        except services.RoundTakesNoDocuments as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Version %(number)s uploaded. Readers of an earlier version will see it marked “Updated”.")
                % {"number": version.number},
            )
            return redirect("consult:document_detail", document_id=document.pk)
    context = {"round": document.round, "form": form, "document": document}
    return render(request, "consult/document_form.html", context)


@require_POST
@secretariat_required
def document_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    """Withdraw a document and all its versions (for a wrong or sensitive upload)."""
    document = selectors.access_document(request.user, document_id)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Say why the document is removed: the reason is kept in the audit trail."))
        return redirect("consult:document_detail", document_id=document.pk)
    round_ = services.remove_document(by=request.user, document_id=document.pk, reason=reason)
    messages.success(
        request,
        _("“%(title)s” and all its versions are removed. Participants can no longer see it.")
        % {"title": document.title},
    )
    return redirect("consult:round_detail", round_id=round_.pk)


def download_name(version: DocumentVersion) -> str:
    """A safe ASCII file name built from the title, never the uploaded name (which may carry anything)."""
    stem = slugify(version.document.title)[:80] or "document"
    return f"{stem}-v{version.number}.{version.extension}"


def _serve(request: HttpRequest, document_id: int, number: int | None) -> HttpResponse:
    version = selectors.access_version(request.user, document_id, number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    services.record_download(user=request.user, version=version)
    response = FileResponse(
        handle, as_attachment=True, filename=download_name(version), content_type=version.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    """The newest version, for those who may see the round; 404 for everybody else, whatever the URL."""
    return _serve(request, document_id, None)


@login_required
def document_version_download(request: HttpRequest, document_id: int, number: int) -> HttpResponse:
    return _serve(request, document_id, number)
