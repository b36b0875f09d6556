"""Where Debian's Chromium is, if anywhere (Playwright must never download its own)."""

from __future__ import annotations

import os
import shutil

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit and os.path.exists(explicit):
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser")
