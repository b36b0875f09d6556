"""Every write of the feedback app (docs/architecture.md): answering, offline recording and import, identity reveal."""

from feedback.services.answering import (
    NEW,
    SavedDraft,
    Submitted,
    autosave_draft,
    discard_changes,
    save_draft,
    submit_response,
)
from feedback.services.errors import (
    FeedbackError,
    HiddenAnswersNotConfirmed,
    ImportRejected,
    InvalidAnswers,
    NotEligible,
    PersonalCapacityNotConfirmed,
    RoundNotAcceptingAnswers,
    RoundNotRecordable,
    RowError,
    VersionConflict,
)
from feedback.services.exporting import ExportFile, export_answers, export_answers_with_identities
from feedback.services.identity import Revealed, open_original_file, reveal_identities
from feedback.services.offline import (
    ImportReport,
    ImportRow,
    check_offline_submission,
    import_feedback,
    record_offline_submission,
)
from feedback.services.questionnaire_files import (
    DraftFromFile,
    export_questionnaire,
    fill_draft_from_file,
    participant_with_email,
    read_questionnaire,
    record_offline_from_file,
)

__all__ = [
    "NEW",
    "DraftFromFile",
    "ExportFile",
    "FeedbackError",
    "HiddenAnswersNotConfirmed",
    "ImportRejected",
    "ImportReport",
    "ImportRow",
    "InvalidAnswers",
    "NotEligible",
    "PersonalCapacityNotConfirmed",
    "Revealed",
    "RoundNotAcceptingAnswers",
    "RoundNotRecordable",
    "RowError",
    "SavedDraft",
    "Submitted",
    "VersionConflict",
    "autosave_draft",
    "check_offline_submission",
    "discard_changes",
    "export_answers",
    "export_answers_with_identities",
    "export_questionnaire",
    "fill_draft_from_file",
    "import_feedback",
    "open_original_file",
    "participant_with_email",
    "read_questionnaire",
    "record_offline_from_file",
    "record_offline_submission",
    "reveal_identities",
    "save_draft",
    "submit_response",
]
