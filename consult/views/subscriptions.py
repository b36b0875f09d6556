"""A participant's topics: which tools and Articles they hear about, and whether now or weekly."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consult import news, services
from consult.forms import SubscriptionForm
from consult.models import Frequency
from participants.permissions import approved_participant, participant_required


@participant_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    participant = approved_participant(request.user)
    current = news.subscription_of(participant)
    initial = {
        "tools": list(current.tools.all()) if current else [],
        "articles": current.articles if current else [],
        "frequency": current.frequency if current else Frequency.IMMEDIATELY,
    }
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_subscription(
            participant_id=participant.pk,
            tool_ids=[tool.pk for tool in data["tools"]],
            articles=data["articles"],
            frequency=data["frequency"],
        )
        messages.success(request, _("Your topics are saved."))
        return redirect("consult:subscriptions")
    context = {"form": form, "subscription": current, "participant": participant}
    return render(request, "consult/subscriptions.html", context)
