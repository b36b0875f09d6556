"""The project's URLs; each app owns its own under a namespace."""

from django.contrib import admin
from django.urls import include, path

from participants.admin_site import guard_admin_site

guard_admin_site(admin.site)

urlpatterns = [
    path("", include("participants.urls_account")),
    path("", include("participants.urls")),
    path("rounds/", include("consult.urls")),
    path("feedback/", include("feedback.urls")),
    path("summaries/", include("feedback.summary.urls")),
    path("admin/", admin.site.urls),
]
