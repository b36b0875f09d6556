"""Admin for staff: users, participants (with import/export and FSM-safe actions), invitations, audit, e-mail."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.admin import AccessLogAdmin as AxesAccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ExportForm

from participants import audit, roster, services
from participants.admin_services import ThroughServices
from participants.countries import is_country_code
from participants.eligibility import is_state_category
from participants.forms.imports import ReasonConfirmImportForm, SafeImportForm
from participants.models import AuditEvent, Invitation, OutboundEmail, Participant, User
from participants.resources import ParticipantResource
from participants.services import accounts
from participants.services.invitations import unusable_reason
from participants.services.profile import SECRETARIAT_EDITABLE
from participants.time_zones import zone_choices

# Second-factor devices hold secrets (TOTP keys, backup codes): nobody reads or adds them in the admin.
# The Secretariat resets a person's second factor with the audited action on the user list instead.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


def _each_user(modeladmin, request: HttpRequest, queryset: QuerySet[User], service, done: str) -> None:
    for user in queryset:
        try:
            service(user_id=user.pk, by=request.user)
        except services.ParticipantError as error:
            modeladmin.message_user(request, f"{user.email}: {error.message}", level=messages.ERROR)
        else:
            modeladmin.message_user(request, done % {"email": user.email})


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["name", "time_zone"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})]
    filter_horizontal = ["groups"]
    actions = ["unlock_selected", "reset_second_factor_selected"]

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "time_zone":  # the same grouped list of current zones as the profile page
            zones = [("", _("Geneva time (the Secretariat's)")), *zone_choices()]
            return forms.ChoiceField(choices=zones, required=False, label=_("Time zone"), help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        # Only a superuser makes another superuser; the Secretariat manages roles through the groups.
        return [] if request.user.is_superuser else ["is_superuser"]

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False  # the audit trail names its actors: deactivate an account instead

    def get_form(self, request: HttpRequest, obj: User | None = None, **kwargs):
        self._roles_before = accounts.roles_of(obj) if obj is not None else {}
        return super().get_form(request, obj, **kwargs)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """Audit every change of flags and groups, with who made it (groups are saved here, after the user)."""
        super().save_related(request, form, formsets, change)
        before = getattr(self, "_roles_before", {}) if change else {}
        accounts.record_role_change(
            user=form.instance, by=request.user, before=before, after=accounts.roles_of(form.instance)
        )

    @admin.action(description=_("Unlock the selected accounts (clear failed logins)"), permissions=["change"])
    def unlock_selected(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        _each_user(self, request, queryset, accounts.unlock_account, _("%(email)s can log in again."))

    @admin.action(description=_("Reset the second factor of the selected accounts"), permissions=["change"])
    def reset_second_factor_selected(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        _each_user(
            self,
            request,
            queryset,
            accounts.reset_second_factor,
            _("%(email)s sets up a new authenticator app at their next login."),
        )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    """Groups are roles: changing a group's permissions is a permission change, so it is audited."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        before = set(form.instance.permissions.values_list("codename", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.permissions.values_list("codename", flat=True))
        if before != after:
            audit.record(
                actor=request.user,
                action="group.permissions_changed",
                target=form.instance,
                added=sorted(after - before),
                removed=sorted(before - after),
            )


# Lockout records: read-only; unlocking is the audited action, never a silent delete.
admin.site.unregister(AccessAttempt)
admin.site.unregister(AccessLog)
admin.site.unregister(AccessFailureLog)  # not recorded here (AXES_ENABLE_ACCESS_FAILURE_LOG is off)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    actions = ["unlock_selected"]

    def has_delete_permission(self, request: HttpRequest, obj: AccessAttempt | None = None) -> bool:
        return False

    @admin.action(description=_("Unlock the accounts of the selected attempts"), permissions=["view"])
    def unlock_selected(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        users = User.objects.filter(email__in={attempt.username for attempt in queryset})
        _each_user(self, request, users, accounts.unlock_account, _("%(email)s can log in again."))


@admin.register(AccessLog)
class AccessLogAdmin(AxesAccessLogAdmin):
    def has_delete_permission(self, request: HttpRequest, obj: AccessLog | None = None) -> bool:
        return False


class DecisionActionForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason (sent to each person; required to decline or remove)"), required=False, max_length=2000
    )


