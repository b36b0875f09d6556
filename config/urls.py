"""The project's URLs; each app owns its own under a namespace."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from config import user_guide
from consult.meetings.webhook import inbound_patterns
from participants.admin_site import guard_admin_site

guard_admin_site(admin.site)


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the hashed static name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


urlpatterns = [
    path("", include("participants.urls_account")),
    path("", include("participants.urls")),
    path("rounds/", include("consult.urls")),
    path("meetings/", include("consult.meetings.urls")),
    path("feedback/", include("feedback.urls")),
    path("summaries/", include("feedback.summary.urls")),
    path("analysis/", include("feedback.analysis.urls")),
    path("reports/", include("feedback.report.urls")),
    path("guide/", user_guide.guide, name="user_guide_index"),
    path("guide/img/<str:name>", user_guide.guide_image, name="user_guide_image"),
    path("guide/<slug:role>/", user_guide.guide, name="user_guide"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing).
    path("favicon.ico", favicon),
]

if settings.INBOUND_EMAIL_ESP:
    # Calendar replies e-mailed to the organizer, posted by the ESP's inbound route (docs/meetings.md).
    urlpatterns.append(path("anymail/", include((inbound_patterns(settings.INBOUND_EMAIL_ESP), "anymail"))))
