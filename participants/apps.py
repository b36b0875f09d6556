from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Participants"

    def ready(self) -> None:
        from participants import roles, second_factor  # noqa: F401 (connects signal receivers)
        from participants.audit.vocabulary import register_vocabulary
        from participants.models import Invitation, OutboundEmail, Participant
        from participants.todo import register, secretariat_tasks

        register_vocabulary()
        register(secretariat_tasks, order=10, counts=(Participant, Invitation, OutboundEmail))

        # Not limited to this app: the other apps create their permissions in their own post_migrate.
        post_migrate.connect(roles.grant_secretariat_permissions, dispatch_uid="grant_secretariat_permissions")
