"""Every write about people goes through these services: lock, check, change, save, audit, e-mail.

How a request becomes a service call, an audit row and an e-mail: docs/architecture.md."""

from participants.roster import export_participants, import_participants
from participants.services.errors import (
    AcknowledgementMissing,
    AffiliationMissing,
    AlreadyInvited,
    DuplicateEmail,
    EmailNotConfirmed,
    IllegalTransition,
    InvalidConfirmationLink,
    InvitationUnusable,
    NoPendingChange,
    NotAllowed,
    NotEligible,
    ParticipantError,
    ReasonRequired,
)
from participants.services.invitations import (
    InvitationRequest,
    accept_invitation,
    invite_participant,
    resend_invitation,
    revoke_invitation,
)
from participants.services.profile import (
    AffiliationChange,
    ProfileDetails,
    acknowledge,
    correct_participant,
    request_affiliation_change,
    review_affiliation_change,
    set_notifications,
    update_profile,
)
from participants.services.registration import (
    Application,
    apply_to_register,
    confirm_email,
    register_participant,
    resend_confirmation,
)
from participants.services.vetting import (
    approve_participant,
    decide,
    decline_participant,
    reconsider_participant,
    remove_participant,
    withdraw_participant,
)

__all__ = [
    "AcknowledgementMissing",
    "AffiliationChange",
    "AffiliationMissing",
    "AlreadyInvited",
    "Application",
    "DuplicateEmail",
    "EmailNotConfirmed",
    "IllegalTransition",
    "InvalidConfirmationLink",
    "InvitationRequest",
    "InvitationUnusable",
    "NoPendingChange",
    "NotAllowed",
    "NotEligible",
    "ParticipantError",
    "ProfileDetails",
    "ReasonRequired",
    "accept_invitation",
    "acknowledge",
    "apply_to_register",
    "approve_participant",
    "confirm_email",
    "correct_participant",
    "decide",
    "decline_participant",
    "export_participants",
    "import_participants",
    "invite_participant",
    "reconsider_participant",
    "register_participant",
    "remove_participant",
    "request_affiliation_change",
    "resend_confirmation",
    "resend_invitation",
    "review_affiliation_change",
    "revoke_invitation",
    "set_notifications",
    "update_profile",
    "withdraw_participant",
]
