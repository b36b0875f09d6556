"""Forms: the questionnaire (one field per question), the offline recording form, the Chair's filters.

The questionnaire's fields only collect what was typed; the rules live in feedback.validation and are
applied by the services, whose messages the views put back next to each field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from config.forms import SiteErrors
from consult.help_text import render_help_text
from consult.models import Question
from feedback import conditions
from feedback.models import OFFLINE_FILE_EXTENSIONS
from feedback.validation import (
    FILE,
    GRID,
    MULTI_CHOICE,
    NUMBER,
    RANKING,
    RATING,
    RATING_LABELS,
    RATING_RANGE,
    TEXT,
    YES_NO,
    choice_options,
    number_range,
    offers_other,
    other_answer,
)
from feedback.widgets import GridWidget, RankingWidget
from participants.models import Participant
from participants.safe_files import content_matches, read_upload

FIELD_PREFIX = "q_"
OTHER_SUFFIX = "__other"
REMOVE_SUFFIX = "__remove"
FILE_ACCEPT = "image/png,image/jpeg,application/pdf,.png,.jpg,.jpeg,.pdf"
OTHER_VALUE = "__other__"  # the "Other, please specify" option; the words go in the field KEY__other


class _Collect:
    """A field that keeps what was typed: no validation here (drafts may be incomplete)."""

    def validate(self, value: Any) -> None:
        pass

    def run_validators(self, value: Any) -> None:
        pass


class TextAnswer(_Collect, forms.CharField):
    pass


class OneChoice(_Collect, forms.ChoiceField):
    pass


class SeveralChoices(_Collect, forms.MultipleChoiceField):
    pass


class FileAnswer(_Collect, forms.FileField):
    """A screenshot or PDF: checked and cleaned by the service that keeps it, not here."""


class RowAnswers(_Collect, forms.Field):
    """One value per item or statement (a list), as the row widgets give it."""


def field_name(question: Question) -> str:
    return f"{FIELD_PREFIX}{question.key}"


def remove_field_name(question: Question) -> str:
    return f"{FIELD_PREFIX}{question.key}{REMOVE_SUFFIX}"


def other_field_name(question: Question) -> str:
    return f"{FIELD_PREFIX}{question.key}{OTHER_SUFFIX}"


def _options(question: Question) -> list[tuple[str, str]]:
    options = choice_options(question)
    return [*options, (OTHER_VALUE, _("Other, please specify"))] if offers_other(question) else options


def _field_for(question: Question) -> forms.Field:
    common = {"label": question.text, "help_text": render_help_text(question.help_text), "required": question.required}
    if question.kind == TEXT:
        described = f"id_{field_name(question)}_counter"
        if question.help_text:
            described = f"id_{field_name(question)}_helptext {described}"
        return TextAnswer(
            widget=forms.Textarea(
                attrs={
                    "rows": 6,
                    "data-max-length": question.max_length,
                    "class": "answer-text",
                    "aria-describedby": described,
                }
            ),
            strip=False,
            **common,
        )
    if question.kind == RATING:
        choices = [(str(number), RATING_LABELS[number]) for number in RATING_RANGE]
        return OneChoice(choices=choices, widget=forms.RadioSelect(attrs={"class": "rating"}), **common)
    if question.kind == YES_NO:
        return OneChoice(choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common)
    if question.kind == NUMBER:
        described = f"id_{field_name(question)}_range"
        if question.help_text:
            described = f"id_{field_name(question)}_helptext {described}"
        attrs = {"inputmode": "decimal", "class": "answer-number", "aria-describedby": described}
        return TextAnswer(widget=forms.TextInput(attrs=attrs), **common)
    if question.kind == MULTI_CHOICE:
        return SeveralChoices(choices=_options(question), widget=forms.CheckboxSelectMultiple, **common)
    if question.kind == RANKING:
        labels = [label for _value, label in choice_options(question)]
        return RowAnswers(widget=RankingWidget(labels), **common)
    if question.kind == GRID:
        return RowAnswers(widget=GridWidget(list(question.rows), choice_options(question)), **common)
    if question.kind == FILE:
        described = f"id_{field_name(question)}_limits"
        if question.help_text:
            described = f"id_{field_name(question)}_helptext {described}"
        attrs = {"accept": FILE_ACCEPT, "class": "answer-file", "aria-describedby": described}
        return FileAnswer(widget=forms.FileInput(attrs=attrs), **common)
    return OneChoice(choices=_options(question), widget=forms.RadioSelect, **common)


def _other_field(question: Question) -> forms.Field:
    attrs = {"class": "other-answer__text", "data-other-for": field_name(question), "maxlength": question.max_length}
    return TextAnswer(label=_("Your other answer"), required=False, widget=forms.TextInput(attrs=attrs))


def initial_value(question: Question, value: Any) -> Any:
    """A stored value as the form shows it."""
    if value is None or question.kind == FILE:
        return None
    if question.kind == YES_NO:
        return "yes" if value else "no"
    if question.kind == RANKING:  # the rank of each item, in the questionnaire's order
        return [str(value.index(option) + 1) if option in value else "" for option, _label in choice_options(question)]
    if question.kind == GRID:
        return [value.get(str(number)) for number in range(1, len(question.rows) + 1)]
    other = other_answer(question, value)
    if question.kind == MULTI_CHOICE:
        return [OTHER_VALUE if other and str(item) == other else str(item) for item in value]
    if other:
        return OTHER_VALUE
    return _plain(value)


def _plain(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _with_other(question: Question, chosen: Any, words: str) -> Any:
    """The raw answer of a question offering "Other": the form's choice(s) and the words typed beside them."""
    words = (words or "").strip()
    if question.kind == MULTI_CHOICE:
        items = [item for item in chosen or [] if item != OTHER_VALUE]
        return [*items, {"other": words}] if words or OTHER_VALUE in (chosen or []) else items
    if chosen == OTHER_VALUE or (words and not chosen):
        return {"other": words}
    if words:
        return {"other": words, "chosen": chosen}  # refused by validation: one answer or the other
    return chosen


