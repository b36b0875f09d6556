"""The Secretariat's overview: one cycle's rounds on a timeline, cap usage, progress, what happens next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from consult import selectors
from consult.models import Cycle, RoundState
from participants.permissions import secretariat_required


@secretariat_required
def secretariat_dashboard(request: HttpRequest) -> HttpResponse:
    cycles = list(Cycle.objects.all())
    chosen = request.GET.get("cycle", "")
    cycle = next((item for item in cycles if str(item.pk) == chosen), None) or selectors.current_cycle()
    rounds = list(selectors.rounds_visible_to(request.user).filter(cycle=cycle).order_by("opens_at")) if cycle else []
    planned = [round_ for round_ in rounds if round_.state not in (RoundState.DRAFT, RoundState.CANCELLED)]
    rates = selectors.response_rates(planned)
    for round_ in planned:
        round_.rate = rates[round_.pk]
        round_.upcoming = selectors.upcoming_transitions(round_)
    context = {
        "cycles": cycles,
        "cycle": cycle,
        "cap": selectors.cap_usage(cycle) if cycle else None,
        "planned": planned,
        "drafts": [round_ for round_ in rounds if round_.state == RoundState.DRAFT],
        "cancelled": [round_ for round_ in rounds if round_.state == RoundState.CANCELLED],
    }
    return render(request, "consult/secretariat_dashboard.html", context)
