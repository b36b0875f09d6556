"""Forms of the participants app; each maps cleanly onto one service's arguments."""

from participants.forms.profile import AffiliationChangeForm, NotificationsForm, ProfileForm, WithdrawForm
from participants.forms.registration import AcceptInvitationForm, RegistrationForm
from participants.forms.staff import (
    AuditFilterForm,
    ChangeReviewForm,
    DecisionForm,
    InvitationForm,
    ParticipantFilterForm,
)

__all__ = [
    "AcceptInvitationForm",
    "AffiliationChangeForm",
    "AuditFilterForm",
    "ChangeReviewForm",
    "DecisionForm",
    "InvitationForm",
    "NotificationsForm",
    "ParticipantFilterForm",
    "ProfileForm",
    "RegistrationForm",
    "WithdrawForm",
]
