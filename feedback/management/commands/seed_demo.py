"""Load the demo data used by `make run` (idempotent: running it again changes nothing visible)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from consult import demo as consultations
from consult.meetings import demo as meetings
from feedback import demo as answers
from feedback.analysis import demo as coding
from feedback.meeting_notes import demo as meeting_notes
from feedback.report import demo as reports
from feedback.summary import demo as summaries
from participants import demo as people


class Command(BaseCommand):
    help = (
        "Load demo data: staff, participants, rounds, answers, a summary, a time poll, replies, meeting notes, "
        "follow-up and the cycle reports. "
        "Safe to run repeatedly."
    )

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            logins = people.seed()
            rounds = consultations.seed()
            answers.seed(rounds)
            coding.seed(rounds.closed)
            summaries.seed(rounds.closed)
            held = meetings.seed(announced=rounds.online_meeting)
            meeting_notes.seed(held)
            reports.seed(rounds.closed)
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Log in at {settings.SITE_URL}/account/login/"))
        self.stdout.write(f"Password for every demo account: {people.DEMO_PASSWORD}")
        for login in logins:
            line = f"  {login.role:<38} {login.email}"
            self.stdout.write(f"{line}  ({login.note})" if login.note else line)
