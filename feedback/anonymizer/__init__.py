"""Anonymize free-text feedback: remove every registered identity and every State (docs/anonymity.md).

Pure Python with no Django or database access; see engine.Anonymizer for the entry point.
"""

from feedback.anonymizer.engine import Anonymizer
from feedback.anonymizer.types import PLACEHOLDERS, Finding, Identity, Redaction

__all__ = ["PLACEHOLDERS", "Anonymizer", "Finding", "Identity", "Redaction"]
