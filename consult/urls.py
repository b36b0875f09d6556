"""Consultation URLs, under /rounds/. Objects are looked up through selectors: 404 when not visible."""

from django.urls import path

from consult.views import calendar, dashboard, documents, questions, rounds, setup, subscriptions

app_name = "consult"

urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("overview/", dashboard.secretariat_dashboard, name="secretariat_dashboard"),
    path("new/", rounds.round_create, name="round_create"),
    path("<int:round_id>/", rounds.round_detail, name="round_detail"),
    path("<int:round_id>/edit/", rounds.round_edit, name="round_edit"),
    path("<int:round_id>/schedule/", rounds.round_schedule, name="round_schedule"),
    path("<int:round_id>/open/", rounds.round_open, name="round_open"),
    path("<int:round_id>/close/", rounds.round_close, name="round_close"),
    path("<int:round_id>/cancel/", rounds.round_cancel, name="round_cancel"),
    path("<int:round_id>/calendar.ics", calendar.round_ics, name="round_ics"),
    # Questionnaires
    path("<int:round_id>/questions/", questions.questionnaire, name="questionnaire"),
    path("<int:round_id>/questions/add/", questions.question_add, name="question_add"),
    path("<int:round_id>/questions/copy/", questions.questionnaire_copy, name="questionnaire_copy"),
    path("questions/<int:question_id>/edit/", questions.question_edit, name="question_edit"),
    path("questions/<int:question_id>/delete/", questions.question_delete, name="question_delete"),
    path("questions/<int:question_id>/retire/", questions.question_retire, name="question_retire"),
    path("questions/<int:question_id>/move/", questions.question_move, name="question_move"),
    # Documents
    path("documents/", documents.library, name="library"),
    path("<int:round_id>/documents/add/", documents.document_add, name="document_add"),
    path("documents/<int:document_id>/", documents.document_detail, name="document_detail"),
    path("documents/<int:document_id>/new-version/", documents.document_version_add, name="document_version_add"),
    path("documents/<int:document_id>/download/", documents.document_download, name="document_download"),
    path("documents/<int:document_id>/remove/", documents.document_remove, name="document_remove"),
    path(
        "documents/<int:document_id>/v<int:number>/download/",
        documents.document_version_download,
        name="document_version_download",
    ),
    # Calendars
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/reset/", calendar.calendar_feed_reset, name="calendar_feed_reset"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    # Topics a participant follows
    path("subscriptions/", subscriptions.subscriptions, name="subscriptions"),
    # Planning set-up
    path("setup/", setup.setup, name="setup"),
    path("setup/cycles/new/", setup.cycle_edit, name="cycle_create"),
    path("setup/cycles/<int:cycle_id>/", setup.cycle_edit, name="cycle_edit"),
    path("setup/tools/new/", setup.tool_edit, name="tool_create"),
    path("setup/tools/<int:tool_id>/", setup.tool_edit, name="tool_edit"),
    path("setup/meetings/new/", setup.att_meeting_edit, name="att_meeting_create"),
    path("setup/meetings/<int:meeting_id>/", setup.att_meeting_edit, name="att_meeting_edit"),
]