class AnswerForm(forms.Form):
    """The questionnaire. Browsers must not block saving a draft, so no `required` attribute is rendered;
    the asterisk still tells people what submission will need."""

    use_required_attribute = False

    def __init__(self, *args: Any, questions: list[Question], answers: dict[str, Any] | None = None, **kwargs: Any):
        answers = answers or {}
        initial = {field_name(q): initial_value(q, answers.get(q.key)) for q in questions}
        initial |= {other_field_name(q): other_answer(q, answers.get(q.key)) for q in questions if offers_other(q)}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.questions = questions
        # File answers already given: kept when the participant saves again without a new file.
        self.given_files = {q.key: answers[q.key] for q in questions if q.kind == FILE and answers.get(q.key)}
        for question in questions:
            self.fields[field_name(question)] = _field_for(question)
            if offers_other(question):
                self.fields[other_field_name(question)] = _other_field(question)
            if question.kind == FILE:
                self.fields[remove_field_name(question)] = forms.BooleanField(
                    label=_("Remove the file I gave"), required=False
                )

    def raw_answers(self) -> dict[str, Any]:
        """What was typed, by question key, for the services to check."""
        self.is_valid()
        raw = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if offers_other(question):
                value = _with_other(question, value, self.cleaned_data.get(other_field_name(question), ""))
            elif question.kind == RANKING:  # {item: rank}, so that two items given one rank can be named
                value = dict(zip((option for option, _label in choice_options(question)), value or [], strict=False))
            elif question.kind == GRID:
                value = {str(number): item for number, item in enumerate(value or [], start=1)}
            elif question.kind == FILE:  # a new file is kept by the view (uploads()); else the one given
                value = (
                    None if self.cleaned_data.get(remove_field_name(question)) else self.given_files.get(question.key)
                )
            raw[question.key] = value
        return raw

    def uploads(self) -> dict[str, Any]:
        """New files chosen in the form, by question key (unless "Remove" is ticked beside them)."""
        self.is_valid()
        return {
            question.key: self.cleaned_data[field_name(question)]
            for question in self.questions
            if question.kind == FILE
            and self.cleaned_data.get(field_name(question))
            and not self.cleaned_data.get(remove_field_name(question))
        }

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, message in errors.items():
            self.add_error(f"{FIELD_PREFIX}{key}" if key else None, message)

    def question_fields(self) -> list[tuple[Question, forms.BoundField]]:
        return [(question, self[field_name(question)]) for question in self.questions]

    def question_items(self) -> list[dict[str, Any]]:
        """Each question with what the page draws around its field: the "Other" box, the allowed range,
        and for a follow-up its condition in words."""
        return [
            {
                "question": question,
                "field": self[field_name(question)],
                "other": self[other_field_name(question)] if offers_other(question) else None,
                "range": number_range(question) if question.kind == NUMBER else "",
                "file_given": self.given_files.get(question.key),
                "file_limit": filesizeformat(settings.ANSWER_FILE_MAX_BYTES) if question.kind == FILE else "",
                "remove": self[remove_field_name(question)] if question.kind == FILE else None,
                "condition": conditions.condition_text(question, self.questions),
            }
            for question in self.questions
        ]


