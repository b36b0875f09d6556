from django.urls import path

from feedback.summary import views

app_name = "summary"

urlpatterns = [
    path("<int:round_id>/", views.summary_detail, name="detail"),
    path("<int:round_id>/progress/", views.summary_progress, name="progress"),
    path("<int:round_id>/generate/", views.summary_generate, name="generate"),
    path("<int:round_id>/narrative/", views.summary_edit, name="edit"),
    path("<int:round_id>/questions/<int:number>/", views.summary_edit_question, name="edit_question"),
    path("<int:round_id>/appendix/", views.summary_appendix, name="appendix"),
    path("<int:round_id>/approve/", views.summary_approve, name="approve"),
    path("<int:round_id>/reopen/", views.summary_reopen, name="reopen"),
    path("<int:round_id>/publish/", views.summary_publish, name="publish"),
    path("<int:round_id>/export.<str:fmt>", views.summary_export, name="export"),
]
