"""The Secretariat's overview: one cycle's rounds on a timeline, cap usage, progress, what happens next."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from consult import selectors
from consult.models import Cycle, Round, RoundState
from participants.permissions import secretariat_required
from participants.todo import tasks_for


def _rounds_of(request: HttpRequest, cycle: Cycle) -> list[Round]:
    """The cycle's rounds in opening order, each with its number of questions (no query per round)."""
    rounds = selectors.rounds_visible_to(request.user).filter(cycle=cycle).order_by("opens_at")
    return list(rounds.annotate(question_count=Count("questions", filter=Q(questions__retired=False))))


@secretariat_required
def secretariat_dashboard(request: HttpRequest) -> HttpResponse:
    cycles = list(Cycle.objects.all())
    chosen = request.GET.get("cycle", "")
    cycle = next((item for item in cycles if str(item.pk) == chosen), None) or selectors.current_cycle()
    rounds = _rounds_of(request, cycle) if cycle else []
    planned = [round_ for round_ in rounds if round_.state not in (RoundState.DRAFT, RoundState.CANCELLED)]
    rates = selectors.response_rates(planned)
    for round_ in planned:
        round_.rate = rates[round_.pk]
        round_.upcoming = selectors.upcoming_transitions(round_)
    context = {
        "tasks": tasks_for(request.user),
        "cycles": cycles,
        "cycle": cycle,
        "cap": selectors.cap_usage(cycle) if cycle else None,
        "planned": planned,
        "drafts": [round_ for round_ in rounds if round_.state == RoundState.DRAFT],
        "cancelled": [round_ for round_ in rounds if round_.state == RoundState.CANCELLED],
    }
    return render(request, "consult/secretariat_dashboard.html", context)
