from django.apps import AppConfig


class ConsultConfig(AppConfig):
    name = "consult"
    verbose_name = "Consultations"

    def ready(self) -> None:
        from consult.audit_vocabulary import register_vocabulary
        from consult.todo import register_todo

        register_vocabulary()
        register_todo()
