"""Admin for the Secretariat: a read-mostly view. Rounds change only on the pages; the cycles, tools, ATT
meetings and documents it may edit are written through the same services as the pages, so each change is
checked (participants/policy.py) and audited, and a refusal shows as a message (participants/admin_services.py).
"""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from consult import services
from consult.forms import AttMeetingForm, CycleForm, ToolForm
from consult.models import AttMeeting, Cycle, Document, DocumentDownload, DocumentVersion, Question, Round, Tool
from participants.admin_services import ThroughServices


def _saved(obj, saved) -> None:
    """Point the admin's object at the row the service wrote, for its log entry and redirect."""
    obj.pk = saved.pk
    obj._state.adding = False


@admin.register(Cycle)
class CycleAdmin(ThroughServices):
    form = CycleForm  # the same rules as the Cycles page: no overlap, one name however spelled
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]

    def save_model(self, request: HttpRequest, obj: Cycle, form: ModelForm, change: bool) -> None:
        data = form.cleaned_data
        saved = services.save_cycle(
            by=request.user,
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            cycle_id=obj.pk if change else None,
        )
        _saved(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Cycle) -> None:
        services.delete_cycle(by=request.user, cycle_id=obj.pk)


@admin.register(Tool)
class ToolAdmin(ThroughServices):
    form = ToolForm  # the same fields and messages as the Tools page
    list_display = ["name", "articles", "restricted_area"]
    search_fields = ["name", "description"]

    def save_model(self, request: HttpRequest, obj: Tool, form: ModelForm, change: bool) -> None:
        data = form.cleaned_data
        saved = services.save_tool(
            by=request.user,
            name=data["name"],
            articles=list(data.get("articles") or []),
            description=data.get("description", ""),
            restricted_area=bool(data.get("restricted_area")),
            tool_id=obj.pk if change else None,
        )
        _saved(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Tool) -> None:
        services.delete_tool(by=request.user, tool_id=obj.pk)


@admin.register(AttMeeting)
class AttMeetingAdmin(ThroughServices):
    form = AttMeetingForm  # the same rules as the ATT meetings page
    list_display = ["name", "location", "starts_on", "ends_on"]
    search_fields = ["name", "location"]

    def save_model(self, request: HttpRequest, obj: AttMeeting, form: ModelForm, change: bool) -> None:
        data = form.cleaned_data
        saved = services.save_att_meeting(
            by=request.user,
            name=data["name"],
            location=data.get("location", ""),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            meeting_id=obj.pk if change else None,
        )
        _saved(obj, saved)

    def delete_model(self, request: HttpRequest, obj: AttMeeting) -> None:
        services.delete_att_meeting(by=request.user, meeting_id=obj.pk)


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["order", "key", "text", "kind", "required", "retired"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Details only; state, cap place and calendar fields are kept by the services and shown read-only."""

    list_display = ["title", "cycle", "state", "slot", "mode", "restricted", "opens_at", "closes_at"]
    list_filter = ["state", "cycle", "mode", "stage", "restricted"]
    search_fields = ["title", "description"]
    readonly_fields = [
        "state",
        "slot",
        "calendar_uid",
        "calendar_sequence",
        "reminder_sent_at",
        "scheduled_at",
        "opened_at",
        "closed_at",
        "cancelled_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [QuestionInline]

    def has_add_permission(self, request):
        return False  # rounds are planned on the Consultations pages, which check the rules

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = ["number", "original_name", "content_type", "size", "change_note", "uploaded_at", "uploaded_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ThroughServices):
    """Details only: files are uploaded (and versions added) on the round's page, which checks them."""

    list_display = ["title", "round", "updated_at"]
    list_filter = ["round__cycle", "round"]
    search_fields = ["title", "keywords", "description"]
    fields = ["round", "title", "description", "keywords", "created_at", "updated_at"]
    readonly_fields = ["round", "created_at", "updated_at"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # uploads are checked on the round's page

    def save_model(self, request: HttpRequest, obj: Document, form: ModelForm, change: bool) -> None:
        data = form.cleaned_data
        services.update_document(
            by=request.user,
            document_id=obj.pk,
            title=data["title"],
            description=data.get("description", ""),
            keywords=data.get("keywords", ""),
        )

    def delete_model(self, request: HttpRequest, obj: Document) -> None:
        services.remove_document(by=request.user, document_id=obj.pk, reason=_("Deleted in the admin."))


@admin.register(DocumentDownload)
class DocumentDownloadAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "version"]
    list_filter = ["version__document__round"]
    search_fields = ["user__email", "version__document__title"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
