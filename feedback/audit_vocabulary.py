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
    "round.summarise": Phrase(_("Consultation summarised"), _("{actor} marked “{target}” as summarised")),
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


def register_vocabulary() -> None:
    register(_("Responses"), RESPONSES, links={"consult.round": "consult:round_detail"})
    register(_("Summaries"), SUMMARIES)
