"""The project's URLs plus one view that fails, to see the 500 page as a user would."""

from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def crash(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*project_urlpatterns, path("crash/", crash)]
