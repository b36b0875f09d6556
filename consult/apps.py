from django.apps import AppConfig


class ConsultConfig(AppConfig):
    name = "consult"
    verbose_name = "Consultations"

    def ready(self) -> None:
        from consult.audit_vocabulary import register_vocabulary
        from consult.tasks import invite_on_approval
        from consult.todo import register_todo
        from participants.signals import participant_approved

        register_vocabulary()
        register_todo()
        participant_approved.connect(invite_on_approval, dispatch_uid="consult.invite_on_approval")
