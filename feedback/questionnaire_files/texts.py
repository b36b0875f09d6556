"""The wording both questionnaire files share: instructions, the §11 statement, placeholders."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.questionnaire_files.model import Questionnaire

# The texts an empty answer box shows (Word's own wording). Readers treat them as "no answer", also
# when a program saved them as ordinary text, so they are never translated.
TEXT_PLACEHOLDER = "Click or tap here to enter text."
LIST_PLACEHOLDER = "Choose an item."
PLACEHOLDERS = frozenset({TEXT_PLACEHOLDER, LIST_PLACEHOLDER})
AUTHOR = "ATT Secretariat"

PERSONAL_CAPACITY = gettext_lazy(
    "You answer in your personal expert capacity: your views are not attributed to your State or "
    "organisation (Annex 1, §11). The Chair reads responses under a pseudonym only, and nothing in any "
    "report identifies you."
)


def deadline_line(questionnaire: Questionnaire) -> str:
    return _("Answer by %(deadline)s. Questionnaire reference: %(reference)s.") % {
        "deadline": questionnaire.deadline,
        "reference": questionnaire.reference,
    }


def _return_it() -> str:
    return _(
        "When you are done, upload the file on the consultation's answer page: its answers go into your "
        "draft, where you check them and submit. Or send the file to the Secretariat by e-mail, and they "
        "will record it for you."
    )


def word_instructions(questionnaire: Questionnaire) -> list[str]:
    return [
        _(
            "Click the grey text in the shaded box under each question, then type your answer or choose it "
            "from the list. For questions with several choices, tick every box that applies."
        ),
        _("Leave a box as it is to skip a question. Questions marked “required” need an answer before you submit."),
        _(
            "Keep the answer boxes: do not delete, copy or convert them, and save the file as a Word "
            "document (.docx). It works in Microsoft Word and LibreOffice; no macros are needed."
        ),
        _return_it(),
    ]


def sheet_instructions(questionnaire: Questionnaire) -> list[str]:
    return [
        _(
            "Answer in the “answer” column of the Questionnaire sheet, one row per question. Closed questions "
            "offer a list; for several choices, separate them with “;”."
        ),
        _("Leave a cell empty to skip a question. Questions marked “required” need an answer before you submit."),
        _(
            "Only the answer column can be changed. Keep the keys, the rows and the sheet names, and save "
            "the file as an Excel workbook (.xlsx)."
        ),
        _return_it(),
    ]
