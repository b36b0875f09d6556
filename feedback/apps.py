from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback and summaries"

    def ready(self) -> None:
        from consult.notifications import announcement_attachments
        from feedback.audit_vocabulary import register_vocabulary
        from feedback.services.questionnaire_files import announcement_files
        from feedback.summary import tasks  # noqa: F401 (huey's autodiscovery reads feedback/tasks.py only)
        from feedback.todo import register_todo

        register_vocabulary()
        register_todo()

        # Consult announces rounds; feedback attaches the questionnaire files to announcements on request.
        announcement_attachments.connect(announcement_files, dispatch_uid="feedback.questionnaire_files")
