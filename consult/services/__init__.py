"""Every write of the consult app: keyword-only, atomic, locked, checked, audited.

Import from here; the modules are split by subject only to keep each one small.
"""

from consult.services.clock import advance_rounds
from consult.services.definitions import create_round_from_definition
from consult.services.documents import (
    DocumentRefused,
    RoundTakesNoDocuments,
    add_document,
    add_document_version,
    record_download,
    remove_document,
)
from consult.services.feeds import reset_feed_token
from consult.services.questions import (
    QuestionAnswered,
    QuestionInvalid,
    QuestionnaireClosed,
    QuestionNeeded,
    add_question,
    copy_questionnaire,
    delete_question,
    move_question,
    new_question_version,
    retire_question,
    revise_question,
    update_question,
)
from consult.services.rounds import (
    CycleCapReached,
    RoundError,
    RoundInvalid,
    RoundNotCancellable,
    RoundNotClosed,
    RoundNotDraft,
    RoundNotEditable,
    RoundNotOpen,
    RoundNotScheduled,
    cancel_round,
    close_round,
    create_round,
    mark_round_summarised,
    open_round,
    schedule_round,
    update_round,
)
from consult.services.setup import CycleInvalid, save_att_meeting, save_cycle, save_tool
from consult.services.subscriptions import save_subscription

__all__ = [
    "CycleCapReached",
    "CycleInvalid",
    "DocumentRefused",
    "QuestionAnswered",
    "QuestionInvalid",
    "QuestionNeeded",
    "QuestionnaireClosed",
    "RoundError",
    "RoundInvalid",
    "RoundNotCancellable",
    "RoundNotClosed",
    "RoundNotDraft",
    "RoundNotEditable",
    "RoundNotOpen",
    "RoundNotScheduled",
    "RoundTakesNoDocuments",
    "add_document",
    "add_document_version",
    "add_question",
    "advance_rounds",
    "cancel_round",
    "close_round",
    "copy_questionnaire",
    "create_round",
    "create_round_from_definition",
    "delete_question",
    "mark_round_summarised",
    "move_question",
    "new_question_version",
    "open_round",
    "record_download",
    "remove_document",
    "reset_feed_token",
    "retire_question",
    "revise_question",
    "save_att_meeting",
    "save_cycle",
    "save_subscription",
    "save_tool",
    "schedule_round",
    "update_question",
    "update_round",
]
