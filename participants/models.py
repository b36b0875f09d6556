"""People: users (e-mail login), participants and their vetting, invitations, the audit trail, e-mail."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from participants.identifiers import fold_identifier
from participants.state_flags import state_flags
from participants.time_zones import validate_time_zone
from participants.validators import (
    validate_acronym,
    validate_free_text,
    validate_organisation_name,
    validate_person_name,
)

# --- Users ------------------------------------------------------------------------------------------


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalise_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


def normalise_email(email: str) -> str:
    """E-mail is the login: stored, looked up and counted by the lockout in this one form (lower case,
    look-alike letters folded; see participants.identifiers)."""
    return fold_identifier(email)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who can log in. Roles are groups (Secretariat, Chair); experts also have a Participant."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True, validators=[validate_person_name])
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False, help_text=_("May use the admin site."))
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Tells the anonymizer's registry that a name or e-mail may have changed (feedback.registry), whose
    # fingerprint reads its maximum on every page that shows free text: indexed, so that costs one lookup.
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Dates and times are shown in this zone. Leave empty for Geneva time."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


# --- Participants -----------------------------------------------------------------------------------


class Category(models.TextChoices):
    STATE_PARTY = "state_party", _("State Party")
    SIGNATORY_STATE = "signatory_state", _("Signatory State")
    OBSERVER_STATE = "observer_state", _("Observer State")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    REGIONAL_ORGANISATION = "regional_organisation", _("Regional organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    INDUSTRY = "industry", _("Industry")


class Status(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Awaiting vetting")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REMOVED = "removed", _("Removed")


# Whose names the anonymizer removes from everyone's text: people the Secretariat vouched for (approved,
# now or before) or named itself (invited). A self-registered applicant who never confirmed the e-mail or
# was never approved is left out, so a name typed into the public form changes nobody else's text.
VOUCHED_STATUSES = (Status.INVITED, Status.APPROVED, Status.WITHDRAWN, Status.REMOVED)


class ExpertiseArea(models.TextChoices):
    ARTICLE_11 = "article_11", _("Article 11 (diversion)")
    ARTICLE_13 = "article_13", _("Article 13 (reporting)")
    ARTICLE_15 = "article_15", _("Article 15 (international cooperation)")
    ARTICLE_17 = "article_17", _("Article 17 (Conference of States Parties)")
    ONLINE_REPORTING_TOOL = "online_reporting_tool", _("Online reporting tool")
    INFORMATION_EXCHANGE_PLATFORM = "information_exchange_platform", _("Information exchange platform")
    REPORT_TEMPLATES = "report_templates", _("Annual and initial report templates")
    GUIDANCE = "guidance", _("Guidance and FAQ")


class Notification(models.TextChoices):
    """What a participant can choose to receive (decisions about their own account always arrive)."""

    ROUND_SCHEDULED = "round_scheduled", _("A consultation is announced")
    ROUND_OPENED = "round_opened", _("A consultation opens")
    REMINDER = "reminder", _("Reminders before a deadline when I have not submitted")
    ROUND_CLOSED = "round_closed", _("A consultation closes")
    DOCUMENTS_UPDATED = "documents_updated", _("Documents are added or updated")
    MEETING_INVITATIONS = "meeting_invitations", _("Calendar invitations for meetings")
    QUESTIONNAIRE_FILES = (
        "questionnaire_files",
        _("A consultation is announced: attach its questionnaire as Word and Excel files, to answer offline"),
    )


# Asked for, not given by default: most people answer on the site, and attachments make every message heavy.
ON_REQUEST = frozenset({Notification.QUESTIONNAIRE_FILES})


def default_notifications() -> list[str]:
    return [value for value in Notification.values if value not in ON_REQUEST]


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


@state_flags("status", Status)
class Participant(FSMModelMixin, models.Model):
    """A registered expert. Speaks in a personal capacity (§11); vetted by the Secretariat (§4)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participant")
    full_name = models.CharField(_("full name"), max_length=200, blank=True, validators=[validate_person_name])
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code."))
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_organisation_name]
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, validators=[validate_acronym])
    website = models.URLField(_("website"), blank=True)
    # Annex 1 §3: an international or regional organisation registers itself only when it manages reporting or
    # information exchange under a similar instrument; it names it (participants.eligibility.must_name_instrument).
    instrument = models.CharField(
        _("instrument"),
        max_length=300,
        blank=True,
        validators=[validate_free_text],
        help_text=_(
            "Annex 1, §3: the instrument under which the organisation manages reporting or information exchange."
        ),
    )
    expertise = models.JSONField(_("expertise areas"), default=list, blank=True)
    statement = models.TextField(
        _("statement of expertise and commitment"), blank=True, validators=[validate_free_text]
    )
    # Names this person was registered under before: answers written then still name them that way, so the
    # anonymizer removes these too (feedback.registry).
    former_names = models.JSONField(_("former names"), default=list, blank=True)

    personal_capacity_acknowledged_at = models.DateTimeField(null=True, blank=True)
    confidentiality_acknowledged_at = models.DateTimeField(null=True, blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)

    status = FSMField(default=Status.REGISTERED, choices=Status.choices, protected=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # The reason given with the last decision (decline, removal...), shown to the person on their page.
    status_reason = models.TextField(_("reason for the last decision"), blank=True)
    # Category and affiliation changes asked for by an approved participant, awaiting the Secretariat.
    pending_changes = models.JSONField(default=dict, blank=True)

    notifications = models.JSONField(default=default_notifications, blank=True)
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # the registry's fingerprint, as User's
    # Data protection: when the person asked for deletion, and when the Secretariat erased their identity
    # (the fields above are then blank and what the anonymizer needs lives on in a Tombstone).
    erasure_requested_at = models.DateTimeField(_("erasure requested"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["status", "category"]), models.Index(fields=["country"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="participant_status_valid"),
            models.CheckConstraint(condition=models.Q(category__in=Category.values), name="participant_category_valid"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.user.email

    def rename(self, full_name: str) -> None:
        """Take a new name, keeping the one it replaces among the former names."""
        if self.full_name.strip() and self.full_name != full_name and self.full_name not in self.former_names:
            self.former_names = [*self.former_names, self.full_name]
        self.full_name = full_name

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        # A protected FSMField refuses assignment, which full_clean() would attempt.
        super().clean_fields(exclude={*(exclude or ()), "status"})

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def is_state(self) -> bool:
        return self.category in STATE_CATEGORIES

    @property
    def affiliation(self) -> str:
        """The country name for State categories, the organisation name otherwise."""
        from participants.countries import country_name

        return country_name(self.country) if self.is_state else self.organisation

    def wants(self, notification: str) -> bool:
        return notification in (self.notifications or [])

    # Transition bodies only set fields; services lock, check, save, audit and e-mail (docs/architecture.md).

    @transition(field=status, source=Status.INVITED, target=Status.REGISTERED)
    def register(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(
        field=status,
        source=Status.REGISTERED,
        target=Status.APPROVED,
        conditions=[lambda p: p.email_confirmed_at is not None],
    )
    def approve(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(field=status, source=Status.REGISTERED, target=Status.DECLINED)
    def decline(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(field=status, source=Status.DECLINED, target=Status.REGISTERED)
    def reconsider(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(field=status, source=Status.APPROVED, target=Status.WITHDRAWN)
    def withdraw(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(field=status, source=Status.APPROVED, target=Status.REMOVED)
    def remove(self) -> None:
        self.status_changed_at = timezone.now()


STATE_CATEGORIES = frozenset({Category.STATE_PARTY, Category.SIGNATORY_STATE, Category.OBSERVER_STATE})
# Annex 1 §3: these may register themselves; the §6 categories need an invitation.
SELF_REGISTRATION_CATEGORIES = frozenset(
    {
        Category.STATE_PARTY,
        Category.SIGNATORY_STATE,
        Category.INTERNATIONAL_ORGANISATION,
        Category.REGIONAL_ORGANISATION,
    }
)


class Invitation(models.Model):
    """A single-use, expiring link that lets a person register (§6). Only the token's hash is stored."""

    email = models.EmailField(_("e-mail address"))
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    full_name = models.CharField(_("full name"), max_length=200, blank=True, validators=[validate_person_name])
    country = models.CharField(_("country"), max_length=2, blank=True)
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_organisation_name]
    )
    message = models.TextField(_("personal message"), blank=True)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"


class Tombstone(models.Model):
    """What the anonymizer still needs once a person's data is erased: the identity, linked to nothing.

    No key to the participant, the account or the answers, no timestamp, and a random primary key, so
    the order of rows says nothing about who was erased when.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    names = models.JSONField(default=list, blank=True)  # every spelling of the name that was held
    email = models.CharField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    acronym = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return "Erased identity"


# --- Audit trail ------------------------------------------------------------------------------------


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("The audit trail is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """Who did what to which object, when (append-only). Visible to the Secretariat only."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail is append-only.")


# --- Outgoing e-mail --------------------------------------------------------------------------------


class ThrottleHit(models.Model):
    """One counted request (a registration, a password-reset e-mail) under a keyed hash of the address or
    client it came from, so the table holds neither addresses nor IP addresses (participants.throttle)."""

    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="throttle_key_at")]

    def __str__(self) -> str:
        return f"{self.key[:8]}… at {self.at:%Y-%m-%d %H:%M}"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Retrying")
    FAILED = "failed", _("Failed")


class OutboundEmail(models.Model):
    """One rendered message to one recipient, sent by the worker; failures stay visible."""

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)  # [{"filename", "content", "mimetype"}]
    # Links that act for the recipient (password reset, invitation, confirmation): the body shows a
    # placeholder, the worker puts the link in when sending and then forgets it (participants.mail).
    secret_links = models.JSONField(default=dict, blank=True, editable=False)
    template = models.CharField(max_length=100, db_index=True)
    status = models.CharField(max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
