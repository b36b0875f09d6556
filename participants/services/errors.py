"""Named domain errors raised by the participant services; each str() is a message for the person acting."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from participants.domain_errors import DomainError


class ParticipantError(DomainError):
    """A participant service refused: the message is shown as is by views, admin actions and commands."""


class NotAllowed(ParticipantError):
    default_message = _("Only the Secretariat (or, for invitations, the Chair) may do this.")


class DuplicateEmail(ParticipantError):
    default_message = _(
        "An account with this e-mail address already exists. Log in, or choose “Forgotten your password?”."
    )


class AlreadyInvited(ParticipantError):
    default_message = _("This address already has an invitation waiting. Resend it from the list of invitations.")


class JoinsByInvitationOnly(ParticipantError):
    default_message = _("This category joins by invitation from the Chair or the Secretariat only (Annex 1, §6).")


class AcknowledgementMissing(ParticipantError):
    default_message = _("Both acknowledgements (personal capacity, §11; confidentiality, §12) are required.")


class AffiliationMissing(ParticipantError):
    default_message = _("Give a country for the State categories, or an organisation name otherwise.")


class InstrumentMissing(ParticipantError):
    """§3: an international or regional organisation registering itself names its instrument."""

    default_message = _(
        "Name the instrument under which your organisation manages reporting or information exchange (Annex 1, §3)."
    )


class StatementMissing(ParticipantError):
    """§4: nobody takes part without a statement of expertise and commitment."""

    default_message = _(
        "There is no statement of expertise and commitment (Annex 1, §4), so this person cannot be approved. "
        "Ask them to add one on their profile, then approve."
    )


class IllegalTransition(ParticipantError):
    """The participant's status does not allow this step (e.g. approving someone already removed)."""

    default_message = _("This step is not possible from the participant's current status.")


class EmailNotConfirmed(IllegalTransition):
    default_message = _("The applicant has not confirmed their e-mail address yet, so they cannot be approved.")


class ReasonRequired(ParticipantError):
    default_message = _("Give a reason: it is sent to the person.")


class InvalidConfirmationLink(ParticipantError):
    default_message = _("This confirmation link is not valid or has expired.")


class InvitationUnusable(ParticipantError):
    """The invitation link cannot be used; `reason` is one of unknown, expired, revoked, accepted."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        self.reason = reason
        super().__init__(message or _("This invitation link cannot be used (%(reason)s).") % {"reason": reason})


class NoPendingChange(ParticipantError):
    default_message = _("There is no change request waiting for this participant.")
