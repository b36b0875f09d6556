from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback and summaries"

    def ready(self) -> None:
        from consult import responses
        from consult.notifications import announcement_attachments
        from feedback import receivers
        from feedback.audit_vocabulary import register_vocabulary
        from feedback.services.questionnaire_files import announcement_files
        from feedback.summary import tasks  # noqa: F401 (huey's autodiscovery reads feedback/tasks.py only)
        from feedback.todo import register_todo
        from participants.signals import participant_erased, personal_data_requested

        register_vocabulary()
        register_todo()

        # Consult announces rounds; feedback attaches the questionnaire files to announcements on request.
        announcement_attachments.connect(announcement_files, dispatch_uid="feedback.questionnaire_files")
        participant_erased.connect(receivers.forget_letters, dispatch_uid="feedback.forget_letters")
        personal_data_requested.connect(receivers.own_responses, dispatch_uid="feedback.own_responses")
        responses.register(receivers.SubmittedResponses())
