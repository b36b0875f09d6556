"""Consultations: cycles, tools, rounds (with the two-per-cycle cap), questions and documents."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from consult.articles import articles_label
from participants.state_flags import state_flags

ARTICLES = (11, 13, 15, 17)
ARTICLE_CHOICES = [(number, _("Article %(n)s") % {"n": number}) for number in ARTICLES]


class Cycle(models.Model):
    """A period between two Conferences of States Parties, e.g. CSP12-CSP13."""

    name = models.CharField(_("name"), max_length=40, unique=True, help_text=_("For example CSP12-CSP13."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="cycle_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.name


class Tool(models.Model):
    """A Secretariat tool or initiative consulted on (§7), tagged with the Articles it serves."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    articles = models.JSONField(_("articles served"), default=list, blank=True, help_text=_("Any of 11, 13, 15, 17."))
    restricted_area = models.BooleanField(
        _("hosted in the restricted area of the ATT website"),
        default=False,
        help_text=_(
            "Annex 1 §9: consultations on it are restricted to States Parties' representatives unless you state "
            "why not (the online reporting tool and the information exchange platform are)."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def articles_label(self) -> str:
        return articles_label(self.articles or [])


class AttMeeting(models.Model):
    """An ATT meeting on whose margins an in-person consultation may sit (§10)."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    location = models.CharField(_("location"), max_length=160, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("ATT meeting")

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    DESIGN = "design", _("Design")
    DEVELOPMENT = "development", _("Development")
    TESTING = "testing", _("Testing")
    REVIEW = "review", _("Review")


class Mode(models.TextChoices):
    WRITTEN = "written", _("Request for written input")
    ONLINE = "online", _("Online meeting")
    IN_PERSON = "in_person", _("In-person meeting")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    SUMMARISED = "summarised", _("Summarised")
    CANCELLED = "cancelled", _("Cancelled")


# Rounds whose details and questionnaire may still change.
EDITABLE_STATES = (RoundState.DRAFT, RoundState.SCHEDULED, RoundState.OPEN)

# States in which an online or in-person round holds one of the cycle's two places (§10).
CAP_STATES = (RoundState.SCHEDULED, RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED)
# The modes that count against the cap: consultations, online and in person together. A request for
# written input takes no place; the Secretariat may seek written input as needed (§10).
CAP_MODES = (Mode.ONLINE, Mode.IN_PERSON)


@state_flags("state", RoundState)
@state_flags("mode", Mode)
class Round(FSMModelMixin, models.Model):
    """One consultation or request for written input. At most two online or in-person rounds per cycle
    may ever be scheduled or later (§10); written requests take no place."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="rounds")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.WRITTEN)
    restricted = models.BooleanField(
        _("restricted to States Parties"),
        default=False,
        help_text=_("Annex 1 §9: only approved State Party participants see it, its documents, and may answer."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder days before closing"), default=3, help_text=_("0 sends no automatic reminder.")
    )

    meeting_starts_at = models.DateTimeField(_("meeting starts at"), null=True, blank=True)
    meeting_ends_at = models.DateTimeField(_("meeting ends at"), null=True, blank=True)
    meeting_link = models.URLField(_("meeting link"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    att_meeting = models.ForeignKey(
        AttMeeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("ATT meeting"),
    )
    justification = models.TextField(_("why in person is absolutely necessary"), blank=True)

    state = FSMField(default=RoundState.DRAFT, choices=RoundState.choices, protected=True)
    # The cap: a place (1 or 2) in the cycle, taken when an online or in-person round is scheduled (or a
    # scheduled written round becomes one), given back only when cancelled. Written rounds never hold one.
    slot = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    calendar_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Audience, submitted and drafts by category, fixed when the round closes (consult.figures): a closed
    # round's rates never move, whoever joins or leaves and whatever is recorded later.
    closing_figures = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["opens_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "slot"], name="round_one_cycle_slot_each"),
            models.CheckConstraint(condition=Q(slot__isnull=True) | Q(slot__in=[1, 2]), name="round_slot_is_1_or_2"),
            models.CheckConstraint(
                condition=Q(slot__isnull=False) | ~Q(state__in=CAP_STATES) | ~Q(mode__in=CAP_MODES),
                name="round_consultation_beyond_draft_holds_slot",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True) | Q(mode__in=CAP_MODES), name="round_written_holds_no_slot"
            ),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"),
        ]
        indexes = [models.Index(fields=["state", "opens_at"]), models.Index(fields=["state", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        # A protected FSMField refuses the assignment that full_clean() would make.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    @property
    def is_meeting(self) -> bool:
        return self.mode in CAP_MODES

    @property
    def takes_cap_place(self) -> bool:
        """Online and in-person consultations share the cycle's two places; written requests take none."""
        return self.mode in CAP_MODES

    @cached_property
    def asks_for_files(self) -> bool:
        """Whether a question takes a file (the round then has a *Files* page)."""
        return self.questions.filter(kind="file").exists()

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def accepts_answers(self, now: object | None = None) -> bool:
        """Open, and the deadline has not passed (the server is the clock)."""
        now = now or timezone.now()
        return self.state == RoundState.OPEN and self.opens_at <= now < self.closes_at

    # Transition bodies only set fields; services take the slot, lock, audit and notify (docs/architecture.md).

    @transition(field=state, source=RoundState.DRAFT, target=RoundState.SCHEDULED)
    def schedule(self, *, slot: int | None, at: object) -> None:
        self.slot = slot
        self.scheduled_at = at

    @transition(field=state, source=RoundState.SCHEDULED, target=RoundState.OPEN)
    def open(self, *, at: object) -> None:
        self.opened_at = at

    @transition(field=state, source=RoundState.OPEN, target=RoundState.CLOSED)
    def close(self, *, at: object) -> None:
        self.closed_at = at

    @transition(field=state, source=RoundState.CLOSED, target=RoundState.SUMMARISED)
    def mark_summarised(self) -> None:
        pass

    @transition(field=state, source=[RoundState.DRAFT, RoundState.SCHEDULED], target=RoundState.CANCELLED)
    def cancel(self, *, at: object) -> None:
        self.slot = None  # a round cancelled before opening frees its place
        self.cancelled_at = at


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    RATING = "rating", _("Rating 1-5")
    CHOICE = "choice", _("One choice")
    MULTI_CHOICE = "multi_choice", _("Several choices")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")
    RANKING = "ranking", _("Ranking")
    GRID = "grid", _("Grid of statements")
    FILE = "file", _("File or screenshot")


class QuestionQuerySet(models.QuerySet):
    def active(self) -> QuestionQuerySet:
        """The questions answered today, in order (retired versions are kept only for their answers)."""
        return self.filter(retired=False).order_by("order", "id")


@state_flags("kind", QuestionKind)
class Question(models.Model):
    """One question of a round's questionnaire. Frozen once answered: make a new version instead."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=60, help_text=_("Short identifier used in imports, e.g. q1."))
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For choice and ranking questions; a grid's scale.")
    )
    rows = models.JSONField(_("statements"), default=list, blank=True, help_text=_("A grid's statements, one per row."))
    required = models.BooleanField(_("required"), default=False)
    max_length = models.PositiveIntegerField(_("maximum length"), default=5000, help_text=_("For free text."))
    other = models.BooleanField(
        _("offer “Other, please specify”"),
        default=False,
        help_text=_("For choice questions: the participant may write their own answer instead."),
    )
    min_value = models.FloatField(_("smallest number allowed"), null=True, blank=True)
    max_value = models.FloatField(_("largest number allowed"), null=True, blank=True)
    # {"question": an earlier question's key, "in": [values that show this one]}; empty: always asked.
    show_if = models.JSONField(_("asked only if"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("replaces")
    )
    retired = models.BooleanField(default=False, help_text=_("Replaced by a newer version; kept for its answers."))

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="question_key_unique_in_round")]

    def __str__(self) -> str:
        return f"{self.key}: {self.text[:60]}"


class Document(models.Model):
    """A round's document (§15: English only, for registered participants only). Has versions."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, help_text=_("When the newest version was uploaded."))

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


def document_upload_to(version: DocumentVersion, filename: str) -> str:
    # Never trust the uploaded name on disk: a random name, the checked extension.
    return f"documents/{version.document.round_id}/{uuid.uuid4().hex}.{version.extension}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(max_length=200)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class DocumentDownload(models.Model):
    """Every download, for the Secretariat, and to mark newer versions as updated for the reader."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "version"])]

    def __str__(self) -> str:
        return f"{self.version} downloaded {self.at:%Y-%m-%d %H:%M}"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("As it happens")
    WEEKLY = "weekly", _("In one weekly digest")


class Subscription(models.Model):
    """The topics a participant wants news about (tools and Articles; none chosen means everything) and when.

    News is a new consultation, its opening, and documents added or updated. Without a row a participant
    hears about everything as it happens, as before subscriptions existed.
    """

    participant = models.OneToOneField(
        "participants.Participant", on_delete=models.CASCADE, related_name="subscription"
    )
    tools = models.ManyToManyField(Tool, blank=True, related_name="subscriptions", verbose_name=_("tools"))
    articles = models.JSONField(_("Articles"), default=list, blank=True)
    frequency = models.CharField(_("when"), max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATELY)
    # The end of the period the last weekly digest covered: the next one starts there.
    digest_covered_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Subscription of {self.participant}"

    @property
    def everything(self) -> bool:
        return not self.articles and not self.tools.all()

    def covers(self, round_: Round) -> bool:
        """Whether the round's tool is one of the chosen tools or serves one of the chosen Articles."""
        tool_ids = {tool.pk for tool in self.tools.all()}
        if not tool_ids and not self.articles:
            return True
        return round_.tool_id in tool_ids or bool(set(round_.tool.articles or []) & set(self.articles))
