"""The codebook of a round (themes), the themes given to each answer, and the suggestions offered.

An answer is addressed by its response and question, never by the Answer row: a participant who
changes a submitted answer gets new Answer rows, and the Chair's coding must survive that, as it
survives every regeneration of the summary. Nothing here is shown with anything but a pseudonym.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consult.models import Question, Round


class Theme(models.Model):
    """One entry of a round's codebook: a short name, what it covers, optionally one question."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="themes")
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="themes",
        help_text=_("Leave empty for a theme that may come up in any free-text question."),
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    key_terms = models.JSONField(default=list, blank=True)  # from the suggestion it was accepted from
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), "round", name="theme_name_unique_in_round")]

    def __str__(self) -> str:
        return self.name


class ThemeTag(models.Model):
    """A theme given to one free-text answer (a response's answer to a question)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tags")
    submission = models.ForeignKey("feedback.Submission", on_delete=models.CASCADE, related_name="theme_tags")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    # Picked by the Chair as one of the theme's representative quotes for this question (three at most).
    quoted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "submission", "question"], name="one_tag_per_theme_and_answer")
        ]
        indexes = [models.Index(fields=["submission", "question"])]

    def __str__(self) -> str:
        return f"{self.theme} on {self.question.key}"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DISCARDED = "discarded", _("Discarded")


class SuggestionSet(models.Model):
    """The themes last suggested for one question, and what the Chair did with each.

    `items` is a list of {"number", "label", "terms", "submissions", "status"}: `submissions` are the
    ids of the responses whose answer the suggestion covers (never shown; pages show pseudonyms), and
    `status` is a SuggestionStatus.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="theme_suggestions")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    items = models.JSONField(default=list, blank=True)
    answers = models.PositiveIntegerField(default=0, help_text=_("How many answers the suggestions were made from."))
    computed_at = models.DateTimeField(default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "question"], name="one_suggestion_set_per_question")]

    def __str__(self) -> str:
        return f"Suggested themes for {self.question.key}"