class OfflineSubmissionForm(SiteErrors, AnswerForm):
    """The Secretariat types or pastes a written submission on a participant's behalf."""

    participant = forms.ModelChoiceField(
        queryset=Participant.objects.none(),
        label=_("Participant"),
        help_text=_("Only participants who may answer this consultation are listed."),
        empty_label=_("Choose the participant who sent it"),
        error_messages={
            "required": _("Choose the participant who sent this submission."),
            "invalid_choice": _("This participant may not answer this consultation; choose one from the list."),
        },
    )
    original_file = forms.FileField(
        label=_("Original file"),
        required=False,
        help_text=_(
            "The Word, PDF or e-mail file as received (%(types)s). Kept for the record, never shown to the Chair."
        )
        % {"types": ", ".join(ext.lstrip(".") for ext in OFFLINE_FILE_EXTENSIONS)},
    )

    def __init__(self, *args: Any, eligible: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = eligible.select_related("user").order_by("full_name")
        self.fields["participant"].label_from_instance = lambda p: f"{p.full_name} · {p.email} · {p.affiliation}"
        self.order_fields(["participant", "original_file"])
        for name in self.fields:
            if name.startswith(FIELD_PREFIX):
                self.fields[name].required = False  # a letter may skip questions
        for question in self.questions:
            if question.kind == FILE:  # a file answer is the participant's own upload on the web form
                field = self.fields[field_name(question)]
                field.disabled = True
                field.help_text = _(
                    "Files are given by participants on the web form only; keep a letter's attachments "
                    "as its original file."
                )
                self.fields[remove_field_name(question)].disabled = True

    def clean_original_file(self) -> Any:
        upload = self.cleaned_data.get("original_file")
        if upload is None:
            return None
        name = upload.name.lower()
        if not name.endswith(OFFLINE_FILE_EXTENSIONS):
            raise forms.ValidationError(
                _("“%(name)s” is not a file type we keep. Use one of: %(types)s.")
                % {"name": upload.name, "types": ", ".join(ext.lstrip(".") for ext in OFFLINE_FILE_EXTENSIONS)}
            )
        if upload.size > settings.DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1048576, 1), "limit": settings.DOCUMENT_MAX_BYTES // 1048576}
            )
        if not content_matches(Path(name).suffix, read_upload(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)):
            raise forms.ValidationError(
                _(
                    "“%(name)s” does not contain what its name says (a %(type)s file). "
                    "Check the file and attach it again."
                )
                % {"name": upload.name, "type": Path(name).suffix.lstrip(".").upper()}
            )
        return upload


class QuestionnaireFileField(forms.FileField):
    """A filled Word or Excel questionnaire. What the file is gets decided later, by its content."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Filled questionnaire"))
        kwargs.setdefault("error_messages", {"required": _("Choose the filled Word or Excel file first.")})
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}))
        super().__init__(**kwargs)


class QuestionnaireUploadForm(forms.Form):
    """A participant brings back their filled questionnaire."""

    questionnaire = QuestionnaireFileField(
        help_text=_("The Word (.docx) or Excel (.xlsx) questionnaire of this consultation, filled in.")
    )


class OfflineQuestionnaireForm(forms.Form):
    """The Secretariat records a filled questionnaire received by e-mail."""

    participant = forms.ModelChoiceField(
        queryset=Participant.objects.none(),
        label=_("Participant"),
        empty_label=_("Choose the participant who sent it"),
        error_messages={
            "required": _("Choose the participant who sent this questionnaire."),
            "invalid_choice": _("This participant may not answer this consultation; choose one from the list."),
        },
    )
    questionnaire = QuestionnaireFileField(
        help_text=_("The Word (.docx) or Excel (.xlsx) questionnaire of this consultation, as received.")
    )

    def __init__(self, *args: Any, eligible: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="file", **kwargs)
        self.fields["participant"].queryset = eligible.select_related("user").order_by("full_name")
        self.fields["participant"].label_from_instance = lambda p: f"{p.full_name} · {p.email} · {p.affiliation}"
