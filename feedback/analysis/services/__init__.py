"""Every write of the Chair's analysis: the codebook, coding, quotes, suggestions, coded-data files."""

from feedback.analysis.services.coding import MAX_QUOTES, set_answer_themes, set_quotes
from feedback.analysis.services.errors import (
    AnalysisError,
    AnswerNotFound,
    CodingFileRejected,
    NotAFreeTextQuestion,
    NothingChosen,
    ThemeNameMissing,
    ThemeNameTaken,
    ThemeNotInRound,
    ThemeOfAnotherQuestion,
    TooManyQuotes,
)
from feedback.analysis.services.files import CodingFile, ImportResult, export_coding, import_coding
from feedback.analysis.services.suggestions import accept_suggestions, compute_suggestions, discard_suggestions
from feedback.analysis.services.themes import create_theme, delete_theme, merge_themes, update_theme

__all__ = [
    "MAX_QUOTES",
    "AnalysisError",
    "AnswerNotFound",
    "CodingFile",
    "CodingFileRejected",
    "ImportResult",
    "NotAFreeTextQuestion",
    "NothingChosen",
    "ThemeNameMissing",
    "ThemeNameTaken",
    "ThemeNotInRound",
    "ThemeOfAnotherQuestion",
    "TooManyQuotes",
    "accept_suggestions",
    "compute_suggestions",
    "create_theme",
    "delete_theme",
    "discard_suggestions",
    "export_coding",
    "import_coding",
    "merge_themes",
    "set_answer_themes",
    "set_quotes",
    "update_theme",
]
