"""Links that act for the recipient leave the stored e-mail body: a field the admin never shows holds them
until the message is sent. Messages stored before keep their links in the body: erase them there."""

import re

from django.db import migrations, models

LIVE_LINKS = re.compile(
    r"https?://[^\s\"'<>]*/(?:account/password/reset/[^/\s\"'<>]+/[^/\s\"'<>]+|invitation/[^/\s\"'<>]+"
    r"|register/confirm/[^/\s\"'<>]+)/"
)
REMOVED = "⟦link removed from the stored copy⟧"
TEMPLATES = ("participants/emails/password_reset", "participants/emails/invitation", "participants/emails/confirm_email")


def redact_stored_links(apps, schema_editor):
    OutboundEmail = apps.get_model("participants", "OutboundEmail")
    for message in OutboundEmail.objects.filter(template__in=TEMPLATES).only("pk", "body", "html", "status"):
        if message.status == "sent":
            body, html = LIVE_LINKS.sub(REMOVED, message.body), LIVE_LINKS.sub(REMOVED, message.html)
            OutboundEmail.objects.filter(pk=message.pk).update(body=body, html=html)


class Migration(migrations.Migration):
    dependencies = [("participants", "0009_fold_email_addresses")]

    operations = [
        migrations.AddField(
            model_name="outboundemail",
            name="secret_links",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(redact_stored_links, migrations.RunPython.noop),
    ]
