"""How the consult app's actions read in the audit trail (registered in ConsultConfig.ready)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from consult.articles import articles_label
from participants.audit.phrases import Phrase, register


def _scheduled(values: Mapping[str, Any]) -> str:
    if values.get("slot") in ("", "—", None, "None"):
        return str(_("{actor} scheduled and announced “{target}” (a written consultation takes no place)"))
    return str(_("{actor} scheduled and announced “{target}”; it took consultation place {slot} of %(places)s")) % {
        "places": settings.ROUNDS_PER_CYCLE
    }


def _serves(details: Mapping[str, Any]) -> dict[str, str]:
    label = articles_label(details.get("articles") or [])
    return {"serves": f" ({label})" if label else ""}


ROUNDS = {
    "round.create": Phrase(_("Consultation planned"), _("{actor} planned the consultation “{target}” (a draft)")),
    "round.create_from_definition": Phrase(
        _("Consultation created from a file"), _("{actor} created “{target}” from a round definition file")
    ),
    "round.update": Phrase(_("Consultation details changed"), _("{actor} changed the details of “{target}”")),
    "round.schedule": Phrase(_("Consultation scheduled"), _scheduled),
    "round.open": Phrase(
        _("Consultation opened"), _("{actor} opened “{target}” now"), automatic=_("“{target}” opened on time")
    ),
    "round.close": Phrase(
        _("Consultation closed"), _("{actor} closed “{target}” now"), automatic=_("“{target}” closed at its deadline")
    ),
    "round.cancel": Phrase(_("Consultation cancelled"), _("{actor} cancelled “{target}”")),
    "round.summarised": Phrase(
        _("Consultation summarised"),
        _("{actor} approved the summary of “{target}”, which is now summarised"),
        automatic=_("“{target}” is marked as summarised"),
    ),
    "round.reminder_due": Phrase(
        _("Automatic reminder due"),
        _("The automatic reminder for “{target}” fell due, {days_before} days before closing"),
    ),
    "round.remind": Phrase(
        _("Reminders sent"),
        _("{actor} sent a reminder about “{target}” to {sent} participants"),
        automatic=_("An automatic reminder about “{target}” went to {sent} participants"),
    ),
    "questionnaire.copy": Phrase(
        _("Questionnaire copied"), _("{actor} copied {copied} questions from an earlier round into “{target}”")
    ),
    "question.add": Phrase(_("Question added"), _("{actor} added the question “{target}”")),
    "question.update": Phrase(_("Question changed"), _("{actor} changed the question “{target}”")),
    "question.new_version": Phrase(
        _("Question replaced by a new version"), _("{actor} made a new version of the question “{target}”")
    ),
    "question.retire": Phrase(_("Question retired"), _("{actor} retired the question “{target}”")),
    "question.delete": Phrase(_("Question deleted"), _("{actor} deleted the question “{target}”")),
}

DOCUMENTS = {
    "document.add": Phrase(_("Document added"), _("{actor} added the document “{target}”")),
    "document.new_version": Phrase(
        _("New version of a document"), _("{actor} uploaded version {version} of “{target}”")
    ),
    "document.remove": Phrase(
        _("Document removed"), _("{actor} removed the document “{target}” and its {versions} versions")
    ),
    "document.update": Phrase(
        _("Document details changed"), _("{actor} changed the details of the document “{target}”")
    ),
}

PLANNING = {
    "cycle.create": Phrase(_("Cycle created"), _("{actor} created the cycle {target}")),
    "cycle.update": Phrase(_("Cycle changed"), _("{actor} changed the dates or name of the cycle {target}")),
    "cycle.delete": Phrase(_("Cycle deleted"), _("{actor} deleted the cycle {target}")),
    "tool.create": Phrase(
        _("Tool added"),
        _("{actor} added the tool or initiative “{target}”{serves}"),
        derive=_serves,
        hide=("articles",),
    ),
    "tool.update": Phrase(
        _("Tool changed"),
        _("{actor} changed the tool or initiative “{target}”{serves}"),
        derive=_serves,
        hide=("articles",),
    ),
    "att_meeting.create": Phrase(_("ATT meeting added"), _("{actor} added the ATT meeting “{target}”")),
    "att_meeting.update": Phrase(_("ATT meeting changed"), _("{actor} changed the ATT meeting “{target}”")),
    "att_meeting.delete": Phrase(_("ATT meeting deleted"), _("{actor} deleted the ATT meeting “{target}”")),
    "tool.delete": Phrase(_("Tool deleted"), _("{actor} deleted the tool or initiative “{target}”")),
    "calendar_feed.reset": Phrase(
        _("Calendar address reset"),
        _("{actor} reset the calendar feed address of {target}"),
        by_self=_("{target} reset their calendar feed address"),
    ),
}


MEETINGS = {
    "poll.open": Phrase(
        _("Time poll opened"), _("{actor} opened a time poll for “{target}” with {slots} times to choose from")
    ),
    "poll.answer": Phrase(_("Time poll answered"), _("{actor} answered the time poll of “{target}”")),
    "poll.close": Phrase(
        _("Time poll closed"),
        _("{actor} closed the time poll of “{target}”"),
        automatic=_("The time poll of “{target}” closed"),
    ),
    "poll.cancel": Phrase(_("Time poll cancelled"), _("{actor} cancelled the time poll of “{target}”")),
    "poll.decide": Phrase(_("Meeting time chosen"), _("{actor} chose the meeting time of “{target}”")),
    "meeting.capacity": Phrase(
        _("Meeting places set"), _("{actor} set the number of places at the meeting of “{target}” to {after}")
    ),
    "meeting.attendance": Phrase(
        _("Attendance recorded"), _("{actor} recorded attendance at the meeting of “{target}”: {attended} present")
    ),
    "meeting.reply": Phrase(
        _("Reply to a meeting invitation"),
        _("{actor} replied “{to_state}” to the invitation to the meeting of “{target}”"),
    ),
    "meeting.place_given": Phrase(
        _("Meeting place given from the waiting list"),
        _("{actor} gave a place at the meeting of “{target}” to the first on the waiting list"),
        automatic=_("A place at the meeting of “{target}” went to the first on the waiting list"),
    ),
}


def register_vocabulary() -> None:
    register(_("Consultations"), ROUNDS, links={"consult.round": "consult:round_detail"})
    register(_("Documents"), DOCUMENTS, links={"consult.document": "consult:document_detail"})
    register(_("Cycles, tools and meetings"), PLANNING)
    register(_("Meetings"), MEETINGS, links={"consult.round": "consult:round_detail"})
