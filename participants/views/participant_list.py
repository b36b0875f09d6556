"""The Secretariat's participant list (§2): filter, search, export, and one participant's record."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants import roster
from participants.eligibility import explain_category
from participants.forms import ChangeReviewForm, DecisionForm, ParticipantFilterForm
from participants.models import Participant
from participants.permissions import secretariat_required
from participants.selectors import access_participant, history_of, participants_for_secretariat
from participants.services.accounts import sign_in_state

PAGE_SIZE = 50
# Labels for the decision buttons, by transition name; the order is the order on the page.
DECISION_LABELS = {
    "approve": _("Approve"),
    "decline": _("Decline"),
    "reconsider": _("Reconsider (back to vetting)"),
    "remove": _("Remove from the group"),
    "withdraw": _("Record a withdrawal"),
}


@secretariat_required
def participant_list(request: HttpRequest) -> HttpResponse:
    form = ParticipantFilterForm(request.GET or None)
    participants = participants_for_secretariat(request.user, form.filters())
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(form.filters().__dict__.values()),
    }
    return render(request, "participants/participant_list.html", context)


@secretariat_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as a file, in the same format as `export_participants`."""
    if fmt not in roster.EXPORT_FORMATS:
        raise Http404
    form = ParticipantFilterForm(request.GET or None)
    queryset = participants_for_secretariat(request.user, form.filters())
    content = roster.export_participants(fmt=fmt, by=request.user, queryset=queryset, source="participant list")
    response = HttpResponse(content, content_type=roster.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="participants-{timezone.now():%Y-%m-%d}.{fmt}"'
    return response


def available_decisions(participant: Participant) -> list[tuple[str, str]]:
    names = {transition.name for transition in participant.get_available_status_transitions()}
    names.discard("register")  # only the invitee does that, through their link
    return [(name, label) for name, label in DECISION_LABELS.items() if name in names]


def render_detail(
    request: HttpRequest,
    participant: Participant,
    *,
    decision_form: DecisionForm | None = None,
    change_form: ChangeReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "participant": participant,
        "eligibility": explain_category(participant.category),
        "decisions": available_decisions(participant),
        "decision_form": decision_form or DecisionForm(),
        "change_form": change_form or ChangeReviewForm(),
        "history": history_of(request.user, participant)[:100],
        "invitations": participant.invitations.select_related("invited_by"),
        "sign_in": sign_in_state(participant.user),
    }
    return render(request, "participants/participant_detail.html", context, status=status)


@secretariat_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, access_participant(request.user, pk))
