"""The Chair's analysis of a round: /analysis/<round id>/..."""

from django.urls import path

from feedback.analysis import views

app_name = "analysis"

urlpatterns = [
    path("<int:round_id>/", views.overview, name="overview"),
    path("<int:round_id>/themes/new/", views.theme_create, name="theme_create"),
    path("<int:round_id>/themes/<int:theme_id>/", views.theme_edit, name="theme"),
    path("<int:round_id>/questions/<slug:key>/", views.question, name="question"),
    path("<int:round_id>/questions/<slug:key>/code/", views.code, name="code"),
    path("<int:round_id>/questions/<slug:key>/code/<int:pseudonym>/", views.code, name="code_answer"),
    path("<int:round_id>/questions/<slug:key>/suggestions/", views.suggestions, name="suggestions"),
    path("<int:round_id>/coded-answers.<str:fmt>", views.export_coding, name="export_coding"),
    path("<int:round_id>/coded-answers/import/", views.import_coding, name="import_coding"),
]
