"""Replies from calendar programs, received through django-anymail's inbound webhook (anymail.signals.inbound).

A calendar program answers an invitation by e-mailing an iTIP METHOD:REPLY to the organizer's
address; the ESP's inbound route posts that e-mail to anymail, which sends the signal handled here.
Anything that is not a usable reply (another kind of e-mail, an unknown event, a reply sent by
someone other than the attendee it speaks for, a broken calendar) is ignored and logged: this
receiver never raises, so the ESP is never asked to retry a message that will never be understood.
"""

from __future__ import annotations

import logging
from typing import Any

from consult.meetings import itip
from consult.meetings.services import Ignored, record_calendar_reply

logger = logging.getLogger("consult.meetings.inbound")


def receive_inbound_email(sender: Any, event: Any, esp_name: str = "", **kwargs: Any) -> None:
    """The anymail `inbound` signal receiver."""
    try:
        handle_message(getattr(event, "message", None), esp_name=esp_name)
    except Exception:
        logger.exception("Inbound e-mail from %s could not be handled; it was ignored.", esp_name or "the ESP")


def handle_message(message: Any, *, esp_name: str = "") -> int:
    """Apply every calendar reply in one inbound e-mail; returns how many changed an answer."""
    if message is None:
        logger.warning("Inbound event from %s without a message: ignored.", esp_name)
        return 0
    if getattr(message, "spam_detected", None):
        logger.warning("Inbound e-mail flagged as spam by %s: ignored.", esp_name)
        return 0
    parts = itip.calendar_parts(message)
    if not parts:
        logger.info("Inbound e-mail without a calendar part (subject %r): not a calendar reply.", message.subject)
        return 0
    sender = message.from_email.addr_spec if message.from_email else ""
    return sum(_apply(part, sender) for part in _distinct(parts))


def _distinct(parts: list[bytes]) -> list[bytes]:
    # Google Calendar sends the same reply twice (body alternative and attachment): read it once.
    return list(dict.fromkeys(parts))


def _apply(part: bytes, sender: str) -> bool:
    try:
        reply = itip.parse_reply(part)
    except itip.MalformedReply as error:
        logger.warning("Malformed calendar reply from %s ignored: %s", sender or "an unknown sender", error)
        return False
    if reply is None:
        logger.info("Calendar e-mail from %s is not a reply (no METHOD:REPLY): ignored.", sender)
        return False
    try:
        result = record_calendar_reply(sender=sender, reply_=reply)
    except Ignored as reason:
        logger.warning("Calendar reply from %s for event %s ignored: %s", sender, reply.uid, reason)
        return False
    logger.info("Calendar reply from %s for event %s recorded: %s.", sender, reply.uid, reply.answer)
    return result.changed
