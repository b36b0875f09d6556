"""The applicant's page: where their application stands and what happens next."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from participants.permissions import login_required
from participants.selectors import application_of


def secretariat_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


@login_required
def application_status(request: HttpRequest) -> HttpResponse:
    participant = application_of(request.user)
    context = {"participant": participant, "secretariat_email": secretariat_address()}
    return render(request, "participants/application_status.html", context)
