from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback and summaries"

    def ready(self) -> None:
        # The summary package's tasks are not in feedback/tasks.py, so huey's autodiscovery misses them.
        from feedback.audit_vocabulary import register_vocabulary
        from feedback.summary import tasks  # noqa: F401
        from feedback.todo import register_todo

        register_vocabulary()
        register_todo()
