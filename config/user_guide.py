"""The user guides of docs/guide/, served by the site itself so the footer's link works out of the box.

The guides are Markdown files kept beside the code (the browser tests retake their pictures), so what
a user reads always matches the version installed. They describe the product, not anyone's data, so
they are public. A deployment that publishes them elsewhere sets USER_GUIDE_URL instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"
PAGES = {"": "README.md", "expert": "expert.md", "secretariat": "secretariat.md", "chair": "chair.md"}
IMAGE_NAME = re.compile(r"^[a-z0-9-]+\.png$")
# Links between guides and to their pictures, as written in the Markdown files.
GUIDE_LINK = re.compile(r'href="(README|expert|secretariat|chair)\.md(#[^"]*)?"')
IMAGE_LINK = re.compile(r'src="img/([a-z0-9-]+\.png)"')
REPOSITORY_LINK = re.compile(r'<a href="(?!https?://|#|/)[^"]*">(.*?)</a>', re.DOTALL)


@lru_cache(maxsize=8)
def _html(name: str, modified: float) -> tuple[str, str]:
    """The page's title and body; cached until the file changes (`modified` is part of the key)."""
    text = (GUIDE_DIR / name).read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "User guide")
    # Markdown's raw HTML is off: the guides are ours, but nothing in a page should depend on that.
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    html = GUIDE_LINK.sub(lambda m: f'href="{_page_url(m.group(1))}{m.group(2) or ""}"', html)
    html = IMAGE_LINK.sub(lambda m: f'src="{reverse("user_guide_image", args=[m.group(1)])}" loading="lazy"', html)
    # Links into the repository (docs pages, source files) mean nothing on the site: keep their text.
    html = REPOSITORY_LINK.sub(r"\1", html)
    return title, html


def _page_url(stem: str) -> str:
    return reverse("user_guide_index") if stem == "README" else reverse("user_guide", args=[stem])


def guide(request: HttpRequest, role: str = "") -> HttpResponse:
    name = PAGES.get(role)
    if name is None:
        raise Http404
    path = GUIDE_DIR / name
    title, body = _html(name, path.stat().st_mtime)
    return render(request, "user_guide.html", {"title": title, "body": mark_safe(body), "role": role})  # noqa: S308 (rendered from our own Markdown with raw HTML off)


def guide_image(request: HttpRequest, name: str) -> FileResponse:
    if not IMAGE_NAME.match(name) or not (GUIDE_DIR / "img" / name).is_file():
        raise Http404
    return FileResponse((GUIDE_DIR / "img" / name).open("rb"), content_type="image/png")
