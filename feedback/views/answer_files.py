"""Files given in answer to `file` questions: the Secretariat reviews them and may release a
reviewed copy; the Chair downloads only released copies and otherwise sees that a file was given."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import selectors, services
from participants.permissions import chair_required, is_secretariat, secretariat_required


def private_file(field: Any, content_type: str, filename: str) -> FileResponse:
    """A stored answer file as a download that no cache keeps and no browser sniffs."""
    response = FileResponse(field.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _extension(field: Any) -> str:
    return field.name.rsplit(".", 1)[-1]


@chair_required
def answer_files(request: HttpRequest, round_id: int) -> HttpResponse:
    """The files of submitted responses. The Secretariat sees each file and can release a reviewed copy;
    the Chair sees only which respondents gave a file and the copies released."""
    round_ = selectors.readable_round(request.user, round_id)
    secretariat = is_secretariat(request.user)
    rows = [
        {"pseudonym": pseudonym, "question": question, "file": item}
        for pseudonym, question, item in services.submitted_files(
            round_, among=None if secretariat else selectors.linkable_submissions(round_)
        )
    ]
    context = {
        "round": round_,
        "rows": rows,
        "secretariat": secretariat,
        "released_count": sum(1 for row in rows if row["file"].released),
    }
    return render(request, "feedback/answer_files.html", context)


@secretariat_required
def answer_file_original(request: HttpRequest, round_id: int, token: uuid.UUID) -> FileResponse:
    """The file as the participant gave it (cleaned of metadata): the Secretariat only, audited."""
    round_ = selectors.readable_round(request.user, round_id)
    answer_file = services.open_answer_file(round_=round_, token=token, by=request.user)
    return private_file(answer_file.file, answer_file.content_type, f"file-{token}.{_extension(answer_file.file)}")


@chair_required
def answer_file_reviewed(request: HttpRequest, round_id: int, token: uuid.UUID) -> FileResponse:
    """The reviewed copy the Secretariat released; 404 while there is none."""
    round_ = selectors.readable_round(request.user, round_id)
    answer_file = services.released_file(round_, token)
    return private_file(
        answer_file.released, answer_file.released_content_type, f"reviewed-{token}.{_extension(answer_file.released)}"
    )


@require_POST
@secretariat_required
def answer_file_release(request: HttpRequest, round_id: int, token: uuid.UUID) -> HttpResponse:
    round_ = selectors.readable_round(request.user, round_id)
    upload = request.FILES.get("reviewed")
    if upload is None:
        messages.error(request, _("Choose the reviewed copy to release (a PNG, JPEG or PDF file)."))
        return redirect("feedback:answer_files", round_id=round_.pk)
    try:
        services.release_answer_file(
            round_=round_,
            token=token,
            by=request.user,
            filename=upload.name,
            content=upload.read(settings.ANSWER_FILE_MAX_BYTES + 1),
        )
    except services.FileRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The reviewed copy is released: the Chair can now download it."))
    return redirect("feedback:answer_files", round_id=round_.pk)


@require_POST
@secretariat_required
def answer_file_withdraw(request: HttpRequest, round_id: int, token: uuid.UUID) -> HttpResponse:
    round_ = selectors.readable_round(request.user, round_id)
    services.withdraw_answer_file(round_=round_, token=token, by=request.user)
    messages.success(request, _("The reviewed copy is withdrawn: the Chair sees again only that a file was given."))
    return redirect("feedback:answer_files", round_id=round_.pk)
