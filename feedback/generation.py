"""The background generation shared by the round's summary and the Secretariat's cycle report.

A page asks for a document; `queue` resets its generation fields and the worker's task calls `run`,
which builds the content while writing the percentage done, then `store` saves it. Pages poll
`progress` (static/js/summary-progress.js) and reload when it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from feedback.models import GeneratedDocument, GenerationStatus
from participants.models import User

Document = TypeVar("Document", bound=GeneratedDocument)
Progress = Callable[[int], None]

GENERATION_FIELDS = ["generation_status", "generation_progress", "generation_error", "generated_by"]


def queue(document: GeneratedDocument, *, by: User | None) -> None:
    """Mark the (locked) document as waiting for the worker; the caller queues the task on commit."""
    document.generation_status = GenerationStatus.PENDING
    document.generation_progress = 0
    document.generation_error = ""
    document.generated_by = by
    document.save(update_fields=GENERATION_FIELDS)


def run(model: type[Document], pk: int, build: Callable[[Document, Progress], dict[str, Any]]) -> dict[str, Any]:
    """Build the content of one document, reporting progress; a failure is recorded, then raised again."""
    document = model.objects.get(pk=pk)
    progress_of: models.QuerySet = model.objects.filter(pk=pk)
    progress_of.update(generation_status=GenerationStatus.RUNNING, generation_progress=0)
    try:
        return build(document, lambda percent: progress_of.update(generation_progress=percent))
    except Exception as exc:
        progress_of.update(generation_status=GenerationStatus.FAILED, generation_error=str(exc)[:2000])
        raise


def store(document: GeneratedDocument, content: dict[str, Any]) -> None:
    """Save freshly built content on the (locked) document: ready, and a new version for editors."""
    document.content = content
    document.generation_status = GenerationStatus.DONE
    document.generation_progress = 100
    document.generated_at = timezone.now()
    document.version += 1
    document.save(update_fields=["content", "generation_status", "generation_progress", "generated_at", "version"])


def progress(document: GeneratedDocument) -> JsonResponse:
    """What the progress script polls."""
    return JsonResponse(
        {
            "status": document.generation_status,
            "progress": document.generation_progress,
            "error": document.generation_status == GenerationStatus.FAILED,
        }
    )


def download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A generated document as an attachment (never shown inline)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
