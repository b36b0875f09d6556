"""Admin for the Secretariat: a read-mostly view. State changes go through the pages (services), never here."""

from django.contrib import admin

from consult.forms import CycleForm
from consult.models import AttMeeting, Cycle, Document, DocumentDownload, DocumentVersion, Question, Round, Tool


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    form = CycleForm  # the same rules as the Cycles page: no overlap, one name however spelled
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["name", "articles", "restricted_area"]
    search_fields = ["name", "description"]


@admin.register(AttMeeting)
class AttMeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "location", "starts_on", "ends_on"]
    search_fields = ["name", "location"]


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
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "round", "updated_at"]
    list_filter = ["round__cycle", "round"]
    search_fields = ["title", "keywords", "description"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # uploads are checked on the round's page


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
