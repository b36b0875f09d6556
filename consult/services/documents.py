"""Round documents (§14, §15): checked uploads, numbered versions with a change note, the download log."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.documents import DocumentRefused, check_upload
from consult.models import Document, DocumentDownload, DocumentVersion, Round, RoundState
from consult.services._events import announce_on_commit
from participants import audit
from participants.domain_errors import DomainError
from participants.models import User
from participants.permissions import SECRETARIAT
from participants.policy import require

# Participants are told about new documents only once the round is announced and until it closes.
ANNOUNCED_STATES = (RoundState.SCHEDULED, RoundState.OPEN)


class RoundTakesNoDocuments(DomainError):
    def __init__(self, round_: Round) -> None:
        super().__init__(_("“%(title)s” is cancelled: it takes no documents.") % {"title": round_.title})


@transaction.atomic
def add_document(
    *,
    by: User | None,
    round_id: int,
    title: str,
    filename: str,
    content: bytes,
    description: str = "",
    keywords: str = "",
    notify: bool = True,
    now: datetime | None = None,
) -> Document:
    """Attach a new document (version 1) to a round. Raises DocumentRefused, RoundTakesNoDocuments."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if round_.state == RoundState.CANCELLED:
        raise RoundTakesNoDocuments(round_)
    checked = check_upload(filename=filename, content=content, max_bytes=settings.DOCUMENT_MAX_BYTES)
    document = Document.objects.create(
        round=round_, title=title.strip(), description=description.strip(), keywords=keywords.strip(), updated_at=now
    )
    version = _store_version(document, number=1, filename=filename, content=content, checked=checked, by=by, now=now)
    audit.record(actor=by, action="document.add", target=document, round_id=round_.pk, sha256=version.sha256)
    if notify and round_.state in ANNOUNCED_STATES:
        announce_on_commit("documents_updated", round_.pk, document_ids=[document.pk])
    return document


@transaction.atomic
def add_document_version(
    *,
    by: User | None,
    document_id: int,
    filename: str,
    content: bytes,
    change_note: str,
    notify: bool = True,
    now: datetime | None = None,
) -> DocumentVersion:
    """Upload a newer version; readers of an older one see it marked updated. Raises DocumentRefused."""
    require(by, SECRETARIAT)
    now = now or timezone.now()
    document = Document.objects.select_for_update().select_related("round").get(pk=document_id)
    if document.round.state == RoundState.CANCELLED:
        raise RoundTakesNoDocuments(document.round)
    if not change_note.strip():
        raise DocumentRefused(_("Say what changed in this version, so readers know what to look at."))
    checked = check_upload(filename=filename, content=content, max_bytes=settings.DOCUMENT_MAX_BYTES)
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = _store_version(
        document, number=number, filename=filename, content=content, checked=checked, by=by, now=now
    )
    version.change_note = change_note.strip()[:300]
    version.save(update_fields=["change_note"])
    document.updated_at = now
    document.save(update_fields=["updated_at"])
    audit.record(actor=by, action="document.new_version", target=document, version=number, sha256=version.sha256)
    if notify and document.round.state in ANNOUNCED_STATES:
        announce_on_commit("documents_updated", document.round_id, document_ids=[document.pk])
    return version


@transaction.atomic
def update_document(
    *, by: User | None, document_id: int, title: str, description: str = "", keywords: str = ""
) -> Document:
    """Change a document's title, description or keywords (its files change only by a new version).

    Raises DocumentRefused for an empty title."""
    require(by, SECRETARIAT)
    document = Document.objects.select_for_update().get(pk=document_id)
    if not title.strip():
        raise DocumentRefused(_("Give the document a title."))
    before = {"title": document.title, "description": document.description, "keywords": document.keywords}
    document.title, document.description, document.keywords = title.strip(), description.strip(), keywords.strip()
    changed = sorted(field for field, value in before.items() if getattr(document, field) != value)
    document.save(update_fields=["title", "description", "keywords"])
    audit.record(actor=by, action="document.update", target=document, changed=changed)
    return document


def _store_version(document, *, number, filename, content, checked, by, now) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=filename[-200:],
        extension=checked.extension,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_at=now,
        uploaded_by=by if by is not None and by.is_authenticated else None,
    )
    # The stored name is random (models.document_upload_to); the original name is only displayed.
    version.file.save(f"upload.{checked.extension}", ContentFile(content), save=False)
    version.save()
    return version


def record_download(*, user: User, version: DocumentVersion, now: datetime | None = None) -> DocumentDownload:
    """Log who downloaded which version, when (for the Secretariat, and for the "updated" marks)."""
    return DocumentDownload.objects.create(version=version, user=user, at=now or timezone.now())


__all__ = [
    "DocumentRefused",
    "RoundTakesNoDocuments",
    "add_document",
    "add_document_version",
    "record_download",
    "remove_document",
    "update_document",
]


@transaction.atomic
def remove_document(*, by: User, document_id: int, reason: str) -> Round:
    """Withdraw a document with all its versions (a wrong or sensitive file must be removable).

    The files leave the disk once the removal has committed; the audit row keeps the title, the
    number of versions and downloads, and why. Returns the document's round.
    """
    require(by, SECRETARIAT)
    document = Document.objects.select_for_update().select_related("round").get(pk=document_id)
    versions = list(document.versions.all())
    downloads = DocumentDownload.objects.filter(version__document=document).count()
    audit.record(
        actor=by,
        action="document.remove",
        target=document,
        reason=reason.strip(),
        round_id=document.round_id,
        versions=len(versions),
        downloads=downloads,
    )
    files = [(version.file.storage, version.file.name) for version in versions if version.file]
    round_ = document.round
    document.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return round_
