from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "consult.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from anymail.signals import inbound

        from consult.meetings.inbound import receive_inbound_email

        # Calendar programs reply to the organizer's address; the ESP's inbound webhook brings it here.
        inbound.connect(receive_inbound_email, dispatch_uid="meetings.calendar_replies")
