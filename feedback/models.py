"""Feedback: submissions under pseudonyms, their answers and history, and the anonymized summary."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from consult.models import Question, Round
from participants.models import Participant
from participants.state_flags import state_flags


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Source(models.TextChoices):
    WEB = "web", _("Online")
    OFFLINE = "offline", _("Offline (recorded by the Secretariat)")


def offline_upload_to(submission: Submission, filename: str) -> str:
    # Never trust the uploaded name on disk: a random name, the original's extension when harmless.
    suffix = Path(filename).suffix.lower()
    suffix = suffix if suffix in OFFLINE_FILE_EXTENSIONS else ""
    return f"offline/{submission.round_id}/{uuid.uuid4().hex}{suffix}"


OFFLINE_FILE_EXTENSIONS = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".xlsx", ".csv", ".eml", ".msg")


@state_flags("state", SubmissionState)
@state_flags("source", Source)
class Submission(FSMModelMixin, models.Model):
    """One participant's response to one round. Known to the Chair only by its pseudonym."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="submissions")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="submissions")
    pseudonym = models.PositiveIntegerField(help_text=_("Random number, unique within the round."))
    state = FSMField(default=SubmissionState.DRAFT, choices=SubmissionState.choices, protected=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    original_file = models.FileField(upload_to=offline_upload_to, blank=True, max_length=300)
    original_name = models.CharField(max_length=200, blank=True, help_text=_("The e-mailed file's own name."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # §11, confirmed once per response when submitting; stored, never shown in any output.
    personal_capacity_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic concurrency: every save of answers bumps it; a stale editor is told, not overwritten.
    version = models.PositiveIntegerField(default=1)
    # The participant's working copy {question key: value}. Autosaves write only here; Answer rows hold
    # the submitted answers, so nobody downstream ever reads a draft or a half-made edit by mistake.
    working_answers = models.JSONField(default=dict, blank=True)
    # A submitted response being edited: the working copy differs from what was submitted.
    has_unsubmitted_changes = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # A written answer recorded after the round closed: not in the figures fixed at closing, and held
    # back from the Chair until enough of them can be shown together (feedback.late_answers).
    after_closing = models.BooleanField(default=False, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "participant"], name="one_submission_per_participant_round"),
            models.UniqueConstraint(fields=["round", "pseudonym"], name="pseudonym_unique_in_round"),
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self) -> str:
        return f"Respondent {self.pseudonym}"

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        # A protected FSMField refuses the assignment that full_clean() would make.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    @property
    def label(self) -> str:
        return f"Respondent {self.pseudonym}"

    @transition(
        field=state, source=[SubmissionState.DRAFT, SubmissionState.SUBMITTED], target=SubmissionState.SUBMITTED
    )
    def submit(self, *, at: object) -> None:
        self.submitted_at = at
        self.updated_at = at


class Answer(models.Model):
    """One answer. `value` holds text, an int rating, a choice, a list of choices or a boolean."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question.key}={self.value!r}"


class SubmissionRevision(models.Model):
    """A snapshot of the answers each time a response is submitted, so resubmission keeps history."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    answers = models.JSONField(default=dict)  # {question key: value}
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.submission} revision {self.number}"


class SummaryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class GenerationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the worker")
    RUNNING = "running", _("Generating")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


