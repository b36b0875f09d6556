"""The public home page and the role-dependent dashboard entry point."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from participants.context_processors import roles
from participants.permissions import login_required

# Each role's own dashboard, provided by the app that owns that work.
DASHBOARDS = {
    "secretariat": "consult:secretariat_dashboard",
    "chair": "feedback:chair_dashboard",
    "participant": "feedback:participant_dashboard",
    "applicant": "participants:application_status",
}


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return redirect(DASHBOARDS[roles(request)["role"]])
