"""Files for the `file` question tests: images and PDFs that carry the metadata a tester's file would."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
ARTIST, MAKE, MODEL, SOFTWARE = 0x013B, 0x010F, 0x0110, 0x0131


def image_with_exif(fmt: str = "JPEG", size: tuple[int, int] = (40, 30)) -> bytes:
    """A photo-like image whose EXIF names its author, camera and the place it was taken."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ARTIST] = "Jane Tester"
    exif[MAKE] = "CameraMaker"
    exif[MODEL] = "Model X100"
    exif[SOFTWARE] = "ScreenGrab 9"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (46.0, 12.0, 30.0), 3: "E", 4: (6.0, 8.0, 15.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def pdf_with_metadata() -> bytes:
    """A one-page PDF whose document information names its author."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Jane Tester", "/Producer": "SecretOffice 1.0", "/Title": "Bug report of Jane"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png() -> bytes:
    return image_with_exif("PNG")
