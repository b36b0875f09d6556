from django.urls import path

from feedback.report import views

app_name = "report"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:cycle_id>/", views.report_detail, name="detail"),
    path("<int:cycle_id>/progress/", views.report_progress, name="progress"),
    path("<int:cycle_id>/generate/", views.report_generate, name="generate"),
    path("<int:cycle_id>/texts/", views.report_texts, name="texts"),
    path("<int:cycle_id>/approve/", views.report_approve, name="approve"),
    path("<int:cycle_id>/reopen/", views.report_reopen, name="reopen"),
    path("<int:cycle_id>/export.<str:fmt>", views.report_export, name="export"),
    path("follow-up/", views.follow_up_list, name="follow_ups"),
    path("follow-up/new/", views.follow_up_edit, name="follow_up_new"),
    path("follow-up/<int:follow_up_id>/", views.follow_up_edit, name="follow_up_edit"),
    path("follow-up/<int:follow_up_id>/delete/", views.follow_up_delete, name="follow_up_delete"),
    path("you-said-we-did/", views.my_follow_ups, name="mine"),
]
