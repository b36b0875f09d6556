"""How the participants app's actions read in the audit trail (registered in ParticipantsConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from participants.audit.phrases import Phrase, register

PEOPLE = {
    "participant.register": Phrase(
        _("Registration"),
        lambda values: (
            _("{target} accepted an invitation and registered")
            if values.get("source") == "invitation"
            else _("{target} registered")
        ),
    ),
    "participant.register_existing": Phrase(
        _("Registration form filled in with a known address"),
        _("Someone filled in the registration form with the address of {target}; they were told by e-mail"),
    ),
    "participant.email_confirmed": Phrase(_("E-mail address confirmed"), _("{target} confirmed their e-mail address")),
    "participant.approve": Phrase(_("Application approved"), _("{actor} approved the application of {target}")),
    "participant.decline": Phrase(_("Application declined"), _("{actor} declined the application of {target}")),
    "participant.reconsider": Phrase(
        _("Declined application reopened"), _("{actor} reopened the declined application of {target}")
    ),
    "participant.withdraw": Phrase(
        _("Withdrawal"), _("{actor} recorded that {target} left the group"), by_self=_("{target} left the group")
    ),
    "participant.remove": Phrase(_("Participant removed"), _("{actor} removed {target} from the group")),
    "participant.profile_update": Phrase(
        _("Profile updated"), _("{actor} updated the profile of {target}"), by_self=_("{target} updated their profile")
    ),
    "participant.change_request": Phrase(
        _("Change of category or affiliation asked for"), _("{target} asked to change their category or affiliation")
    ),
    "participant.change_accept": Phrase(
        _("Change of category or affiliation accepted"),
        _("{actor} accepted the change of category or affiliation {target} asked for"),
    ),
    "participant.change_decline": Phrase(
        _("Change of category or affiliation declined"),
        _("{actor} declined the change of category or affiliation {target} asked for"),
    ),
    "participant.acknowledge": Phrase(
        _("Acknowledgements confirmed"),
        _("{target} confirmed the personal-capacity and confidentiality acknowledgements"),
    ),
    "participant.correct": Phrase(_("Record corrected"), _("{actor} corrected the record of {target}")),
    "participant.erasure_requested": Phrase(
        _("Erasure asked for"),
        _("{actor} recorded a request to erase the personal data of {target}"),
        by_self=_("{target} asked for their account and personal data to be deleted"),
    ),
    "participant.erase": Phrase(_("Personal data erased"), _("{actor} erased the personal data of {target}")),
    "participant.demo_seed": Phrase(_("Demo data loaded"), _("Demo data: {target} was set up as {to_state}")),
    "invitation.send": Phrase(_("Invitation sent"), _("{actor} invited {target}"), strip="Invitation for "),
    "invitation.resend": Phrase(
        _("Invitation sent again"), _("{actor} sent the invitation to {target} again"), strip="Invitation for "
    ),
    "invitation.revoke": Phrase(
        _("Invitation revoked"), _("{actor} revoked the invitation to {target}"), strip="Invitation for "
    ),
    "participant.import": Phrase(_("Added by import"), _("{actor} added {target} from a participant list")),
    "participants.import": Phrase(
        _("Participant list imported"),
        _("{actor} imported the participant list: {created} added, {updated} updated, {unchanged} unchanged"),
    ),
    "participants.export": Phrase(
        _("Participant list downloaded"), _("{actor} downloaded the participant list ({rows} rows, {format})")
    ),
    "audit.export": Phrase(_("Audit trail downloaded"), _("{actor} downloaded the audit trail ({rows} events)")),
    "email.retry": Phrase(_("Failed e-mail sent again"), _("{actor} sent {messages_count} failed e-mails again")),
}

ACCOUNTS = {
    "account.unlock": Phrase(_("Account unlocked"), _("{actor} unlocked the account of {target}")),
    "account.two_factor_reset": Phrase(
        _("Two-step verification reset"), _("{actor} reset the two-step verification of {target}")
    ),
    "account.two_factor_enabled": Phrase(
        _("Two-step verification turned on"), _("{target} turned on two-step verification")
    ),
    "account.backup_codes_regenerated": Phrase(_("Backup codes renewed"), _("{target} made new backup codes")),
    "account.password_reset": Phrase(
        _("Password chosen through the e-mailed link"), _("{target} chose a new password through the e-mailed link")
    ),
    "account.roles_changed": Phrase(_("Roles or access changed"), _("{actor} changed the roles or access of {target}")),
    "group.permissions_changed": Phrase(
        _("Group permissions changed"), _("{actor} changed what the {target} group may do")
    ),
}


def register_vocabulary() -> None:
    register(_("Participants"), PEOPLE, links={"participants.participant": "participants:participant_detail"})
    register(_("Accounts and access"), ACCOUNTS)
