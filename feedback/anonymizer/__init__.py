"""Anonymize free-text feedback: remove every registered identity and every State (docs/anonymity.md).

Pure Python with no Django or database access; see engine.Anonymizer for the entry point. When a
compiled build of these very sources is there, its modules run instead (see native.py).
"""

from feedback.anonymizer import native

NATIVE = native.activate(__path__)

from feedback.anonymizer.engine import Anonymizer  # noqa: E402  (after the compiled build, if any, is on the path)
from feedback.anonymizer.types import PLACEHOLDERS, Finding, Identity, Redaction  # noqa: E402

__all__ = ["NATIVE", "PLACEHOLDERS", "Anonymizer", "Finding", "Identity", "Redaction"]
