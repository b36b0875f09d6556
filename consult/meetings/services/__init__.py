"""Every write about meetings: keyword-only, atomic, locked, checked, audited (import from here)."""

from consult.meetings.services.attendance import AttendanceError, record_attendance, set_capacity
from consult.meetings.services.polls import (
    PollClosed,
    PollError,
    PollInvalid,
    PollNotDecidable,
    PollNotEligible,
    answer_poll,
    cancel_poll,
    close_poll,
    close_polls_due,
    decide_poll,
    open_poll,
)
from consult.meetings.services.replies import (
    Ignored,
    NotInvited,
    RepliesClosed,
    ReplyError,
    ReplyResult,
    accepts_replies,
    record_calendar_reply,
    reply,
)

__all__ = [
    "AttendanceError",
    "Ignored",
    "NotInvited",
    "PollClosed",
    "PollError",
    "PollInvalid",
    "PollNotDecidable",
    "PollNotEligible",
    "RepliesClosed",
    "ReplyError",
    "ReplyResult",
    "accepts_replies",
    "answer_poll",
    "cancel_poll",
    "close_poll",
    "close_polls_due",
    "decide_poll",
    "open_poll",
    "record_attendance",
    "record_calendar_reply",
    "reply",
    "set_capacity",
]