def _decision_action(decision: str, description: str):
    """An admin action that runs the vetting service for each selected participant, never touching status."""

    def action(modeladmin: ParticipantAdmin, request: HttpRequest, queryset: QuerySet[Participant]) -> None:
        reason = request.POST.get("reason", "")
        done, refused = [], []
        for participant in queryset:
            try:
                services.decide(participant_id=participant.pk, decision=decision, by=request.user, reason=reason)
            except services.ParticipantError as error:
                refused.append(f"{participant}: {error.message}")
            else:
                done.append(str(participant))
        if done:
            modeladmin.message_user(
                request, _("%(action)s: %(names)s.") % {"action": description, "names": ", ".join(done)}
            )
        for line in refused:
            modeladmin.message_user(request, line, level=messages.ERROR)

    action.__name__ = f"{decision}_selected"
    action.short_description = description
    action.allowed_permissions = ("change",)
    return action


class ParticipantAdminForm(forms.ModelForm):
    """The Secretariat's corrections keep the affiliation consistent with the category (as the public forms do)."""

    website = forms.URLField(label=_("website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Participant
        fields = SECRETARIAT_EDITABLE

    def clean(self) -> dict:
        cleaned = super().clean()
        category = cleaned.get("category")
        if category and is_state_category(category):
            if not cleaned.get("country"):
                self.add_error("country", _("Give the ISO 3166 code of the State (e.g. SE) for a State category."))
            elif not is_country_code(cleaned["country"]):
                self.add_error(
                    "country", _("“%(code)s” is not an ISO 3166 alpha-2 code.") % {"code": cleaned["country"]}
                )
            else:
                cleaned["country"] = cleaned["country"].upper()
        elif category and not cleaned.get("organisation"):
            self.add_error("organisation", _("Give the organisation's name for this category."))
        return cleaned


class ParticipantExportForm(ExportForm):
    """Format only: the columns are the contract in docs/command-line.md, not a choice."""


@admin.register(Participant)
class ParticipantAdmin(ThroughServices, ImportExportModelAdmin):
    form = ParticipantAdminForm
    resource_classes = [ParticipantResource]
    export_form_class = ParticipantExportForm
    import_form_class = SafeImportForm
    confirm_form_class = ReasonConfirmImportForm
    import_template_name = "admin/participants/participant/import.html"
    skip_admin_log = True  # the import writes its own audit row with counts
    action_form = DecisionActionForm
    actions = [
        _decision_action("approve", _("Approve the selected applications")),
        _decision_action("decline", _("Decline the selected applications")),
        _decision_action("reconsider", _("Reconsider the selected declined applications")),
        _decision_action("remove", _("Remove the selected participants")),
        _decision_action("withdraw", _("Record the withdrawal of the selected participants")),
    ]
    list_display = [
        "full_name",
        "email",
        "category",
        "affiliation",
        "status",
        "email_confirmed_at",
        "status_changed_at",
    ]
    list_filter = ["status", "category", ("email_confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["full_name", "user__email", "organisation", "acronym", "country"]
    list_select_related = ["user"]
    ordering = ["full_name"]
    fieldsets = [
        (None, {"fields": ["user", "full_name", "former_names", "phone"]}),
        (_("Affiliation"), {"fields": ["category", "country", "organisation", "acronym", "website", "instrument"]}),
        (_("Expertise"), {"fields": ["expertise", "statement"]}),
        (
            _("Status (changed only by the vetting actions)"),
            {"fields": ["status", "status_changed_at", "status_reason", "pending_changes"]},
        ),
        (
            _("Confirmations"),
            {"fields": ["email_confirmed_at", "personal_capacity_acknowledged_at", "confidentiality_acknowledged_at"]},
        ),
        (_("Preferences"), {"fields": ["notifications"]}),
    ]
    readonly_fields = [
        "user",
        "former_names",
        "status",
        "status_changed_at",
        "status_reason",
        "pending_changes",
        "email_confirmed_at",
        "personal_capacity_acknowledged_at",
        "confidentiality_acknowledged_at",
    ]

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj: Participant) -> str:
        return obj.user.email

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people arrive by registering, by invitation or by import

    def has_delete_permission(self, request: HttpRequest, obj: Participant | None = None) -> bool:
        return False  # the record backs the audit trail; use “Remove” instead

    def save_model(self, request: HttpRequest, obj: Participant, form: forms.ModelForm, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in SECRETARIAT_EDITABLE}
        services.correct_participant(participant_id=obj.pk, by=request.user, changes=changes)

    def get_export_data(self, file_format, request: HttpRequest, queryset: QuerySet[Participant], **kwargs) -> bytes:
        """The same file as `export_participants`, from the same code."""
        fmt = file_format.get_extension()
        return roster.export_participants(fmt=fmt, by=request.user, queryset=queryset, source="admin")

    def get_export_formats(self):
        return [f for f in super().get_export_formats() if f().get_extension() in roster.FORMATS]

    def get_import_formats(self):
        return [f for f in super().get_import_formats() if f().get_extension() in roster.FORMATS]

    def get_confirm_form_initial(self, request: HttpRequest, import_form) -> dict:
        """The reason typed with the upload goes on to the confirm step."""
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["reason"] = import_form.cleaned_data.get("reason", "")
        return initial

    def get_import_data_kwargs(self, **kwargs) -> dict:
        """Hand the reason to the resource, which records it as `import_participants --reason` does."""
        form = kwargs.get("form")
        reason = form.cleaned_data.get("reason", "") if form is not None else ""
        return {**super().get_import_data_kwargs(**kwargs), "reason": reason}

    def process_result(self, result, request: HttpRequest) -> HttpResponse:
        if result.has_validation_errors():  # the file changed between preview and confirm
            messages.error(
                request, _("The file no longer passes the checks, so nothing was imported. Upload it again.")
            )
            return HttpResponseRedirect(reverse("admin:participants_participant_import"))
        return super().process_result(result, request)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "category", "invited_by", "sent_at", "expires_at", "state"]
    list_filter = ["category", ("accepted_at", admin.EmptyFieldListFilter), ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "full_name", "organisation"]
    list_select_related = ["invited_by"]
    readonly_fields = [field.name for field in Invitation._meta.fields if field.name != "token_hash"]
    exclude = ["token_hash"]
    actions = ["resend_selected", "revoke_selected"]

    @admin.display(description=_("state"))
    def state(self, obj: Invitation) -> str:
        return unusable_reason(obj, timezone.now()) or _("waiting")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # invitations are sent from the Invite page, which e-mails the link

    def has_delete_permission(self, request: HttpRequest, obj: Invitation | None = None) -> bool:
        return False

    def _each(self, request: HttpRequest, queryset: QuerySet[Invitation], service, done_message: str) -> None:
        for invitation in queryset:
            try:
                service(invitation_id=invitation.pk, by=request.user)
            except services.ParticipantError as error:
                self.message_user(request, f"{invitation.email}: {error.message}", level=messages.ERROR)
            else:
                self.message_user(request, done_message % {"email": invitation.email})

    @admin.action(description=_("Resend the selected invitations (new link, new expiry)"), permissions=["change"])
    def resend_selected(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        self._each(request, queryset, services.resend_invitation, _("New link sent to %(email)s."))

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        self._each(request, queryset, services.revoke_invitation, _("Invitation for %(email)s revoked."))


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target_label", "from_state", "to_state"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_label", "reason", "actor__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "last_error"]
    list_filter = ["status", "template"]
    search_fields = ["to", "subject"]
    # The live links of a message waiting to be sent are never shown: the body holds placeholders.
    exclude = ["secret_links"]
    readonly_fields = [field.name for field in OutboundEmail._meta.fields if field.name != "secret_links"]
    actions = ["retry_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a failure stays visible until it is sent

    @admin.action(description=_("Send the selected failed messages again"), permissions=["change"])
    def retry_selected(self, request: HttpRequest, queryset: QuerySet[OutboundEmail]) -> None:
        from participants.mail import retry_failed

        retried = retry_failed(message_ids=list(queryset.values_list("pk", flat=True)), by=request.user)
        self.message_user(
            request,
            _("%(count)s message(s) queued again; the worker sends them now.") % {"count": retried}
            if retried
            else _("Only failed messages can be sent again; none of the selected ones had failed."),
            level=messages.SUCCESS if retried else messages.WARNING,
        )