@state_flags("generation_status", GenerationStatus)
class GeneratedDocument(FSMModelMixin, models.Model):
    """What a document built by the worker keeps: its anonymized content, how far the generation got, an
    edit version (a stale editor is told, not overwritten) and who generated and approved it.

    The round's summary and the Secretariat's cycle report both are one (feedback.generation).
    """

    content = models.JSONField(default=dict, blank=True)  # the generated, anonymized structure
    generation_status = models.CharField(
        max_length=16, choices=GenerationStatus.choices, default=GenerationStatus.PENDING
    )
    generation_progress = models.PositiveSmallIntegerField(default=0, help_text=_("Percent done."))
    generation_error = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    generated_at = models.DateTimeField(null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_ready(self) -> bool:
        return self.generation_status == GenerationStatus.DONE


@state_flags("state", SummaryState)
class Summary(GeneratedDocument):
    """The anonymized summary of a round for the WGTR report (§13). Guarded by the leak gate."""

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="summary")
    state = FSMField(default=SummaryState.DRAFT, choices=SummaryState.choices, protected=True)
    narrative = models.TextField(_("Chair's narrative"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The Chair's switch: every anonymized answer, grouped, as an appendix after the themes.
    include_appendix = models.BooleanField(_("include every answer as an appendix"), default=False)

    class Meta:
        verbose_name_plural = _("summaries")

    def __str__(self) -> str:
        return f"Summary of {self.round}"

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        # A protected FSMField refuses the assignment that full_clean() would make.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    @transition(field=state, source=SummaryState.DRAFT, target=SummaryState.APPROVED)
    def approve(self, *, by: object, at: object) -> None:
        self.approved_by = by
        self.approved_at = at

    @transition(field=state, source=SummaryState.APPROVED, target=SummaryState.DRAFT)
    def reopen(self) -> None:
        self.approved_by = None
        self.approved_at = None

    @transition(field=state, source=SummaryState.APPROVED, target=SummaryState.PUBLISHED)
    def publish(self, *, at: object) -> None:
        self.published_at = at


class NotesState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


@state_flags("state", NotesState)
class MeetingNotes(FSMModelMixin, models.Model):
    """The points raised at a round's meeting, kept anonymized: the anonymizer runs before they are stored.

    They never say who said what. Approved notes go into the round's summary (feedback.meeting_notes).
    """

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="meeting_notes")
    points = models.JSONField(default=list, blank=True)  # the anonymized text of each point, in order
    state = FSMField(default=NotesState.DRAFT, choices=NotesState.choices, protected=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = _("meeting notes")

    def __str__(self) -> str:
        return f"Notes of the meeting of {self.round}"

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        super().clean_fields(exclude={*(exclude or ()), "state"})  # a protected FSM field refuses assignment

    @transition(field=state, source=NotesState.DRAFT, target=NotesState.APPROVED)
    def approve(self, *, by: object, at: object) -> None:
        self.approved_by = by
        self.approved_at = at

    @transition(field=state, source=NotesState.APPROVED, target=NotesState.DRAFT)
    def reopen(self) -> None:
        self.approved_by = None
        self.approved_at = None


# The Chair's analysis lives in its own package; its models belong to this app.
from feedback.analysis.models import SuggestionSet, Theme, ThemeTag  # noqa: E402
from feedback.report.models import CycleReport, FollowUp  # noqa: E402

__all__ = [
    "Answer",
    "CycleReport",
    "FollowUp",
    "MeetingNotes",
    "Submission",
    "SubmissionRevision",
    "SuggestionSet",
    "Summary",
    "Theme",
    "ThemeTag",
]


def answer_file_upload_to(answer_file: AnswerFile, filename: str) -> str:
    # Random names only: the participant's own file name is never kept (it can name them).
    return f"answer-files/{answer_file.round_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class AnswerFile(models.Model):
    """A file given in answer to a `file` question (a screenshot from testing, a PDF), cleaned of its
    metadata before it is stored. Only the participant and the Secretariat read the cleaned original;
    the Chair reads only the `released` copy, which the Secretariat uploads after reviewing it."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="answer_files")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="answer_files")
    question_key = models.CharField(max_length=64)
    file = models.FileField(upload_to=answer_file_upload_to, max_length=300)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    released = models.FileField(upload_to=answer_file_upload_to, blank=True, max_length=300)
    released_content_type = models.CharField(max_length=40, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["round", "question_key"])]

    def __str__(self) -> str:
        return f"file {self.token}"
