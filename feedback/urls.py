"""Feedback URLs. Responses are addressed by round and pseudonym, never by a submission id."""

from django.urls import path

from feedback.meeting_notes import views as notes
from feedback.views import answer_files, chair, exports, files, participant, preview, secretariat

app_name = "feedback"

urlpatterns = [
    # The participant
    path("", participant.participant_dashboard, name="participant_dashboard"),
    path("rounds/<int:round_id>/answer/", participant.answer, name="answer"),
    path("rounds/<int:round_id>/answer/autosave/", participant.autosave, name="autosave"),
    path("rounds/<int:round_id>/answer/files/<uuid:token>/", participant.own_answer_file, name="own_answer_file"),
    path("rounds/<int:round_id>/answer/upload/", files.upload_answers, name="upload_answers"),
    path("rounds/<int:round_id>/preview/", preview.preview, name="preview"),
    path("rounds/<int:round_id>/questionnaire.<str:fmt>", files.questionnaire_file, name="questionnaire_file"),
    # The Chair (and the Secretariat)
    path("chair/", chair.chair_dashboard, name="chair_dashboard"),
    path("rounds/<int:round_id>/progress/", chair.round_progress, name="round_progress"),
    path("rounds/<int:round_id>/responses/", chair.response_list, name="response_list"),
    path("rounds/<int:round_id>/responses/<int:pseudonym>/", chair.response_detail, name="response_detail"),
    path("rounds/<int:round_id>/questions/", chair.question_index, name="question_index"),
    path("rounds/<int:round_id>/questions/<slug:key>/", chair.question_detail, name="question_detail"),
    path("rounds/<int:round_id>/files/", answer_files.answer_files, name="answer_files"),
    path(
        "rounds/<int:round_id>/files/<uuid:token>/reviewed/",
        answer_files.answer_file_reviewed,
        name="answer_file_reviewed",
    ),
    path(
        "rounds/<int:round_id>/files/<uuid:token>/original/",
        answer_files.answer_file_original,
        name="answer_file_original",
    ),
    path(
        "rounds/<int:round_id>/files/<uuid:token>/release/",
        answer_files.answer_file_release,
        name="answer_file_release",
    ),
    path(
        "rounds/<int:round_id>/files/<uuid:token>/withdraw/",
        answer_files.answer_file_withdraw,
        name="answer_file_withdraw",
    ),
    path("rounds/<int:round_id>/answers.<str:fmt>", exports.export_answers, name="export_answers"),
    path("rounds/<int:round_id>/meeting-notes/", notes.meeting_notes, name="meeting_notes"),
    path("rounds/<int:round_id>/meeting-notes/approve/", notes.meeting_notes_approve, name="meeting_notes_approve"),
    path("rounds/<int:round_id>/meeting-notes/reopen/", notes.meeting_notes_reopen, name="meeting_notes_reopen"),
    # The Secretariat
    path("rounds/<int:round_id>/reminders/", secretariat.send_reminders, name="send_reminders"),
    path("rounds/<int:round_id>/offline/", secretariat.record_offline, name="record_offline"),
    path("rounds/<int:round_id>/offline/file/", files.record_offline_file, name="record_offline_file"),
    path("rounds/<int:round_id>/respondents/", secretariat.respondents, name="respondents"),
    path("rounds/<int:round_id>/respondents/answers/", exports.export_identities, name="export_identities"),
    path(
        "rounds/<int:round_id>/respondents/<int:pseudonym>/original/",
        secretariat.original_file,
        name="original_file",
    ),
]
