"""What can go wrong in the Chair's analysis, each with a message that says what to do."""

from __future__ import annotations

from django.utils.translation import gettext as _

from participants.domain_errors import DomainError
from participants.import_errors import RowError


class AnalysisError(DomainError):
    """An analysis action that cannot be done; the message says why and what to do."""


class ThemeNameTaken(AnalysisError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _("This consultation already has a theme called “%(name)s”: choose another name, or merge the two.")
            % {"name": name}
        )


class ThemeNameMissing(AnalysisError):
    def __init__(self) -> None:
        super().__init__(_("Give the theme a short name."))


class NotAFreeTextQuestion(AnalysisError):
    def __init__(self) -> None:
        super().__init__(_("Themes are given to free-text answers only."))


class AnswerNotFound(AnalysisError):
    def __init__(self) -> None:
        super().__init__(_("There is no submitted free-text answer to code here: it may have been withdrawn."))


class ThemeNotInRound(AnalysisError):
    def __init__(self) -> None:
        super().__init__(_("One of the themes is not in this consultation's codebook (it may have been deleted)."))


class ThemeOfAnotherQuestion(AnalysisError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _("The theme “%(name)s” belongs to another question: untie it from its question to use it here.")
            % {"name": name}
        )


class TooManyQuotes(AnalysisError):
    def __init__(self, limit: int) -> None:
        super().__init__(_("Pick at most %(limit)s quotes per theme and question.") % {"limit": limit})


class NothingChosen(AnalysisError):
    def __init__(self) -> None:
        super().__init__(_("Tick at least one suggestion first."))


class CodingFileRejected(AnalysisError):
    """The coded-data file has problems: nothing was imported. `errors` names each row."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        count = len(errors)
        super().__init__(
            _("Nothing was imported: the file has %(count)s problem(s). Fix them and import it again.")
            % {"count": count}
        )
