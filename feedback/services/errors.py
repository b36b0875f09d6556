"""Named domain errors of the feedback services; each carries a message fit to show the user."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from participants.domain_errors import DomainError
from participants.import_errors import RowError


class FeedbackError(DomainError):
    """Base class: `str(error)` is a complete sentence for the person who tried."""


class RoundNotAcceptingAnswers(FeedbackError):
    """The round is not open, or its deadline has passed (the server is the clock)."""

    def __init__(self, *, closes_at: datetime | None = None, not_yet_open: bool = False) -> None:
        self.closes_at = closes_at
        self.not_yet_open = not_yet_open
        if not_yet_open:
            message = _("This consultation is not open for answers yet.")
        else:
            message = _("This consultation is closed: answers can no longer be saved or submitted.")
        super().__init__(message)


class NotEligible(FeedbackError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("This participant may not take part in this consultation."))


class VersionConflict(FeedbackError):
    """Someone (another tab or device) saved this response since the editor loaded it."""

    def __init__(self, *, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            _(
                "This response was changed in another tab or on another device since you opened it. "
                "Nothing was overwritten: reload the page to see the latest answers."
            )
        )


class InvalidAnswers(FeedbackError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(_("Some answers need your attention: see the messages next to the questions."))


class HiddenAnswersNotConfirmed(FeedbackError):
    """Follow-up questions that no longer apply hold answers: the participant must agree to drop them."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys
        super().__init__(
            _(
                "Some of your answers belong to follow-up questions that no longer apply, given your other "
                "answers. They will not be submitted: confirm below, or change your answers to keep them."
            )
        )


class PersonalCapacityNotConfirmed(FeedbackError):
    def __init__(self) -> None:
        super().__init__(_("Confirm that you give these views in your personal expert capacity before you submit."))


class RoundNotRecordable(FeedbackError):
    """Offline submissions are recorded while a round is open or closed, never once summarised."""

    def __init__(self, state: str) -> None:
        self.state = state
        super().__init__(
            _("Written submissions can be recorded only while a consultation is open or closed; this one is %(state)s.")
            % {"state": state}
        )


class ImportRejected(FeedbackError):
    """The file had problems; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(_("Nothing was imported: the file has %(count)s problem(s).") % {"count": len(errors)})
