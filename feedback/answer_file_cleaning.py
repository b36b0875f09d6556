"""Files given in answer to a `file` question: checked by content and cleaned of their metadata.

A screenshot or a photo can carry who took it and where (EXIF: GPS position, camera, author,
software), a PDF its author and producer. Nothing of that is stored: images are decoded and
written again from their pixels alone (PNG stays PNG, JPEG stays JPEG); a PDF's pages are copied
into a new document without the document information dictionary, the XMP metadata stream,
attachments or scripts. A PDF that cannot be read that way (encrypted, damaged) is refused rather
than kept as it came. Pure: bytes in, cleaned bytes out (or FileRefused).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from consult.documents import DocumentRefused, check_upload

IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "PDF": "application/pdf"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "PDF": "pdf"}
# A page may carry its own XMP stream and application data: dropped with the document's.
PAGE_METADATA_KEYS = ("/Metadata", "/PieceInfo")


class FileRefused(ValueError):
    """The file is not one we accept or cannot be cleaned; the message says what to do."""


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    extension: str
    content_type: str


def clean_answer_file(*, filename: str, content: bytes, max_bytes: int) -> CleanFile:
    """The file without its metadata, or FileRefused saying why it was not accepted."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if extension == "pdf":
        try:
            check_upload(filename=filename, content=content, max_bytes=max_bytes)
        except DocumentRefused as exc:
            raise FileRefused(str(exc)) from None
        return _clean_pdf(filename, content)
    if extension not in IMAGE_FORMATS:
        raise FileRefused(
            _("%(name)s is not an accepted type. Give a screenshot or photo (PNG or JPEG) or a PDF.")
            % {"name": filename}
        )
    if not content:
        raise FileRefused(_("%(name)s is empty.") % {"name": filename})
    if len(content) > max_bytes:
        raise FileRefused(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": filename, "size": filesizeformat(len(content)), "limit": filesizeformat(max_bytes)}
        )
    return _clean_image(filename, content)


def _clean_image(filename: str, content: bytes) -> CleanFile:
    not_an_image = FileRefused(
        _("%(name)s does not contain a PNG or JPEG image, whatever its name says. Check the file and give it again.")
        % {"name": filename}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format not in CONTENT_TYPES:
                    raise not_an_image
                image_format = image.format
                image = ImageOps.exif_transpose(image)  # keep what the photo showed, upright
                mode = (
                    "RGB"
                    if image_format == "JPEG"
                    else ("RGBA" if image.mode not in ("RGB", "L", "LA") else image.mode)
                )
                if image_format == "JPEG" and image.mode == "L":
                    mode = "L"
                pixels = image.convert(mode)
                # A new image from the pixels alone: no EXIF, XMP, ICC profile, text chunks or comments.
                bare = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise not_an_image from None
    out = io.BytesIO()
    if image_format == "JPEG":
        bare.save(out, format="JPEG", quality=90)
    else:
        bare.save(out, format="PNG", optimize=True)
    return CleanFile(out.getvalue(), EXTENSIONS[image_format], CONTENT_TYPES[image_format])


def _clean_pdf(filename: str, content: bytes) -> CleanFile:
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise FileRefused(
                _("%(name)s is protected by a password and cannot be checked. Give a copy without protection.")
                % {"name": filename}
            )
        writer = PdfWriter()
        for page in reader.pages:
            added = writer.add_page(page)
            for key in PAGE_METADATA_KEYS:
                added.pop(key, None)
        writer.metadata = None  # no document information dictionary at all (author, producer, dates)
        out = io.BytesIO()
        writer.write(out)
    except FileRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        raise FileRefused(
            _("%(name)s could not be read as a PDF, so its hidden details cannot be removed. Save it again as PDF.")
            % {"name": filename}
        ) from None
    return CleanFile(out.getvalue(), "pdf", CONTENT_TYPES["PDF"])
