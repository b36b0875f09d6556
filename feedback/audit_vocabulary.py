"""How the feedback app's actions read in the audit trail (registered in FeedbackConfig.ready)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from participants.audit.phrases import Phrase, register

SUMMARY = "Summary of "


def _revealed(values: Mapping[str, Any]) -> str:
    if values.get("scope") == "respondent":
        return str(_("{actor} revealed who wrote one response to “{target}”"))
    return str(_("{actor} revealed who answered “{target}” ({pseudonyms_count} respondents)"))


def _edited(values: Mapping[str, Any]) -> str:
    if str(values.get("leaks")) == "0":
        return str(_("{actor} edited the summary of “{target}”; the leak gate found nothing identifying"))
    return str(_("{actor} edited the summary of “{target}”; the leak gate found {leaks} identifying details"))


RESPONSES = {
    "feedback.submit": Phrase(_("Response submitted"), _("{actor} submitted a response to “{target}”")),
    "feedback.resubmit": Phrase(_("Response submitted again"), _("{actor} submitted a changed response to “{target}”")),
    "feedback.record_offline": Phrase(
        _("Written submission recorded"), _("{actor} recorded a written submission to “{target}”")
    ),
    "feedback.import_offline": Phrase(
        _("Written answers imported"),
        _("{actor} imported written answers to “{target}”: {participants} participants, {answers} answers"),
    ),
    "feedback.export_answers": Phrase(
        _("Answers downloaded"), _("{actor} downloaded the anonymized answers to “{target}” ({format})")
    ),
    "feedback.reveal_identity": Phrase(_("Identities revealed"), _revealed),
    "feedback.download_original": Phrase(
        _("Original letter opened"), _("{actor} opened the original letter of a written submission to “{target}”")
    ),
    "feedback.open_answer_file": Phrase(
        _("Answer file opened"), _("{actor} opened a file given in answer to “{target}” (question {question})")
    ),
    "feedback.release_answer_file": Phrase(
        _("Reviewed file released"),
        _("{actor} released to the Chair a reviewed copy of a file given in answer to “{target}” ({question})"),
    ),
    "feedback.withdraw_answer_file": Phrase(
        _("Reviewed file withdrawn"),
        _("{actor} withdrew the reviewed copy of a file given in answer to “{target}” (question {question})"),
    ),
}

SUMMARIES = {
    "summary.generate": Phrase(_("Summary generated"), _("{actor} generated the summary of “{target}”"), strip=SUMMARY),
    "summary.edit": Phrase(_("Summary edited"), _edited, strip=SUMMARY),
    "summary.excerpts_edited": Phrase(
        _("Summary excerpts edited"),
        _("{actor} shortened {edited} and removed {removed} excerpts in the summary of “{target}”"),
        strip=SUMMARY,
    ),
    "summary.approve": Phrase(
        _("Summary approved"), _("{actor} approved the summary of “{target}” for the report"), strip=SUMMARY
    ),
    "summary.reopen": Phrase(
        _("Summary reopened"), _("{actor} reopened the summary of “{target}” as a draft"), strip=SUMMARY
    ),
    "summary.publish": Phrase(
        _("Summary published"),
        _("{actor} marked the summary of “{target}” as published in the Working Group's report"),
        strip=SUMMARY,
    ),
    "summary.export": Phrase(
        _("Summary downloaded"), _("{actor} downloaded the summary of “{target}” ({format}, {state})"), strip=SUMMARY
    ),
}


def _appendix(values: Mapping[str, Any]) -> str:
    if values.get("include") == str(_("yes")):
        return str(_("{actor} added the appendix of all answers to the summary of “{target}”"))
    return str(_("{actor} took the appendix of all answers out of the summary of “{target}”"))


SUMMARIES["summary.appendix"] = Phrase(_("Summary appendix changed"), _appendix, strip=SUMMARY)
RESPONSES["feedback.export_questionnaire"] = Phrase(
    _("Questionnaire downloaded as a file"), _("{actor} downloaded the questionnaire of “{target}” as a {format} file")
)

NOTES = {
    "meeting_notes.save": Phrase(_("Meeting notes saved"), _("{actor} saved the notes of the meeting of “{target}”")),
    "meeting_notes.approve": Phrase(
        _("Meeting notes approved"), _("{actor} approved the notes of the meeting of “{target}”")
    ),
    "meeting_notes.reopen": Phrase(
        _("Meeting notes reopened"), _("{actor} reopened the notes of the meeting of “{target}” as a draft")
    ),
}

ANALYSIS = {
    "theme.create": Phrase(_("Theme created"), _("{actor} created the theme “{theme}” for “{target}”")),
    "theme.update": Phrase(_("Theme changed"), _("{actor} changed the theme “{theme}” of “{target}”")),
    "theme.delete": Phrase(_("Theme deleted"), _("{actor} deleted the theme “{theme}” of “{target}”")),
    "theme.merge": Phrase(_("Themes merged"), _("{actor} merged themes into “{theme}” for “{target}”")),
    "theme.tag": Phrase(_("Answer coded"), _("{actor} coded an answer to “{target}”"), hide=("respondent",)),
    "theme.quotes": Phrase(
        _("Quotes chosen"), _("{actor} chose {quotes} quotes for the theme “{theme}” of “{target}”")
    ),
    "theme.suggest": Phrase(
        _("Themes suggested"), _("{actor} asked for suggested themes for “{target}”: {suggestions} suggested")
    ),
    "theme.accept_suggestion": Phrase(
        _("Suggested theme accepted"), _("{actor} accepted the suggested theme “{theme}” for “{target}”")
    ),
    "theme.discard_suggestion": Phrase(
        _("Suggested themes discarded"), _("{actor} discarded {count} suggested themes for “{target}”")
    ),
    "theme.export_coding": Phrase(
        _("Coded answers downloaded"), _("{actor} downloaded the coded answers of “{target}” ({format})")
    ),
    "theme.import_coding": Phrase(
        _("Coded answers imported"),
        _("{actor} imported coded answers into “{target}”: {answers} answers, {new_themes} new themes"),
    ),
}


REPORT = "Report on the advisory group's work in "


def _report_edited(values: Mapping[str, Any]) -> str:
    if str(values.get("leaks")) == "0":
        return str(_("{actor} edited the report on “{target}”; the leak gate found nothing identifying"))
    return str(_("{actor} edited the report on “{target}”; the leak gate found {leaks} identifying details"))


REPORTS = {
    "report.generate": Phrase(
        _("Cycle report generated"), _("{actor} generated the report on “{target}”"), strip=REPORT
    ),
    "report.edit": Phrase(_("Cycle report edited"), _report_edited, strip=REPORT),
    "report.approve": Phrase(_("Cycle report approved"), _("{actor} approved the report on “{target}”"), strip=REPORT),
    "report.reopen": Phrase(
        _("Cycle report reopened"), _("{actor} reopened the report on “{target}” as a draft"), strip=REPORT
    ),
    "report.export": Phrase(
        _("Cycle report downloaded"), _("{actor} downloaded the report on “{target}” ({format}, {state})"), strip=REPORT
    ),
    "follow_up.create": Phrase(_("Follow-up recorded"), _("{actor} recorded the follow-up action “{target}”")),
    "follow_up.update": Phrase(_("Follow-up changed"), _("{actor} changed the follow-up action “{target}”")),
    "follow_up.delete": Phrase(_("Follow-up deleted"), _("{actor} deleted the follow-up action “{target}”")),
}


def register_vocabulary() -> None:
    register(_("Responses"), RESPONSES, links={"consult.round": "consult:round_detail"})
    register(_("Summaries"), SUMMARIES)
    register(_("Meeting notes"), NOTES, links={"consult.round": "consult:round_detail"})
    register(_("Analysis"), ANALYSIS, links={"consult.round": "consult:round_detail"})
    register(_("Cycle reports"), REPORTS)
