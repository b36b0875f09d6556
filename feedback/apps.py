from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback and summaries"

    def ready(self) -> None:
        from consult.notifications import announcement_attachments
        from feedback.services.questionnaire_files import announcement_files

        # The summary package's tasks are not in feedback/tasks.py, so huey's autodiscovery misses them.
        from feedback.summary import tasks  # noqa: F401

        # Consult announces rounds; feedback attaches the questionnaire files to announcements on request.
        announcement_attachments.connect(announcement_files, dispatch_uid="feedback.questionnaire_files")
