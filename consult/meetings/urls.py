"""Meeting URLs, under /meetings/. Objects are looked up through selectors: 404 when not visible."""

from django.urls import path

from consult.meetings.views import attendance, polls, replies

app_name = "meetings"

urlpatterns = [
    # Time polls
    path("rounds/<int:round_id>/poll/new/", polls.poll_create, name="poll_create"),
    path("rounds/<int:round_id>/poll/", polls.poll_results, name="poll_results"),
    path("rounds/<int:round_id>/poll/choose/<int:slot_id>/", polls.poll_decide, name="poll_decide"),
    path("rounds/<int:round_id>/poll/close/", polls.poll_close, name="poll_close"),
    path("rounds/<int:round_id>/poll/cancel/", polls.poll_cancel, name="poll_cancel"),
    path("polls/<int:poll_id>/", polls.poll_answer, name="poll_answer"),
    # Replies
    path("reply/<str:token>/", replies.reply_link, name="reply"),
    path("rounds/<int:round_id>/reply/", replies.reply_on_site, name="reply_on_site"),
    # Attendance
    path("rounds/<int:round_id>/attendance/", attendance.attendance, name="attendance"),
    path("rounds/<int:round_id>/attendance/places/", attendance.capacity, name="capacity"),
]
